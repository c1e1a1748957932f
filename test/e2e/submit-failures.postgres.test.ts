import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import type { ConversationKey, TurnInput } from '../../src/core/types.js';
import { ShiftedClock } from '../support/clock.js';
import { freePort } from '../support/free-port.js';
import { ownPostgres } from '../support/own-postgres.js';
import { describeWithService, sessionsInRedisEnv } from '../support/services.js';
import { startTestApp, waitUntilReady } from '../support/app.js';
import { allText, WebchatClient } from '../support/webchat-client.js';
import { startSlackApp } from '../fixtures/slack/harness.js';
import { dmEvent } from '../fixtures/slack/payloads.js';

/**
 * How submit failures are told apart, on a Postgres cluster of the test's own (so it may be stopped):
 * - a submission the database refuses (here: a CHECK constraint a test adds, standing for any constraint
 *   or encoding refusal) is a permanent failure: the partner is told plainly, it is not queued for a retry,
 *   /metrics counts it by code, and the log names the draft (never the text);
 * - a receipt is shown only once its submission is committed: while the INSERT waits on a lock, the
 *   partner's status still says "review", on the partner's own submit and on a retry;
 * - the retry queue is fair: 110 poisoned submits waiting ahead of an honest one do not keep it waiting,
 *   they leave the queue, and their identical errors are throttled in the log.
 */
const TOKEN = 'metrics-token-failures-0123456789abcdef';
const POISON = 'Poison-4471';
const FAR = new Date('2100-01-01T00:00:00.000Z');

