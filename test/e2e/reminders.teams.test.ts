import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from './moderation-support.js';
import { cardOf, startTeamsHarness, TENANT_ID, type TeamsHarness } from './teams-harness.js';

/**
 * The staff side on Teams, authentication on: reminders as proactive messages to the stored
 * conversation reference (fake Bot Connector on 127.0.0.1), a 403 marking the partner unreachable,
 * "stop reminders" typed in Teams, a partner imported by their 29: id before they ever talked, and
 * /rfi-admin typed by a staff member listed in STAFF_USERS.
 */
const STAFF_AAD = randomUUID();
const NO_QUIET_HOURS = { daysBefore: [14, 7, 2, 1, 0], localHour: 10, quietHours: { start: 0, end: 0 }, weekends: true };

describe('Staff on Teams: reminders and /rfi-admin', () => {
  let h: TeamsHarness;
  let staff: ReturnType<typeof api>;
  beforeAll(async () => {
    h = await startTeamsHarness({ STAFF_USERS: `teams:${TENANT_ID}:${STAFF_AAD}`, REMINDER_RATE_PER_SECOND: '50' });
    const { token } = await tokenFor(h.app, 'staff');
    staff = api(h.app, token);
    const response = await fetch(`${h.app.url}/api/reminders/plan`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(NO_QUIET_HOURS),
    });
    expect(response.status).toBe(200);
  });
  afterAll(async () => {
    await h?.cleanup();
  });

  const statusOf = async (userId: string) =>
    (await staff.json<{ partners: Array<{ userId: string; status: string; timeZone: string | null }> }>('/api/roster')).partners.find((p) => p.userId === userId);

  it('reminds Teams partners by proactive message, marks a removed app unreachable, and honours "stop reminders"', async () => {
    const ana = h.partner({ localTimezone: 'America/Chicago' });
    const bo = h.partner();
    const cy = h.partner();
    // Cy is on the roster by their Bot Framework id before ever talking to the bot.
    const imported = (await (await staff.post('/api/roster', { partners: [{ platform: 'teams', userId: cy.userChannelId, name: 'Cy' }] })).json()) as { imported: number };
    expect(imported.imported).toBe(1);
    await ana.say(ana.install());
    await ana.say(ana.message('agree'));
    await bo.say(bo.install());
    await cy.say(cy.install());
    await expect.poll(async () => (await statusOf(ana.userChannelId))?.status).toBe('started');
    expect((await statusOf(ana.userChannelId))?.timeZone).toBe('America/Chicago');
    // Cy's imported record was attached to their conversation: one record, now reachable.
    await expect.poll(async () => (await staff.json<{ partners: Array<{ name: string | null; reachable: boolean }> }>('/api/roster')).partners.filter((p) => p.name === 'Cy')).toEqual([
      expect.objectContaining({ reachable: true }),
    ]);

    const stopped = await bo.say(bo.message('parar recordatorios'));
    expect(stopped.text).toMatch(/no recibirá más recordatorios|will not get any more reminders/);

    h.connector.respondNext({ status: 403 });
    const before = new Map([ana, cy].map((p) => [p.conversationId, h.connector.delivered(p.conversationId).length]));
    const sent = (await (await staff.post('/api/reminders/send', { audience: 'unfinished' })).json()) as { id: string };
    await h.app.staff.executor.drain();
    const progress = await staff.json<{ sent: number; failed: number; done: boolean }>(`/api/reminders/${sent.id}`);
    expect(progress).toMatchObject({ sent: 1, failed: 1, done: true }); // Ana and Cy; Bo opted out; the first send got the 403
    const reached = [ana, cy].filter((p) => h.connector.delivered(p.conversationId).length > (before.get(p.conversationId) ?? 0));
    expect(reached).toHaveLength(1);
    const card = cardOf(h.connector.delivered(reached[0]!.conversationId).at(-1)!);
    expect(card.text).toMatch(/A reminder about/);
    expect(card.actions).toEqual(expect.arrayContaining(['resume', 'stop reminders']));
    const unreachable = [ana, cy].find((p) => p !== reached[0])!;
    expect((await statusOf(unreachable.userChannelId))?.status).toBe('unreachable');
  });

  it('/rfi-admin typed by staff in Teams reports the roster; typed by a partner it is refused', async () => {
    const lead = h.partner({ aadObjectId: STAFF_AAD });
    await lead.say(lead.install());
    const status = await lead.say(lead.message('/rfi-admin status'));
    expect(status.text).toMatch(/Roster: \d+ partners\./);
    const partner = h.partner();
    await partner.say(partner.install());
    const refused = await partner.say(partner.message('/rfi-admin remind unfinished'));
    expect(refused.text).toMatch(/This command is for the consultation staff/);
  });
});
