import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HOSTILE_LENGTH, HOSTILE_UNITS, repeatTo } from '../support/hostile-text.js';
import { startTestApp } from '../support/app.js';
import { schemaTracker } from '../support/pg-schemas.js';
import { describeWithService, serviceAvailable, serviceUrl } from '../support/services.js';
import { allText, receiptOf, WebchatClient } from '../support/webchat-client.js';

/**
 * Issue 18, item 1: one partner's hostile answers never stall the others. Partner A fills all five
 * questions with 20,000-character answers shaped to make a backtracking regex go quadratic (the PII scan
 * used to spend 250-580 ms on each, on every review and submit), then asks for the review and submits
 * while partner B takes ordinary turns. The app and both clients share this process's event loop, so
 * monitorEventLoopDelay sees every stall the server causes. Target: p99 under 50 ms, over the p99 of a
 * baseline taken in the same run (the partner's turns alone), which absorbs what other processes on a
 * shared machine cost this one. The old scanner fails it outright: its 1.4 s stalls even time out the
 * Redis session store.
 *
 * Redis sessions and the Postgres comment store, as in production: PGlite, the embedded default, runs
 * the database inside this thread, and storing 100,000 characters there is itself a 40 ms+ synchronous
 * step (see docs/pii.md), which is not what this test is about.
 */
const SHAPES = ['digits', 'one repeated letter (x)', '"a." pairs', '"@" runs', 'mixed'] as const;
const P99_TARGET_MS = 50;
const REVIEWS = 5;
const PARTNER_TURNS = 40;

// Needs both services: the first one missing decides whether the suite fails (REQUIRE_SERVICES=1) or skips.
const missingFirst = (await serviceAvailable('redis')) ? 'postgres' : 'redis';

await describeWithService(missingFirst, 'web chat: hostile 20,000-character answers do not stall the event loop', () => {
  const schemas = schemaTracker(serviceUrl('postgres'), 'e2e_hostile');
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    harness = await startTestApp({
      LOG_LEVEL: 'info',
      REDIS_URL: serviceUrl('redis'),
      REDIS_KEY_PREFIX: `e2e${randomBytes(4).toString('hex')}`,
      DATABASE_URL: serviceUrl('postgres'),
      DATABASE_SCHEMA: schemas.newSchema(),
    });
    // A server that has served one ordinary partner: V8 runs a regex's first use in its bytecode
    // interpreter and compiles it after, so the very first review of a fresh process measures the
    // compiler, not the scan.
    await new WebchatClient(harness.app.url).reachReview('An ordinary answer about survivors and housing.');
  });
  afterAll(async () => {
    await harness?.cleanup();
    await schemas.dropAll();
  });

  it('review and submit of five hostile answers keep the p99 event-loop delay under 50 ms while another partner takes turns', async () => {
    const attacker = new WebchatClient(harness.app.url);
    await attacker.startAtFirstQuestion('1');
    for (const [index, shape] of SHAPES.entries()) {
      const unit = HOSTILE_UNITS[shape] as string;
      const saved = await attacker.send(repeatTo(unit, HOSTILE_LENGTH));
      expect(allText(saved)).toContain('20,000');
      if (index < SHAPES.length - 1) await attacker.press('next');
    }

    const partner = new WebchatClient(harness.app.url);
    await partner.startAtFirstQuestion('2');

    // Baseline in the same run: the same partner's ordinary turns with nobody attacking. On a shared
    // machine other processes delay this one's loop too; that part is the baseline's p99, not ours.
    const baseline = monitorEventLoopDelay({ resolution: 5 });
    baseline.enable();
    for (let count = 0; count < PARTNER_TURNS; count += 1) await partner.send(count % 2 === 0 ? `A baseline answer, part ${count}.` : 'status');
    baseline.disable();

    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    let attackerDone = false;
    const attack = (async () => {
      try {
        for (let round = 0; round < REVIEWS; round += 1) {
          const review = await attacker.send('review');
          // The hints are still given: the digits answer is not mistaken for a phone number, and the
          // review still reaches the partner with every answer in it.
          expect(allText(review)).toContain(repeatTo('1', 200));
        }
        const submitted = await attacker.press('submit');
        return receiptOf(submitted);
      } finally {
        attackerDone = true;
      }
    })();
    const turns = (async () => {
      let count = 0;
      // Ordinary turns until the attacker is done, and enough of them for a p99 over a few hundred samples.
      while (!attackerDone || count < PARTNER_TURNS) {
        const replies = await partner.send(count % 2 === 0 ? `An ordinary answer, part ${count}.` : 'status');
        expect(replies.length).toBeGreaterThan(0);
        count += 1;
      }
      return count;
    })();
    const [receipt, partnerTurns] = await Promise.all([attack, turns]);
    delay.disable();

    expect(receipt).toMatch(/^RFI-/);
    expect(partnerTurns).toBeGreaterThanOrEqual(PARTNER_TURNS);
    const stored = await harness.app.commentStore.getByReceipt(receipt as string);
    expect(stored?.answers.map((answer) => answer.answer?.length)).toEqual(SHAPES.map(() => HOSTILE_LENGTH));
    const p99Ms = delay.percentile(99) / 1e6;
    const baselineP99Ms = baseline.percentile(99) / 1e6;
    const detail = `event-loop delay p99 ${p99Ms.toFixed(1)} ms (max ${(delay.max / 1e6).toFixed(1)} ms); baseline p99 ${baselineP99Ms.toFixed(1)} ms`;
    // What the attack adds over the baseline stays under the target (the old scanner added over a second).
    expect(p99Ms - baselineP99Ms, detail).toBeLessThan(P99_TARGET_MS);
  });
});
