import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageKey } from '../../src/reminders/plan.js';
import { startSlackApp } from '../fixtures/slack/harness.js';
import { DAY_MS } from '../support/app.js';
import { ShiftedClock } from '../support/clock.js';
import { formFields, signIn } from '../support/dashboard-session.js';
import { api, tokenFor } from './moderation-support.js';

/**
 * The roster page and its API as staff use them, through the real HTTP server with Slack configured
 * (a fake Slack Web API on 127.0.0.1 records every DM) and Teams not: a CSV upload with bad lines, the
 * preview before an invitation and a reminder, confirm, a refresh and a re-POST that send nothing
 * twice, and the frequency cap (REMINDER_MIN_GAP_HOURS, default 20 h) across an invitation, a plan
 * stage and manual sends, on a test clock; overriding it is an explicit, audited choice.
 */
const HOUR_MS = 60 * 60 * 1000;
const CSV = [
  'platform,team_id,user_id,email,name,organization',
  'slack,T0001,UPAGE0001,,Ada Okafor,"Harbor Light, Inc."',
  'slack,T0001,UPAGE0002,,Bo,Riverside Advocates',
  'fax,,,,,',
  'slack,not-a-team,UPAGE0003,,,',
  'teams,,29:1PageTeamsPartner,,Teo,Northside Clinic',
  '',
].join('\r\n');

