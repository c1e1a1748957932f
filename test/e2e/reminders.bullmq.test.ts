import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSlackApp } from '../fixtures/slack/harness.js';
import { TEAM } from '../fixtures/slack/payloads.js';
import { describeWithService, serviceUrl } from '../support/services.js';
import { api, tokenFor } from './moderation-support.js';

/**
 * With REDIS_URL set, invitations and reminders go through BullMQ on real Redis: a queue per Slack
 * workspace, its limiter, a 429's Retry-After waited out, and quiet hours as delayed jobs. The database
 * keeps the exactly-once record, so feeding the same intents again sends nothing twice.
 */
await describeWithService('redis', 'Reminders through BullMQ (real Redis)', () => {
  const prefix = `rfibot-bull-${randomUUID().slice(0, 8)}`;
  let harness: Awaited<ReturnType<typeof startSlackApp>>;
  let staff: ReturnType<typeof api>;
  let token = '';
  const redis = new Redis(serviceUrl('redis'));
  const put = (body: unknown) =>
    fetch(`${harness.app.url}/api/reminders/plan`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    harness = await startSlackApp({ env: { REDIS_URL: serviceUrl('redis'), REDIS_KEY_PREFIX: prefix, REMINDER_RATE_PER_SECOND: '20' } });
    token = (await tokenFor(harness.app, 'staff')).token;
    staff = api(harness.app, token);
    expect((await put({ daysBefore: [14, 7, 2, 1, 0], localHour: 10, quietHours: { start: 0, end: 0 }, weekends: true })).status).toBe(200);
  });
  afterAll(async () => {
    await harness?.cleanup();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('invites every partner once through the workspace queue, waiting out a 429, and a second feed sends nothing twice', async () => {
    const users = Array.from({ length: 12 }, (_, i) => `UBULL${String(i).padStart(4, '0')}`);
    await staff.post('/api/roster', { partners: users.map((userId) => ({ platform: 'slack', teamId: TEAM, userId })) });
    harness.slackApi.failNext('chat.postMessage', { kind: 'rateLimited', retryAfterSec: 1 });
    const { id, queued } = (await (await staff.post('/api/roster/invite', { all: true })).json()) as { id: string; queued: number };
    expect(queued).toBe(12);
    await harness.app.staff.executor.drain();
    await expect.poll(async () => (await staff.json<{ sent: number; done: boolean }>(`/api/reminders/${id}`)).done, { timeout: 15_000 }).toBe(true);
    expect(await staff.json(`/api/reminders/${id}`)).toMatchObject({ sent: 12, failed: 0, unknown: 0 });
    const perChannel = users.map((user) => harness.slackApi.posts().filter((post) => post.channel === `D${user}`).length);
    expect(perChannel).toEqual(users.map(() => 1));
    expect(harness.slackApi.callsTo('chat.postMessage').filter((call) => call.outcome === 'rate_limited')).toHaveLength(1);
    // The queue lives in Redis under the configured prefix.
    expect((await redis.keys(`${prefix}:bull:reminders-slack_${TEAM}:*`)).length).toBeGreaterThan(0);

    await harness.app.staff.executor.drain();
    expect(users.map((user) => harness.slackApi.posts().filter((post) => post.channel === `D${user}`).length)).toEqual(users.map(() => 1));
  });

  it('holds a reminder in quiet hours as a delayed job instead of sending it', async () => {
    // Quiet hours that hold right now in the docket's time zone (the partners have none of their own).
    const localHour = Number(new Intl.DateTimeFormat('en-US', { timeZone: harness.app.flow.timeZone, hour: 'numeric', hourCycle: 'h23' }).format(new Date()));
    const quietHours = { start: localHour, end: (localHour + 2) % 24 };
    expect((await put({ daysBefore: [14, 7, 2, 1, 0], localHour: (localHour + 12) % 24, quietHours, weekends: true })).status).toBe(200);
    const before = harness.slackApi.posts().length;
    // Sent minutes after the invitations, so past the frequency cap only by an explicit override.
    const { id } = (await (await staff.post('/api/reminders/send', { audience: 'not-started', overrideCap: true })).json()) as { id: string };
    await harness.app.staff.executor.drain();
    expect(harness.slackApi.posts().length).toBe(before);
    expect(await staff.json(`/api/reminders/${id}`)).toMatchObject({ sent: 0, queued: 12, done: false });
    expect(await redis.zcard(`${prefix}:bull:reminders-slack_${TEAM}:delayed`)).toBe(12);
  });

  it('holds a plan stage that falls within the frequency cap of the invitations: skipped, nothing sent', async () => {
    // A stage that is due now (40 days before a deadline 30 days away), outside any quiet hours.
    expect((await put({ daysBefore: [40], localHour: 10, quietHours: { start: 0, end: 0 }, weekends: true })).status).toBe(200);
    const before = harness.slackApi.posts().length;
    expect(await harness.app.staff.scheduler.tick()).toBe(12);
    await harness.app.staff.executor.drain();
    const stage = `plan:${harness.app.flow.id}:40d`;
    await expect.poll(async () => (await staff.json<{ done: boolean }>(`/api/reminders/${stage}`)).done, { timeout: 15_000 }).toBe(true);
    expect(await staff.json(`/api/reminders/${stage}`)).toMatchObject({ sent: 0, skipped: 12 });
    expect(harness.slackApi.posts().length).toBe(before);
  });
});
