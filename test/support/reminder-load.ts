import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { FakeSlackApi } from '../fixtures/slack/fake-slack-api.js';
import { freePort } from './free-port.js';

/**
 * A reminder send to many Slack partners, with the bot as a real process (`node --import tsx
 * src/main.ts`) on Postgres, against a fake Slack Web API on 127.0.0.1 that allows `limitPerSec`
 * chat.postMessage a second per workspace and answers 429 + Retry-After beyond. Optionally the bot is
 * SIGKILLed after a random share of the posts and started again. Shared by the test suite (a few hundred
 * partners) and `npm run bench:reminders` (10,000).
 */
export interface ReminderLoadOptions {
  partners: number;
  limitPerSec: number;
  postgresUrl: string;
  /** Kill the bot once this share (0–1) of the partners has been posted to, then restart it. */
  killAtShare?: number;
  /** How long a send may be under way before the restarted bot checks it (REMINDER_SEND_LEASE_MS). */
  sendLeaseMs?: number;
  timeoutMs?: number;
}

export interface ReminderLoadResult {
  partners: number;
  wallMs: number;
  /** partners / limitPerSec: no sender can do better against this limit. */
  floorMs: number;
  rateLimited: number;
  duplicates: number;
  missed: number;
  progress: { queued: number; sent: number; failed: number; skipped: number; unknown: number; done: boolean };
  killedAfterPosts: number | null;
  restartMs: number | null;
}

const TEAM = 'T0001';

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function runReminderLoad(options: ReminderLoadOptions): Promise<ReminderLoadResult> {
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  const schema = `rfibot_load_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const slack = new FakeSlackApi();
  slack.record = false;
  slack.postMessageLimitPerSec = options.limitPerSec;
  const apiUrl = await slack.start();
  const token = `rfm_${randomBytes(32).toString('base64url')}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: options.postgresUrl,
    DATABASE_SCHEMA: schema,
    REDIS_URL: '',
    SLACK_SIGNING_SECRET: 'loadtestsigningsecret0123456789abcdef',
    SLACK_BOT_TOKEN: 'xoxb-load-test',
    SLACK_API_URL: apiUrl,
    MODERATOR_TOKEN: token,
    RFI_DEADLINE: new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString(),
    REMINDER_RATE_PER_SECOND: String(options.limitPerSec),
    REMINDER_SEND_LEASE_MS: String(options.sendLeaseMs ?? 5_000),
  };
  let bot: ChildProcess | null = null;
  const startBot = async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    bot = child;
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode}: ${stderr}`);
        return fetch(`${base}/readyz`).then((r) => r.ok, () => false);
      },
      60_000,
      'the bot to start',
    );
  };
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status}: ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };

  try {
    await startBot();
    await call('PUT', '/api/reminders/plan', { daysBefore: [14, 7, 2, 1, 0], localHour: 10, quietHours: { start: 0, end: 0 }, weekends: true });
    const users = Array.from({ length: options.partners }, (_, i) => `UL${String(i).padStart(7, '0')}`);
    for (let start = 0; start < users.length; start += 5_000) {
      await call('POST', '/api/roster', { partners: users.slice(start, start + 5_000).map((userId) => ({ platform: 'slack', teamId: TEAM, userId })) });
    }
    const startedAt = Date.now();
    const { id } = (await call('POST', '/api/reminders/send', { audience: 'not-started' })) as { id: string };
    const posted = () => [...slack.postsPerChannel.values()].reduce((sum, n) => sum + n, 0);

    let killedAfterPosts: number | null = null;
    let restartMs: number | null = null;
    if (options.killAtShare !== undefined) {
      const killAt = Math.max(1, Math.floor(options.partners * options.killAtShare));
      await waitFor(() => posted() >= killAt, timeoutMs, 'posts before the kill');
      (bot as ChildProcess | null)?.kill('SIGKILL');
      killedAfterPosts = posted();
      const restartAt = Date.now();
      await startBot();
      restartMs = Date.now() - restartAt;
    }
    let progress = (await call('GET', `/api/reminders/${id}`)) as unknown as ReminderLoadResult['progress'];
    await waitFor(
      async () => {
        progress = (await call('GET', `/api/reminders/${id}`)) as unknown as ReminderLoadResult['progress'];
        return progress.done;
      },
      timeoutMs,
      'the send to finish',
    );
    const wallMs = Date.now() - startedAt;
    const counts = users.map((user) => slack.postsPerChannel.get(`D${user}`) ?? 0);
    return {
      partners: options.partners,
      wallMs,
      floorMs: (options.partners / options.limitPerSec) * 1000,
      rateLimited: slack.rateLimitedCount,
      duplicates: counts.filter((n) => n > 1).length,
      missed: counts.filter((n) => n === 0).length,
      progress,
      killedAfterPosts,
      restartMs,
    };
  } finally {
    (bot as ChildProcess | null)?.kill('SIGKILL');
    await slack.stop();
    const admin = new pg.Client({ connectionString: options.postgresUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => admin.end());
  }
}