describe('The roster page: CSV upload, preview and confirm, the frequency cap', () => {
  const clock = new ShiftedClock();
  let harness: Awaited<ReturnType<typeof startSlackApp>>;
  let staffToken = '';
  let session: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    harness = await startSlackApp({
      clock,
      env: { REMINDER_RATE_PER_SECOND: '50', RFI_DEADLINE: new Date(Date.now() + 10 * DAY_MS).toISOString() },
    });
    staffToken = (await tokenFor(harness.app, 'staff', 'Sam Staff')).token;
    session = await signIn(harness.app, staffToken);
    // No quiet hours (the test runs at any hour); the 14-day stage is due already, the 3-day one is not.
    const plan = await session.postForm('/moderate/roster/plan', {
      ...formFields(await session.page('/moderate/roster'), '/moderate/roster/plan'),
      daysBefore: '14, 3',
      localHour: '10',
      quietStart: '0',
      quietEnd: '0',
      weekends: '1',
    });
    expect(plan.status).toBe(303);
  });
  afterAll(async () => {
    await harness?.cleanup();
  });

  const dms = (user: string) => harness.slackApi.posts().filter((post) => post.channel === `D${user}`);
  const drain = () => harness.app.staff.executor.drain();
  const audit = (action: string) => harness.app.database.moderation.listAudit({ limit: 50, action });
  const csvPost = (body: string, contentType = 'text/csv') =>
    fetch(`${harness.app.url}/api/roster/import`, { method: 'POST', headers: { authorization: `Bearer ${staffToken}`, 'content-type': contentType }, body });

  it('the plan form saved the plan (through the same rules as PUT /api/reminders/plan), and shows it', async () => {
    expect(await api(harness.app, staffToken).json('/api/reminders/plan')).toEqual({ daysBefore: [14, 3], localHour: 10, quietHours: { start: 0, end: 0 }, weekends: true });
    const page = await session.page('/moderate/roster?notice=plan-saved');
    expect(page).toContain('The reminder plan is saved.');
    expect(page).toContain('value="14, 3"');
    expect(page).toContain('less than 20 hours apart');
    // A plan that cannot work is refused with the reason, and the stored one stays.
    const refused = await session.postForm('/moderate/roster/plan', {
      ...formFields(page, '/moderate/roster/plan'),
      daysBefore: '7, -2',
      localHour: '10',
      quietStart: '0',
      quietEnd: '0',
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/The plan was not saved:.*after the deadline/);
    expect((await audit('reminder-plan-changed')).length).toBe(1);
  });

  it('POST /api/roster/import: the good lines are imported, the bad ones named by line; audited with counts only', async () => {
    const response = await csvPost(CSV);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      imported: 3,
      created: 3,
      updated: 0,
      errors: [
        { line: 4, message: 'platform must be slack, teams or webchat' },
        { line: 5, message: expect.stringMatching(/teamId must be a Slack team id/) },
      ],
    });
    const [entry] = await audit('roster-import');
    expect(entry?.detail).toEqual({ source: 'csv', imported: 3, created: 3, updated: 0, errors: 2 });
  });

  it('refuses a body that is not text/csv, a file without a header, and an oversized file, saying how to fix each', async () => {
    const json = await csvPost('{"partners":[]}', 'application/json');
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: { details: string[] } }).error.details[0]).toMatch(/Content-Type: text\/csv/);
    const noHeader = await csvPost('slack,T0001,UAAA0001\n');
    expect(noHeader.status).toBe(400);
    expect(((await noHeader.json()) as { error: { details: string[] } }).error.details[0]).toMatch(/The first line must be a header/);
    const huge = await csvPost('a'.repeat(4 * 1024 * 1024 + 1));
    expect(huge.status).toBe(413);
    const error = ((await huge.json()) as { error: { code: string; details: string[] } }).error;
    expect(error.code).toBe('BODY_TOO_LARGE');
    expect(error.details[0]).toMatch(/split it into smaller files/);
  });

  it('the page upload (a file input, CSRF like every form) answers 303 to the same line-numbered report', async () => {
    const page = await session.page('/moderate/roster');
    expect(page).toMatch(/<form method="post" action="\/moderate\/roster\/import" enctype="multipart\/form-data"/);
    const upload = (csrf: string) => {
      const form = new FormData();
      form.append('_csrf', csrf);
      form.append('file', new Blob([CSV], { type: 'text/csv' }), 'partners.csv');
      return session.postMultipart('/moderate/roster/import', form);
    };
    expect((await upload('wrong-token')).status).toBe(403);
    const answered = await upload(formFields(page, '/moderate/roster/import')._csrf ?? '');
    expect(answered.status).toBe(303);
    const location = answered.headers.get('location') ?? '';
    expect(location).toMatch(/^\/moderate\/roster\/imports\/[0-9a-f-]{36}$/);
    const report = await session.page(location);
    expect(report).toContain('Imported 3 partner(s): 0 new, 3 already on the roster. 2 line(s) not imported.');
    expect(report).toMatch(/<td>4<\/td><td>platform must be slack, teams or webchat<\/td>/);
    expect(report).toMatch(/<td>5<\/td><td>teamId must be a Slack team id/);
    // A file over the limit is refused with a notice on the roster page, and nothing is imported.
    const huge = new FormData();
    huge.append('_csrf', formFields(page, '/moderate/roster/import')._csrf ?? '');
    huge.append('file', new Blob(['a'.repeat(4 * 1024 * 1024 + 70 * 1024)], { type: 'text/csv' }), 'huge.csv');
    const refused = await session.postMultipart('/moderate/roster/import', huge);
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toBe('/moderate/roster?notice=csv-too-large');
    expect(await session.page('/moderate/roster?notice=csv-too-large')).toContain('That file is too large to import at once.');
    // Reading the report again imports nothing again.
    expect(await session.page(location)).toBe(report);
    expect((await audit('roster-import')).length).toBe(2);
  });

  it('lists each partner with their organization and how they can be reached; web chat visitors are a count, not rows', async () => {
    const chat = await fetch(`${harness.app.url}/chat/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const { sessionId } = (await chat.json()) as { sessionId: string };
    await fetch(`${harness.app.url}/chat/api/sessions/${sessionId}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'agree' }) });
    await expect.poll(async () => (await harness.app.database.roster.visitorCounts()).total).toBe(1);

    const page = await session.page('/moderate/roster');
    expect(page).toMatch(/<td>Ada Okafor<\/td><td>Harbor Light, Inc\.<\/td><td>slack<\/td><td>Slack<\/td>/);
    expect(page).toMatch(/<td>Teo<\/td><td>Northside Clinic<\/td><td>teams<\/td><td>Not reachable: has not talked to the bot yet<\/td>/);
    expect(page).toContain('1 people used the web chat on their own, without being on your roster: 1 in progress, 0 submitted, 0 asked for reminders by email.');
    expect(page.match(/<td>webchat<\/td>/g)).toBeNull();
  });

  it('previews an invitation (reach by channel, who cannot be reached and why, the message), sends it once on confirm; a refresh and a re-POST send nothing', async () => {
    const roster = await session.page('/moderate/roster');
    // The send forms are GETs of the preview: nothing goes out from the roster page itself.
    expect(roster).toMatch(/<form method="get" action="\/moderate\/roster\/preview"/);
    const preview = await session.page('/moderate/roster/preview?kind=invite&message=Welcome%20from%20the%20coalition');
    expect(preview).toContain('Reaches 2 partner(s)');
    expect(preview).toMatch(/Slack: <strong>2<\/strong>/);
    expect(preview).toMatch(/Teams: <strong>0<\/strong>/);
    expect(preview).toContain('Cannot reach 1 partner(s)');
    expect(preview).toMatch(/has not talked to the bot yet: <strong>1<\/strong>/);
    expect(preview).toContain('You are invited to share your experience');
    expect(preview).toContain('A note from the organizers: Welcome from the coalition');
    expect(harness.slackApi.posts()).toHaveLength(0);

    const form = formFields(preview, '/moderate/roster/send');
    const confirmed = await session.postForm('/moderate/roster/send', form);
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe('/moderate/roster?notice=queued');
    await drain();
    expect(dms('UPAGE0001')).toHaveLength(1);
    expect(dms('UPAGE0002')).toHaveLength(1);
    expect(dms('UPAGE0001')[0]?.text).toContain('Welcome from the coalition');

    // The browser refreshes the page it was sent to: a GET, nothing is sent.
    expect(await session.page('/moderate/roster?notice=queued')).toContain('Queued.');
    // The same form posted again (back button, double click): the one-time token makes it a no-op.
    const again = await session.postForm('/moderate/roster/send', form);
    expect(again.headers.get('location')).toBe('/moderate/roster?notice=duplicate');
    await drain();
    expect(harness.slackApi.posts()).toHaveLength(2);
    expect((await audit('roster-invite')).length).toBe(1);
    // A new preview finds nobody left to invite.
    const next = await session.page('/moderate/roster/preview?kind=invite');
    expect(next).toContain('Already invited (not invited again): 2');
    expect(next).toContain('Nobody can be reached right now');
    expect(next).not.toContain('action="/moderate/roster/send"');
  });

  it('the frequency cap holds a plan stage due an hour after the invitation (skipped, never sent late)', async () => {
    clock.advance(HOUR_MS);
    expect(await harness.app.staff.scheduler.tick()).toBe(2);
    await drain();
    const stage = stageKey(harness.app.flow.id, 14);
    expect(await api(harness.app, staffToken).json(`/api/reminders/${stage}`)).toMatchObject({ sent: 0, skipped: 2, done: true });
    expect(harness.slackApi.posts()).toHaveLength(2);
  });

  it('a manual reminder within the cap reaches no one unless staff override it explicitly; the override is audited', async () => {
    const preview = await session.page('/moderate/roster/preview?kind=reminder&audience=not-started');
    expect(preview).toContain('Reaches 0 partner(s)');
    expect(preview).toMatch(/held back by the frequency cap \(a message reached them recently\): <strong>2<\/strong>/);
    expect(preview).toContain('Also send to the 2 partner(s) the frequency cap holds back');
    expect(preview).toContain('days left');

    const form = formFields(preview, '/moderate/roster/send');
    const held = await session.postForm('/moderate/roster/send', form);
    expect(held.headers.get('location')).toBe('/moderate/roster?notice=nothing');
    await drain();
    expect(harness.slackApi.posts()).toHaveLength(2);
    expect(await audit('reminder-cap-override')).toHaveLength(0);

    const overridden = await session.postForm('/moderate/roster/send', { ...formFields(await session.page('/moderate/roster/preview?kind=reminder&audience=not-started'), '/moderate/roster/send'), overrideCap: '1' });
    expect(overridden.headers.get('location')).toBe('/moderate/roster?notice=queued');
    await drain();
    expect(dms('UPAGE0001')).toHaveLength(2);
    expect(dms('UPAGE0001')[1]?.text).toMatch(/A reminder about/);
    const [entry] = await audit('reminder-cap-override');
    expect(entry).toMatchObject({ actorName: 'Sam Staff', detail: { audience: 'not-started', queued: 2 } });
  });

  it('once the gap has passed, the next reminder goes out, and a second one minutes later is held back', async () => {
    clock.advance(21 * HOUR_MS);
    const sent = (await (await api(harness.app, staffToken).post('/api/reminders/send', { audience: 'unfinished' })).json()) as { id: string; queued: number };
    expect(sent.queued).toBe(2);
    await drain();
    expect(dms('UPAGE0001')).toHaveLength(3);

    clock.advance(5 * 60 * 1000);
    const preview = (await (await api(harness.app, staffToken).post('/api/reminders/preview', { kind: 'reminder', audience: 'unfinished' })).json()) as {
      reachable: number;
      reach: Record<string, number>;
      cannotReach: Record<string, number>;
    };
    expect(preview).toMatchObject({ reachable: 0, reach: { slack: 0, teams: 0, email: 0 }, cannotReach: { frequencyCap: 2, notConnected: 1 } });
    const again = (await (await api(harness.app, staffToken).post('/api/reminders/send', { audience: 'unfinished' })).json()) as { queued: number };
    expect(again.queued).toBe(0);
    await drain();
    expect(dms('UPAGE0001')).toHaveLength(3);
    expect(dms('UPAGE0002')).toHaveLength(3);
  });

  it('keeps partner names, organizations and staff notes out of the logs', () => {
    expect(harness.logs.text).not.toContain('Ada Okafor');
    expect(harness.logs.text).not.toContain('Harbor Light');
    expect(harness.logs.text).not.toContain('Welcome from the coalition');
    expect(harness.logs.text).not.toContain(staffToken);
  });
});
