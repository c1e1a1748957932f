import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, expect, it } from 'vitest';
import { FakeSlackApi } from '../fixtures/slack/fake-slack-api.js';
import { TEST_SIGNING_SECRET } from '../fixtures/slack/signing.js';
import { startTestApp } from '../support/app.js';
import { describeWithService, serviceUrl } from '../support/services.js';
import { api, tokenFor } from './moderation-support.js';

/**
 * Several bot instances share one Postgres (and Redis): each delivers from the same intents at the same
 * time — the in-process workers (FOR UPDATE SKIP LOCKED) and the BullMQ workers — and every partner gets
 * the reminder exactly once.
 */
const NO_QUIET_HOURS = { daysBefore: [14, 7, 2, 1, 0], localHour: 10, quietHours: { start: 0, end: 0 }, weekends: true };

async function twoInstances(queue: 'in-process' | 'bullmq') {
  const schema = `rfibot_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const prefix = `rfibot-two-${randomUUID().slice(0, 8)}`;
  const slack = new FakeSlackApi();
  const env = {
    DATABASE_URL: serviceUrl('postgres'),
    DATABASE_SCHEMA: schema,
    REDIS_URL: queue === 'bullmq' ? serviceUrl('redis') : '',
    REDIS_KEY_PREFIX: prefix,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test-0001-token',
    SLACK_API_URL: await slack.start(),
    REMINDER_RATE_PER_SECOND: '100',
  };
  const [a, b] = await Promise.all([startTestApp(env), startTestApp(env)]);
  return {
    a: a!,
    b: b!,
    slack,
    async cleanup() {
      await Promise.all([a!.cleanup(), b!.cleanup()]);
      await slack.stop();
      const admin = new pg.Client({ connectionString: serviceUrl('postgres') });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => admin.end());
      if (queue === 'bullmq') {
        const redis = new Redis(serviceUrl('redis'));
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length > 0) await redis.del(...keys);
        redis.disconnect();
      }
    },
  };
}

for (const queue of ['in-process', 'bullmq'] as const) {
  await describeWithService(queue === 'bullmq' ? 'redis' : 'postgres', `Two bot instances delivering at once (${queue})`, () => {
    let setup: Awaited<ReturnType<typeof twoInstances>> | null = null;
    afterAll(async () => {
      await setup?.cleanup();
    });

    it('reaches every partner exactly once', async () => {
      setup = await twoInstances(queue);
      const { a, b, slack } = setup;
      const token = (await tokenFor(a.app, 'staff')).token;
      const staff = api(a.app, token);
      await fetch(`${a.app.url}/api/reminders/plan`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(NO_QUIET_HOURS) });
      const users = Array.from({ length: 60 }, (_, i) => `UTWO${String(i).padStart(5, '0')}`);
      await staff.post('/api/roster', { partners: users.map((userId) => ({ platform: 'slack', teamId: 'T0001', userId })) });
      const { id } = (await (await staff.post('/api/roster/invite', { all: true })).json()) as { id: string };
      await Promise.all([a.app.staff.executor.drain(), b.app.staff.executor.drain(), a.app.staff.executor.drain()]);
      await expect.poll(async () => (await staff.json<{ done: boolean }>(`/api/reminders/${id}`)).done, { timeout: 20_000 }).toBe(true);
      expect(await staff.json(`/api/reminders/${id}`)).toMatchObject({ sent: 60, failed: 0, unknown: 0 });
      expect(users.map((user) => slack.posts().filter((post) => post.channel === `D${user}`).length)).toEqual(users.map(() => 1));
    }, 60_000);

    it('keeps the frequency cap when two sends to the same partners run on both instances at once', async () => {
      const { a, b, slack } = setup as NonNullable<typeof setup>;
      const token = (await tokenFor(a.app, 'staff')).token;
      const users = Array.from({ length: 30 }, (_, i) => `UCAP${String(i).padStart(5, '0')}`);
      await api(a.app, token).post('/api/roster', { partners: users.map((userId) => ({ platform: 'slack', teamId: 'T0001', userId })) });
      // Two staff members send at the same moment, one on each instance: both sends are queued for the
      // 30 new partners (nobody has heard from us yet; the 60 invited a moment ago are held back).
      const [first, second] = (await Promise.all([
        api(a.app, token).post('/api/reminders/send', { audience: 'not-started' }).then((r) => r.json()),
        api(b.app, token).post('/api/reminders/send', { audience: 'unfinished' }).then((r) => r.json()),
      ])) as Array<{ id: string; queued: number }>;
      expect([first?.queued, second?.queued]).toEqual([30, 30]);
      await Promise.all([a.app.staff.executor.drain(), b.app.staff.executor.drain(), a.app.staff.executor.drain(), b.app.staff.executor.drain()]);
      const staff = api(a.app, token);
      await expect
        .poll(async () => (await staff.json<{ done: boolean }>(`/api/reminders/${first?.id}`)).done && (await staff.json<{ done: boolean }>(`/api/reminders/${second?.id}`)).done, { timeout: 20_000 })
        .toBe(true);
      const [one, two] = [await staff.json<{ sent: number; skipped: number }>(`/api/reminders/${first?.id}`), await staff.json<{ sent: number; skipped: number }>(`/api/reminders/${second?.id}`)];
      expect(one.sent + two.sent).toBe(30);
      expect(one.skipped + two.skipped).toBe(30);
      expect(users.map((user) => slack.posts().filter((post) => post.channel === `D${user}`).length)).toEqual(users.map(() => 1));
    }, 60_000);
  });
}
