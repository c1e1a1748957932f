import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShiftedClock } from '../support/clock.js';
import { freePort } from '../support/free-port.js';
import { ownPostgres } from '../support/own-postgres.js';
import { startTestApp, waitUntilReady } from '../support/app.js';
import { sessionsInRedisEnv } from '../support/services.js';
import { WebchatClient } from '../support/webchat-client.js';
import { startSlackApp } from '../fixtures/slack/harness.js';
import { dmEvent } from '../fixtures/slack/payloads.js';

/**
 * Postgres (a cluster of the test's own on another port) stopped just before partners submit: they are
 * told in plain words that nothing is lost, the draft stays at review, and once Postgres is back the
 * submission is stored — once — without the partner having to come back (their chat says so). A partner
 * who changed the draft meanwhile keeps control: nothing is submitted for them.
 */
const MARKER = 'An answer that must not be lost, marker Plover-3301.';
const sessionsInRedis = () => sessionsInRedisEnv('fault-pg');

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('Postgres stopped at submit (its own cluster)', () => {
  let pg: ReturnType<typeof ownPostgres>;
  beforeAll(async () => {
    pg = ownPostgres(await freePort());
    pg.start();
  }, 120_000);
  afterAll(() => {
    pg?.remove();
  });

  it('tells the partner, loses nothing, and stores the submission by itself once Postgres returns', async () => {
    const { app, logs, cleanup } = await startTestApp({ DATABASE_URL: pg.url, ...sessionsInRedis() });
    try {
      const waiting = new WebchatClient(app.url);
      const changedMind = new WebchatClient(app.url);
      await waiting.reachReview(MARKER);
      await changedMind.reachReview('A first thought, marker Wren-118.');

      pg.stop();
      const refused = await waiting.press('submit');
      const refusedText = refused.map((reply) => reply.text).join('\n');
      expect(refusedText).toMatch(/could not be saved just now\. Nothing is lost/);
      expect(refusedText).toMatch(/We will save it for you as soon as we can/);
      expect(refused.some((reply) => reply.actions?.some((action) => action.id === 'submit'))).toBe(true);
      expect((await waiting.state()).step).toBe('review');
      await changedMind.press('submit');
      // …and then changes an answer while Postgres is still down: the draft is theirs again.
      await changedMind.send('edit 2');
      await changedMind.send('A second thought.');
      await changedMind.send('review');

      // Nothing is retried while Postgres is down.
      expect(await app.submitRetry.runNow()).toBe(0);

      pg.start();
      await waitUntilReady(app.url);
      // The retry runs on its own every few seconds; the page polls the same status endpoint.
      const state = await eventually(() => waiting.state(), (value) => typeof value.receipt === 'string');
      expect(state.step).toBe('submitted');
      expect(state.receipt).toMatch(/^RFI-/);
      const saved = await app.commentStore.getByReceipt(state.receipt as string);
      expect(saved?.answers.find((answer) => answer.index === 1)?.answer).toBe(MARKER);

      // Pressing submit again (say, from an old tab) gives the same receipt and stores nothing new.
      const again = await waiting.press('submit');
      expect(again.map((reply) => reply.text).join('\n')).toContain(state.receipt as string);
      const count = await app.database.client.query<{ n: string }>('SELECT count(*)::text AS n FROM submissions');
      expect(count.rows[0]?.n).toBe('1');

      expect(await app.submitRetry.runNow()).toBe(0);
      expect((await changedMind.state()).step).toBe('review');
      expect(logs.text).not.toContain('Plover-3301');
    } finally {
      await cleanup();
    }
  }, 120_000);

  it('stores a submit pressed before the deadline although Postgres only returns after it', async () => {
    const clock = new ShiftedClock();
    const deadline = new Date(Date.now() + 60 * 60_000);
    const { app, cleanup } = await startTestApp({ DATABASE_URL: pg.url, ...sessionsInRedis(), RFI_DEADLINE: deadline.toISOString() }, { clock });
    try {
      const client = new WebchatClient(app.url);
      await client.reachReview('Pressed in time, marker Kestrel-0077.');
      pg.stop();
      const pressedAt = clock.now().getTime();
      await client.press('submit');
      clock.advance(2 * 60 * 60_000);
      // Typed now, a submit is too late…
      const late = new WebchatClient(app.url);
      await late.reachReview('Too late, marker Kite-0078.');
      pg.start();
      await waitUntilReady(app.url);
      expect((await late.press('submit')).map((reply) => reply.text).join('\n')).toMatch(/deadline|closed/i);
      // …but the one pressed in time is stored, as of when it was pressed. (The job also runs on its own
      // every 5 s and may have stored it already, so this run's count is not the proof; the receipt is.)
      await app.submitRetry.runNow();
      expect(await app.sessionStore.listSubmitsPending(10, new Date('2100-01-01T00:00:00Z'))).toEqual([]);
      const receipt = (await client.state()).receipt;
      expect(receipt).toMatch(/^RFI-/);
      const stored = await app.commentStore.getByReceipt(receipt as string);
      const submittedAtMs = Date.parse(stored?.submittedAt ?? '');
      expect(submittedAtMs).toBeGreaterThanOrEqual(pressedAt - 1_000);
      expect(submittedAtMs).toBeLessThan(deadline.getTime());
    } finally {
      await cleanup();
    }
  }, 120_000);

  it('tells a Slack partner in their DM once the waiting submission is stored', async () => {
    const harness = await startSlackApp({ env: { DATABASE_URL: pg.url, ...sessionsInRedis() } });
    const user = 'UPGDOWN01';
    const say = (text: string) => harness.client.expectReplies(() => harness.client.sendEvent(dmEvent(user, text)));
    try {
      await say('hi');
      await say('agree');
      await say('anonymous');
      await say('1');
      await say('skip');
      await say(MARKER);
      await say('review');

      pg.stop();
      const refused = await say('submit');
      expect(refused.map((post) => post.text).join('\n')).toMatch(/Nothing is lost/);
      const before = harness.slackApi.posts().length;

      pg.start();
      await waitUntilReady(harness.app.url);
      await harness.app.submitRetry.runNow();
      const told = harness.slackApi.posts().slice(before).filter((post) => post.channel === `D${user}`);
      const toldText = told.map((post) => post.text).join('\n');
      expect(toldText).toMatch(/Good news: the comment you sent earlier could not be saved at the time, and now it is/);
      const receipt = /RFI-[0-9A-Z-]+/.exec(toldText)?.[0];
      expect(receipt).toBeDefined();
      expect((await harness.app.commentStore.getByReceipt(receipt as string))?.answers.find((answer) => answer.index === 1)?.answer).toBe(MARKER);

      // Told once: a later run finds nothing waiting.
      await harness.app.submitRetry.runNow();
      expect(harness.slackApi.posts().length).toBe(before + told.length);
    } finally {
      await harness.cleanup();
    }
  }, 120_000);
});