async function metricsText(app: RunningApp): Promise<string> {
  return (await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
}

function storeErrors(text: string, code: string): number {
  const match = new RegExp(`rfibot_store_errors_total\\{store="comment",code="${code}"\\} (\\d+)`).exec(text);
  return match ? Number(match[1]) : 0;
}

/** Refuses any answer containing the poison marker: a stand-in for every value the database refuses. */
async function addPoisonConstraint(app: RunningApp): Promise<void> {
  // The tests of this file share the cluster's database: add it once.
  await app.database.client.query('ALTER TABLE submission_answers DROP CONSTRAINT IF EXISTS test_no_poison');
  await app.database.client.query(`ALTER TABLE submission_answers ADD CONSTRAINT test_no_poison CHECK (answer NOT LIKE '%${POISON}%')`);
}

/** Waits (by polling Postgres, not by sleeping) until some backend is blocked on a lock. */
async function untilABackendWaitsOnALock(admin: pg.Client, meanwhile: () => void = () => undefined): Promise<void> {
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    meanwhile();
    const waiting = await admin.query("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()");
    if (waiting.rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('no statement ever waited on the lock');
}

/** A client of the test's own; a cluster stopped under it is expected, not an uncaught error. */
async function adminClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** A web chat conversation driven through the dispatcher (as the adapter does), up to the review. */
async function toReview(app: RunningApp, userId: string, answer: string): Promise<ConversationKey> {
  const key: ConversationKey = { channel: 'webchat', tenantId: 'web', userId };
  let n = 0;
  const send = (input: TurnInput) => app.dispatcher.dispatch({ key, deliveryId: `${userId}-${(n += 1)}`, input });
  await send({ kind: 'start' });
  await send({ kind: 'action', actionId: 'agree' });
  await send({ kind: 'text', text: 'anonymous' });
  await send({ kind: 'text', text: '1' });
  await send({ kind: 'text', text: 'skip' });
  await send({ kind: 'text', text: answer });
  await send({ kind: 'text', text: 'review' });
  return key;
}

// Sessions live in Redis here (sessionsInRedisEnv), so the drafts stay up while this Postgres is stopped.
await describeWithService('redis', 'submit failures (own Postgres cluster)', () => {
  let cluster: ReturnType<typeof ownPostgres>;
  beforeAll(async () => {
    cluster = ownPostgres(await freePort());
    cluster.start();
  }, 120_000);
  afterAll(() => {
    cluster?.remove();
  });

  it('does not retry a submission the database refuses: the partner is told plainly, /metrics counts it by code, the log names the draft', async () => {
    const { app, logs, cleanup } = await startTestApp({ DATABASE_URL: cluster.url, ...sessionsInRedisEnv('submit-failures'), METRICS_TOKEN: TOKEN });
    try {
      await addPoisonConstraint(app);
      const partner = new WebchatClient(app.url);
      await partner.reachReview(`An answer the database refuses, ${POISON}.`);
      const refused = allText(await partner.press('submit'));
      expect(refused).toMatch(/could not be saved, and trying again will not fix it/);
      expect(refused).toMatch(/Nothing is lost/);
      expect(refused).toMatch(/tell the consultation team/);
      expect(refused).not.toMatch(/We will save it for you/);
      expect(await partner.state()).toMatchObject({ step: 'review' });
      expect((await partner.state()).receipt).toBeUndefined();

      // Not queued: the retry job has nothing to do, now or later.
      expect(await app.sessionStore.listSubmitsPending(10, FAR)).toEqual([]);
      expect(await app.submitRetry.runNow()).toBe(0);
      const metrics = await metricsText(app);
      expect(storeErrors(metrics, 'constraint')).toBe(1);
      expect(metrics).not.toContain(POISON);
      const ready = (await (await fetch(`${app.url}/readyz`)).json()) as { status: string };
      expect(ready.status).toBe('ready');

      const line = logs.lines.map((text) => JSON.parse(text) as Record<string, unknown>).find((entry) => entry.msg?.toString().startsWith('submission refused'));
      expect(line).toMatchObject({ code: 'constraint', channel: 'webchat' });
      expect(line?.draftId).toMatch(/^[0-9a-f]{32}$/);
      expect(logs.text).not.toContain(POISON);
      expect(logs.text).not.toContain(partner.sessionId);
    } finally {
      await cleanup();
    }
  }, 120_000);

  it('shows a receipt only once the submission is committed, on the partner\'s own submit and on a retry', async () => {
    const clock = new ShiftedClock();
    const { app, cleanup } = await startTestApp({ DATABASE_URL: cluster.url, ...sessionsInRedisEnv('submit-failures') }, { clock });
    const admin = await adminClient(cluster.url);
    try {
      // The partner's own submit: the INSERT waits on a lock held by another transaction.
      const own = new WebchatClient(app.url);
      await own.reachReview('Committed before any receipt, marker Curlew-5120.');
      await admin.query('BEGIN');
      await admin.query('LOCK TABLE submissions IN EXCLUSIVE MODE');
      const pressed = own.press('submit');
      await untilABackendWaitsOnALock(admin);
      const during = await own.state();
      expect(during.step).toBe('review');
      expect(during.receipt).toBeUndefined();
      await admin.query('COMMIT');
      await pressed;
      const receipt = (await own.state()).receipt as string;
      expect(receipt).toMatch(/^RFI-/);
      expect((await app.commentStore.getByReceipt(receipt))?.answers.find((answer) => answer.index === 1)?.answer).toContain('Curlew-5120');

      // A retry. The first submit fails transiently (a trigger raises serialization_failure, a stand-in
      // for any transient error); the lock is taken BEFORE the failure stops, so no retry — the
      // background job's or ours — can store it before the test looks.
      await admin.query('CREATE TABLE IF NOT EXISTS test_fail_inserts (on_off boolean NOT NULL)');
      await admin.query('INSERT INTO test_fail_inserts VALUES (true)');
      await admin.query(`CREATE OR REPLACE FUNCTION test_fail_insert() RETURNS trigger AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM test_fail_inserts WHERE on_off) THEN RAISE EXCEPTION 'test: busy' USING ERRCODE = '40001'; END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql`);
      await admin.query('CREATE TRIGGER test_fail_insert BEFORE INSERT ON submissions FOR EACH ROW EXECUTE FUNCTION test_fail_insert()');
      const waiting = new WebchatClient(app.url);
      await waiting.reachReview('Retried and committed before any receipt, marker Dunlin-5121.');
      expect(allText(await waiting.press('submit'))).toMatch(/We will save it for you/);
      expect((await app.sessionStore.listSubmitsPending(10, FAR)).length).toBe(1);

      const locker = await adminClient(cluster.url);
      try {
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE submissions IN EXCLUSIVE MODE');
        await admin.query('UPDATE test_fail_inserts SET on_off = false');
        clock.advance(60 * 60_000); // past any back-off the background job's failed retries earned
        // Start runs until one is blocked on the lock (a run already under way may have listed too early).
        const runs: Promise<number>[] = [];
        await untilABackendWaitsOnALock(admin, () => runs.push(app.submitRetry.runNow()));
        const meanwhile = await waiting.state();
        expect(meanwhile.step).toBe('review');
        expect(meanwhile.receipt).toBeUndefined();
        await locker.query('COMMIT');
        await Promise.all(runs);
      } finally {
        await locker.end();
      }
      const retried = (await waiting.state()).receipt as string;
      expect(retried).toMatch(/^RFI-/);
      expect((await app.commentStore.getByReceipt(retried))?.answers.find((answer) => answer.index === 1)?.answer).toContain('Dunlin-5121');
      expect(await app.sessionStore.listSubmitsPending(10, FAR)).toEqual([]);
      await admin.query('DROP TRIGGER test_fail_insert ON submissions');
    } finally {
      await admin.end().catch(() => undefined);
      await cleanup();
    }
  }, 120_000);

  it('stores a submit pressed in two tabs at once exactly once, and both tabs show the same receipt', async () => {
    const { app, cleanup } = await startTestApp({ DATABASE_URL: cluster.url });
    try {
      const tab = new WebchatClient(app.url);
      await tab.reachReview('Pressed twice at once, marker Plover-5123.');
      const other = Object.assign(new WebchatClient(app.url), { sessionId: tab.sessionId });
      // Both reach the comment store; one session save wins, the other re-runs on the saved session.
      const [first, second] = await Promise.all([tab.press('submit'), other.press('submit')]);
      const receipt = (await tab.state()).receipt as string;
      expect(receipt).toMatch(/^RFI-/);
      expect(allText(first)).toContain(receipt);
      expect(allText(second)).toContain(receipt);
      const stored = await app.commentStore.getByReceipt(receipt);
      const rows = await app.database.client.query<{ n: string }>('SELECT count(*)::text AS n FROM submissions WHERE id = $1', [stored?.id]);
      expect(rows.rows[0]?.n).toBe('1');
      expect(await app.sessionStore.listSubmitsPending(10, FAR)).toEqual([]);
    } finally {
      await cleanup();
    }
  }, 120_000);

  it('tells a Slack partner plainly when their waiting submit turns out to be refused, and retries it no more', async () => {
    const harness = await startSlackApp({ env: { DATABASE_URL: cluster.url, ...sessionsInRedisEnv('submit-failures') } });
    const user = 'UREFUSED01';
    const say = (text: string) => harness.client.expectReplies(() => harness.client.sendEvent(dmEvent(user, text)));
    try {
      await addPoisonConstraint(harness.app);
      for (const text of ['hi', 'agree', 'anonymous', '1', 'skip', `A waiting answer, ${POISON}.`, 'review']) await say(text);
      cluster.stop();
      expect((await say('submit')).map((post) => post.text).join('\n')).toMatch(/We will save it for you/);
      const before = harness.slackApi.posts().length;
      cluster.start();
      await waitUntilReady(harness.app.url);
      await harness.app.submitRetry.runNow();
      const told = harness.slackApi.posts().slice(before).filter((post) => post.channel === `D${user}`);
      expect(told.map((post) => post.text).join('\n')).toMatch(/could not be saved, and trying again will not fix it/);
      expect(await harness.app.sessionStore.listSubmitsPending(10, FAR)).toEqual([]);
      // Not retried again: nothing more is sent.
      await harness.app.submitRetry.runNow();
      expect(harness.slackApi.posts().length).toBe(before + told.length);
      expect(harness.logs.text).not.toContain(POISON);
    } finally {
      await harness.cleanup();
    }
  }, 120_000);

  it('stores an honest submit in the first run after Postgres returns, although 110 poisoned ones wait ahead of it; they leave the queue and their errors are throttled', async () => {
    // The retry queue's fairness is under test, not the submission limits (which alone would stop most of
    // these 111 submits today): they are raised for this app.
    const generous = { limit: 10_000, windowMs: 60_000 };
    const abuseLimits = { session: { client: generous, site: generous }, turn: { client: generous, site: generous }, submission: { client: generous, site: generous } };
    const { app, logs, cleanup } = await startTestApp({ DATABASE_URL: cluster.url, ...sessionsInRedisEnv('submit-failures'), METRICS_TOKEN: TOKEN }, { abuseLimits });
    try {
      await addPoisonConstraint(app);
      const poisoned: ConversationKey[] = [];
      for (let i = 0; i < 110; i += 1) poisoned.push(await toReview(app, `poisoned-${i}-${Date.now()}`, `A poisoned answer ${i}, ${POISON}.`));
      const honest = new WebchatClient(app.url);
      await honest.reachReview('An honest answer, marker Godwit-5122.');

      cluster.stop();
      for (const [i, key] of poisoned.entries()) {
        await app.dispatcher.dispatch({ key, deliveryId: `poisoned-submit-${i}`, input: { kind: 'action', actionId: 'submit' } });
      }
      // The honest partner pressed submit last: every poisoned submit is ahead of theirs in the queue.
      expect(allText(await honest.press('submit'))).toMatch(/We will save it for you/);
      expect(await app.sessionStore.listSubmitsPending(1_000, FAR)).toHaveLength(111);
      expect(storeErrors(await metricsText(app), 'unavailable')).toBe(111);

      cluster.start();
      await waitUntilReady(app.url);
      await app.submitRetry.runNow();
      const receipt = (await honest.state()).receipt;
      expect(receipt).toMatch(/^RFI-/);
      expect(await app.commentStore.getByReceipt(receipt as string)).not.toBeNull();
      // Every poisoned submit was refused once and left the queue: nothing is retried for ever.
      expect(await app.sessionStore.listSubmitsPending(1_000, FAR)).toEqual([]);
      expect(storeErrors(await metricsText(app), 'constraint')).toBe(110);
      expect(await app.submitRetry.runNow()).toBe(0);

      // 110 identical refusals: a few log lines, the next one that passes counts the rest.
      const refusedLines = logs.lines.filter((line) => line.includes('submission refused by the comment store'));
      expect(refusedLines.length).toBeGreaterThan(0);
      expect(refusedLines.length).toBeLessThanOrEqual(10);
      const unavailableLines = logs.lines.filter((line) => line.includes('it will be retried by itself'));
      expect(unavailableLines.length).toBeLessThanOrEqual(10);
      const ready = (await (await fetch(`${app.url}/readyz`)).json()) as { status: string; warnings?: Record<string, { refused: number }> };
      expect(ready.status).toBe('ready');
      expect(ready.warnings?.submitRetry?.refused).toBe(110);
      expect(logs.text).not.toContain(POISON);
    } finally {
      await cleanup();
    }
  }, 180_000);
});
