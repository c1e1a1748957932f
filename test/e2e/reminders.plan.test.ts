import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/ports.js';
import { conversationKeyToString } from '../../src/core/types.js';
import { startSlackApp } from '../fixtures/slack/harness.js';
import { dmEvent, TEAM } from '../fixtures/slack/payloads.js';
import { api, tokenFor } from './moderation-support.js';

/**
 * The reminder plan through the real app with a fake clock: three Slack partners in three time zones
 * (their Slack profiles), the default plan (10:00 local, quiet 20:00–08:00), the scheduler's tick and the
 * delivery worker driven at chosen instants. Deadline: 2027-03-31 23:59:59 in New York.
 */
class FakeClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

const PARTNERS = { la: 'UZONELA01', madrid: 'UZONEMAD1', tokyo: 'UZONETYO1' } as const;

describe('The reminder plan on a fake clock (three time zones)', () => {
  const clock = new FakeClock(new Date('2027-03-01T15:00:00Z'));
  let harness: Awaited<ReturnType<typeof startSlackApp>>;

  beforeAll(async () => {
    harness = await startSlackApp({ clock, env: { RFI_DEADLINE: '2027-03-31T23:59:59-04:00', REMINDER_RATE_PER_SECOND: '50' } });
    harness.slackApi.users.set(PARTNERS.la, { tz: 'America/Los_Angeles', locale: 'en-US' });
    harness.slackApi.users.set(PARTNERS.madrid, { tz: 'Europe/Madrid', locale: 'en-US' });
    harness.slackApi.users.set(PARTNERS.tokyo, { tz: 'Asia/Tokyo', locale: 'en-US' });
    for (const user of Object.values(PARTNERS)) await harness.client.expectReplies(() => harness.client.sendEvent(dmEvent(user, 'hello')));
  });
  afterAll(async () => {
    await harness?.cleanup();
  });

  const reminders = (user: string) => harness.slackApi.posts().filter((post) => post.channel === `D${user}` && /A reminder about/.test(post.text));
  const counts = () => ({ la: reminders(PARTNERS.la).length, madrid: reminders(PARTNERS.madrid).length, tokyo: reminders(PARTNERS.tokyo).length });
  async function at(iso: string): Promise<ReturnType<typeof counts>> {
    clock.set(iso);
    await harness.app.staff.scheduler.tick();
    await harness.app.staff.executor.drain();
    return counts();
  }

  it('sends the 14-day stage at 10:00 local time in each zone, one zone after another', async () => {
    // Each partner's time zone came from their Slack profile on their first message.
    const { token } = await tokenFor(harness.app, 'staff');
    await expect
      .poll(async () => (await api(harness.app, token).json<{ partners: Array<{ timeZone: string | null }> }>('/api/roster')).partners.map((p) => p.timeZone).sort())
      .toEqual(['America/Los_Angeles', 'Asia/Tokyo', 'Europe/Madrid']);
    expect(await at('2027-03-17T16:59:00Z')).toEqual({ la: 0, madrid: 0, tokyo: 0 });
    expect(await at('2027-03-17T17:00:00Z')).toEqual({ la: 1, madrid: 0, tokyo: 0 }); // 10:00 in Los Angeles
    expect(await at('2027-03-18T01:00:00Z')).toEqual({ la: 1, madrid: 0, tokyo: 1 }); // 10:00 in Tokyo
    expect(await at('2027-03-18T09:00:00Z')).toEqual({ la: 1, madrid: 1, tokyo: 1 }); // 10:00 in Madrid
    expect(await at('2027-03-18T12:00:00Z')).toEqual({ la: 1, madrid: 1, tokyo: 1 }); // nothing twice
    expect(reminders(PARTNERS.tokyo)[0]?.text).toMatch(/14 days left/);
  });

  it('stops after submit, waits out quiet hours after downtime, and catches up with the latest stage only', async () => {
    const submission = {
      id: 'la-draft-00000000001',
      receipt: 'RFI-LA000001',
      flowId: harness.app.flow.id,
      flowVersion: harness.app.flow.version,
      answers: [],
      organization: null,
      respondentType: 'individual',
      language: 'en' as const,
      channel: 'slack' as const,
      submittedAt: clock.now().toISOString(),
      piiHints: [],
      contactEmail: null,
      conversationKey: conversationKeyToString({ channel: 'slack', tenantId: TEAM, userId: PARTNERS.la }),
    };
    await harness.app.commentStore.saveSubmission(submission);

    // Down through every 7-day stage; back at 22:30 in Madrid and 06:30 in Tokyo: quiet hours there.
    expect(await at('2027-03-25T21:30:00Z')).toEqual({ la: 1, madrid: 1, tokyo: 1 });
    // 08:00 in Madrid, 16:00 in Tokyo: the missed 7-day stage goes out (the 2-day one is not due yet).
    expect(await at('2027-03-26T07:00:00Z')).toEqual({ la: 1, madrid: 2, tokyo: 2 });

    await harness.client.expectReplies(() => harness.client.sendEvent(dmEvent(PARTNERS.tokyo, 'stop reminders')));
    // Down again through the 2-day and 1-day stages: Madrid gets one reminder (the latest due), Tokyo none.
    expect(await at('2027-03-31T12:00:00Z')).toEqual({ la: 1, madrid: 3, tokyo: 2 });
    expect(await at('2027-03-31T18:00:00Z')).toEqual({ la: 1, madrid: 3, tokyo: 2 });
    expect(reminders(PARTNERS.madrid).at(-1)?.text).toMatch(/today is the last day|1 day left/);
    // After the deadline nothing is sent.
    expect(await at('2027-04-01T06:00:00Z')).toEqual({ la: 1, madrid: 3, tokyo: 2 });
  });
});
