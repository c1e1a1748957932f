import type { Logger } from 'pino';
import type { CommentStore, OutboundMessenger, PendingSubmit, SessionStore } from '../core/ports.js';
import { conversationKeyToString, type Channel, type ConversationKey, type Reply } from '../core/types.js';
import { errorSummary } from '../errors.js';
import { t } from '../i18n/catalog.js';
import { createLogThrottle } from '../log-throttle.js';
import { pollingRunner } from '../reminders/repeat.js';
import type { Dispatcher } from './dispatcher.js';

/**
 * Submits the comment store could not take (Postgres down when the partner pressed submit) are stored as
 * soon as it answers again, without the partner having to come back: every `pollMs` this checks the
 * comment store once, takes the waiting submits that are due (kept in the session store, so any instance
 * can finish them and a restart forgets none), and re-runs each through the dispatcher — the same path,
 * the same idempotent save keyed by the draft id. The partner is then told in their chat (Slack DM, Teams
 * proactive message); the web chat page sees the receipt in its status. A partner who changed the draft
 * meanwhile is left to submit it themselves.
 *
 * Fairness: each waiting submit has its own back-off (submit-backoff.ts), and the due ones are taken
 * earliest-due first, so a submit that keeps failing moves to the back and never delays another. A
 * permanent failure (the store refused the submission) leaves the queue at once, and the partner is told
 * plainly. Repeated identical failures are logged a few times a minute, with a count of the rest.
 */
export interface SubmitRetryDeps {
  sessionStore: SessionStore;
  commentStore: CommentStore;
  dispatcher: Dispatcher;
  messengers: Partial<Record<Channel, OutboundMessenger>>;
  logger: Logger;
  pollMs: number;
  /** How many due submits one run takes on. */
  batchSize?: number;
  /** Milliseconds since the epoch (tests pin it). */
  nowMs?: () => number;
}

/** What /readyz reports about the queue (see `health`). */
export interface SubmitRetryHealth {
  /** Due submits left waiting by the last run although the comment store answered: they keep failing. */
  stuck: number;
  /** Submits the comment store refused permanently since this instance started (each one needs a person). */
  refused: number;
}

export interface SubmitRetry {
  /** One run now (tests, and after the comment store came back); resolves how many were stored. */
  runNow(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
  health(): SubmitRetryHealth;
}

const DEFAULT_BATCH_SIZE = 100;
/** Bounds one run (a session store that keeps listing the same entries cannot make it loop for ever). */
const MAX_BATCHES_PER_RUN = 20;

export function createSubmitRetry(deps: SubmitRetryDeps): SubmitRetry {
  const { logger } = deps;
  const batchSize = deps.batchSize ?? DEFAULT_BATCH_SIZE;
  const nowMs = deps.nowMs ?? Date.now;
  const throttle = createLogThrottle({ windowMs: 60_000, burst: 5, nowMs });
  const health: SubmitRetryHealth = { stuck: 0, refused: 0 };

  /**
   * One run: batches of due submits, earliest due first, until none is due (at most MAX_BATCHES_PER_RUN).
   * Each entry tried leaves the due list (stored, dropped, refused, or re-marked later), so a later batch
   * reaches the submits behind them in the same run: many failing submits cannot hold back another.
   */
  async function runOnce(): Promise<number> {
    let stored = 0;
    let stillFailing = 0;
    let pinged = false;
    // An entry left due (another instance holds this attempt, or the session store failed) is not tried
    // twice in one run.
    const tried = new Set<string>();
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN && !runner.stopping; batch += 1) {
      const pending = await deps.sessionStore.listSubmitsPending(batchSize + tried.size, new Date(nowMs()));
      if (pending.length === 0) break;
      if (!pinged) {
        try {
          await deps.commentStore.ping();
          pinged = true;
        } catch {
          return 0; // still down: the next run looks again (no attempt is counted, so nobody backs off)
        }
      }
      const fresh = pending.filter((entry) => !tried.has(conversationKeyToString(entry.key)));
      if (fresh.length === 0) break;
      for (const entry of fresh) {
        if (runner.stopping) break;
        tried.add(conversationKeyToString(entry.key));
        const outcome = await retryOne(entry);
        if (outcome === 'stored') stored += 1;
        if (outcome === 'failed') stillFailing += 1;
      }
      if (pending.length < batchSize + tried.size - fresh.length) break;
    }
    health.stuck = stillFailing;
    return stored;
  }

  async function retryOne(entry: PendingSubmit): Promise<'stored' | 'failed' | 'other'> {
    try {
      const outcome = await deps.dispatcher.retrySubmit(entry);
      if (outcome.status === 'failed') return 'failed';
      if (outcome.status === 'refused') {
        health.refused += 1;
        await tell(entry.key, outcome.replies, 'partner could not be told their submission was refused');
        return 'other';
      }
      if (outcome.status !== 'stored') return 'other';
      logger.info({ channel: entry.key.channel }, 'waiting submission stored');
      await tell(entry.key, [{ text: t(outcome.language).submitRetried }, ...outcome.replies], 'partner could not be told their waiting submission was stored');
      return 'stored';
    } catch (error) {
      // Thrown before the comment store was tried (the session store failing): the entry is still due.
      const summary = errorSummary(error);
      const admitted = throttle.admit(`retry-error:${summary.code}`);
      if (admitted) logger.warn({ channel: entry.key.channel, err: summary, ...admitted }, 'waiting submission not stored yet; will retry');
      return 'failed';
    }
  }

  async function tell(key: ConversationKey, replies: Reply[], problem: string): Promise<void> {
    const messenger = deps.messengers[key.channel];
    if (!messenger) return;
    const sent = await messenger.send(key, replies);
    if (sent.status !== 'sent') logger.warn({ channel: key.channel, outcome: sent.status }, problem);
  }

  const runner = pollingRunner(runOnce, {
    pollMs: deps.pollMs,
    onError: (error) => {
      const summary = errorSummary(error);
      const admitted = throttle.admit(`list-error:${summary.code}`);
      if (admitted) logger.warn({ err: summary, ...admitted }, 'waiting submissions could not be read; will retry');
    },
  });
  return { runNow: runner.runNow, start: runner.start, stop: runner.stop, health: () => ({ ...health }) };
}
