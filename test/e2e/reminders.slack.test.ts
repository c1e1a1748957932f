import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewSubmission } from '../../src/core/submission.js';
import { conversationKeyToString } from '../../src/core/types.js';
import { buttonValues, startSlackApp } from '../fixtures/slack/harness.js';
import { dmEvent, TEAM } from '../fixtures/slack/payloads.js';
import { api, tokenFor } from './moderation-support.js';

/**
 * The staff side on Slack, through the real server: the roster API (staff token), invitations and
 * reminders delivered by the worker to a fake Slack Web API on 127.0.0.1, and partners' own
 * "stop reminders" / "start reminders" as signed Slack events.
 */
const NO_QUIET_HOURS = { daysBefore: [14, 7, 2, 1, 0], localHour: 10, quietHours: { start: 0, end: 0 }, weekends: true };

interface RosterJson {
  partners: Array<{ id: string; userId: string | null; status: string; name: string | null; reachable: boolean }>;
  progress: { total: number; invited: number; started: number; submitted: number; optedOut: number; unreachable: number };
}

describe('Staff on Slack: roster, invitations and reminders', () => {
  let harness: Awaited<ReturnType<typeof startSlackApp>>;
  let staff: ReturnType<typeof api>;
  const put = (path: string, body: unknown) =>
    fetch(`${harness.app.url}${path}`, { method: 'PUT', headers: { authorization: `Bearer ${staffToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  let staffToken = '';

  beforeAll(async () => {
    // The frequency cap is off here: these tests send several messages to one partner in seconds on
    // purpose (the cap has its own suite, roster.page.test.ts).
    harness = await startSlackApp({ env: { REMINDER_RATE_PER_SECOND: '50', REMINDER_MIN_GAP_HOURS: '0', STAFF_USERS: `slack:${TEAM}:USTAFF01, teams:tenant-x:user-y` } });
    staffToken = (await tokenFor(harness.app, 'staff')).token;
    staff = api(harness.app, staffToken);
    harness.slackApi.emails.set('ana@example.org', 'UANA0001');
    harness.slackApi.goneUsers.add('UGONE001');
    expect((await put('/api/reminders/plan', NO_QUIET_HOURS)).status).toBe(200);
  });
  afterAll(async () => {
    await harness?.cleanup();
  });

  const roster = () => staff.json<RosterJson>('/api/roster');
  const postsTo = (user: string) => harness.slackApi.posts().filter((post) => post.channel === `D${user}`);
  const drain = () => harness.app.staff.executor.drain();

  it('refuses the roster API without a staff token', async () => {
    expect((await api(harness.app).get('/api/roster')).status).toBe(401);
    expect((await api(harness.app).post('/api/reminders/send', { audience: 'unfinished' })).status).toBe(401);
  });

  it('imports good rows, reports bad ones by index, resolves Slack emails, and keeps one record per partner', async () => {
    const response = await staff.post('/api/roster', {
      partners: [
        { platform: 'slack', teamId: TEAM, userId: 'UBEA0001', name: 'Bea', organization: 'Harbor Light' },
        { platform: 'slack', teamId: TEAM, email: 'ana@example.org' },
        { platform: 'slack', teamId: TEAM, userId: 'UBEA0001' },
        { platform: 'slack', teamId: TEAM, email: 'nobody@example.org' },
        { platform: 'fax', userId: 'x' },
        { platform: 'slack', teamId: 'not a team', userId: 'UCAL0001' },
        { platform: 'slack', teamId: TEAM, userId: 'UGONE001' },
        { platform: 'teams', userId: '29:1AbCdEf-never-talked' },
      ],
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { imported: number; errors: Array<{ index: number; message: string }> };
    expect(body.imported).toBe(5);
    expect(body.errors.map((error) => error.index)).toEqual([3, 4, 5]);
    expect(body.errors[0]?.message).toMatch(/no member of this Slack workspace has this email/);
    expect(body.errors[1]?.message).toMatch(/platform must be slack, teams or webchat/);
    expect(body.errors[2]?.message).toMatch(/teamId must be a Slack team id/);

    const listed = await roster();
    expect(listed.partners.map((p) => p.userId).sort()).toEqual(['29:1AbCdEf-never-talked', 'UANA0001', 'UBEA0001', 'UGONE001']);
    expect(listed.partners.find((p) => p.userId === 'UBEA0001')).toMatchObject({ name: 'Bea', status: 'invited', reachable: true });
    expect(listed.partners.find((p) => p.userId?.startsWith('29:'))).toMatchObject({ reachable: false });
    expect(listed.progress).toMatchObject({ total: 4, invited: 4 });
  });

  it('answers a clear 400 for a malformed roster body, an unknown audience and a plan with a stage after the deadline', async () => {
    const bad = await staff.post('/api/roster', { people: [] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('INVALID_PARAMETERS');
    const audience = await staff.post('/api/reminders/send', { audience: 'everyone' });
    expect(audience.status).toBe(400);
    const audienceError = ((await audience.json()) as { error: { message: string; details: string[] } }).error;
    expect(audienceError.message).toBe('Some parameters are not valid; see details.');
    expect(audienceError.details[0]).toMatch(/audience must be one of not-started, in-progress, unfinished/);
    const plan = await put('/api/reminders/plan', { ...NO_QUIET_HOURS, daysBefore: [7, -2] });
    expect(plan.status).toBe(400);
    expect(((await plan.json()) as { error: { details: string[] } }).error.details[0]).toMatch(/after the deadline/);
    expect(await staff.json('/api/reminders/plan')).toEqual(NO_QUIET_HOURS);
  });

  it('invites every invited partner once by DM (conversations.open, then chat.postMessage), and marks the unreachable', async () => {
    const response = await staff.post('/api/roster/invite', { all: true });
    expect(response.status).toBe(202);
    const { id, queued } = (await response.json()) as { id: string; queued: number };
    expect(queued).toBe(3); // the Teams partner has no conversation yet
    await drain();
    expect(await staff.json(`/api/reminders/${id}`)).toMatchObject({ queued: 0, sent: 2, failed: 1, skipped: 0, done: true });
    expect(harness.slackApi.callsTo('conversations.open').map((call) => call.body.users).sort()).toEqual(['UANA0001', 'UBEA0001', 'UGONE001']);
    const invite = postsTo('UBEA0001');
    expect(invite).toHaveLength(1);
    expect(invite[0]?.text).toMatch(/You are invited to share your experience/);
    expect(buttonValues(invite)).toEqual(['resume']);
    expect((await roster()).partners.find((p) => p.userId === 'UGONE001')?.status).toBe('unreachable');

    // A second invitation reaches no one twice.
    const again = (await (await staff.post('/api/roster/invite', { all: true })).json()) as { queued: number };
    expect(again.queued).toBe(0);
  });

  it('reminds partners who started, with the countdown, their progress and Resume / Stop reminders buttons', async () => {
    await harness.client.expectReplies(() => harness.client.sendEvent(dmEvent('UBEA0001', 'hello')));
    await harness.client.expectReplies(() => harness.client.sendEvent(dmEvent('UBEA0001', 'agree')));
    await expect.poll(async () => (await roster()).partners.find((p) => p.userId === 'UBEA0001')?.status).toBe('started');

    const before = postsTo('UBEA0001').length;
    const response = await staff.post('/api/reminders/send', { audience: 'in-progress', message: 'We would love to hear from you.' });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    await drain();
    expect(await staff.json(`/api/reminders/${id}`)).toMatchObject({ queued: 0, sent: 1, failed: 0, done: true });
    const reminder = postsTo('UBEA0001').slice(before);
    expect(reminder).toHaveLength(1);
    expect(reminder[0]?.text).toMatch(/days left/);
    expect(reminder[0]?.text).toMatch(/You have not answered any questions yet/);
    expect(reminder[0]?.text).toContain('A note from the organizers: We would love to hear from you.');
    expect(reminder[0]?.text).toMatch(/type stop reminders/);
    expect(buttonValues(reminder)).toEqual(['resume', 'stop reminders']);
    expect(postsTo('UANA0001')).toHaveLength(1); // not started: only the invitation
  });

  it('"stop reminders" opts out at once (typed), and "start reminders" opts back in', async () => {
    const stopped = await harness.client.expectReplies(() => harness.client.sendEvent(dmEvent('UBEA0001', 'Stop reminders')));
    expect(stopped[0]?.text).toMatch(/you will not get any more reminders/);
    expect((await roster()).partners.find((p) => p.userId === 'UBEA0001')?.status).toBe('opted-out');

    const response = await staff.post('/api/reminders/send', { audience: 'unfinished' });
    const { id, queued } = (await response.json()) as { id: string; queued: number };
    expect(queued).toBe(1); // Ana only
    await drain();
    expect(await staff.json(`/api/reminders/${id}`)).toMatchObject({ sent: 1, done: true });

    const started = await harness.client.expectReplies(() => harness.client.sendEvent(dmEvent('UBEA0001', 'activar recordatorios')));
    expect(started[0]?.text).toMatch(/you will get reminders again/);
    expect((await roster()).partners.find((p) => p.userId === 'UBEA0001')?.status).toBe('started');
  });

  it('never reminds a partner who has submitted', async () => {
    const submission: NewSubmission = {
      id: 'ana-draft-0000000001',
      receipt: 'RFI-ANA00001',
      flowId: harness.app.flow.id,
      flowVersion: harness.app.flow.version,
      answers: [],
      organization: null,
      respondentType: 'individual',
      language: 'en',
      channel: 'slack',
      submittedAt: new Date().toISOString(),
      piiHints: [],
      contactEmail: null,
      conversationKey: conversationKeyToString({ channel: 'slack', tenantId: TEAM, userId: 'UANA0001' }),
    };
    await harness.app.commentStore.saveSubmission(submission);
    expect((await roster()).partners.find((p) => p.userId === 'UANA0001')?.status).toBe('submitted');
    const { queued } = (await (await staff.post('/api/reminders/send', { audience: 'unfinished' })).json()) as { queued: number };
    expect(queued).toBe(1); // Bea, who opted back in
    expect((await roster()).progress).toMatchObject({ total: 4, submitted: 1, started: 1, unreachable: 1, invited: 1 });
  });

  it('/rfi-admin: staff see the roster and send a reminder from Slack; anyone else is refused and nothing is saved', async () => {
    const admin = (user: string, text: string) => harness.client.expectReplies(() => harness.client.sendCommand(user, text, undefined, '/rfi-admin'));
    const status = await admin('USTAFF01', 'status');
    expect(status[0]?.text).toMatch(/Roster: 4 partners\. Not started: 1\. In progress: 1\. Submitted: 1\. Opted out of reminders: 0\. Unreachable: 1\./);
    expect(status[0]?.text).toMatch(/Latest send \(unfinished\)/);

    const remind = await admin('USTAFF01', 'remind unfinished');
    expect(remind[0]?.text).toMatch(/Reminders queued for unfinished partners: 1\./); // Bea
    const unknown = await admin('USTAFF01', 'remind everyone');
    expect(unknown[0]?.text).toMatch(/Nothing was sent: audience must be one of/);
    const help = await admin('USTAFF01', 'dance');
    expect(help[0]?.text).toMatch(/Staff commands: \/rfi-admin status/);

    const refused = await admin('UBEA0001', 'remind unfinished');
    expect(refused[0]?.text).toMatch(/This command is for the consultation staff/);
    // Typed in the DM, as Teams users type it, it is still a staff command and never an answer.
    const typed = await harness.client.expectReplies(() => harness.client.sendEvent(dmEvent('UBEA0001', 'rfi-admin status')));
    expect(typed[0]?.text).toMatch(/This command is for the consultation staff/);
  });

  it('shows staff the roster page: progress as a chart and numbers, and each send with a progress bar', async () => {
    const response = await staff.get('/moderate/roster');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('Partners on the roster</dt><dd>4</dd>');
    expect(page).toContain('Submitted</dt><dd>1</dd>');
    expect(page).toMatch(/<svg[^>]*role="img"/);
    expect(page).toMatch(/<progress max="\d+" value="\d+">/);
    expect(page).toContain('Invitation');
    expect(page).not.toContain('ana@example.org');
    expect((await api(harness.app).get('/moderate/roster')).status).toBe(303); // to the login page
    expect((await staff.get('/api/reminders/no-such-send')).status).toBe(404);
  });

  it('keeps contact details and tokens out of the logs', () => {
    const text = harness.logs.text;
    expect(text).not.toContain('ana@example.org');
    expect(text).not.toContain(staffToken);
    expect(text).not.toContain('We would love to hear from you');
  });
});
