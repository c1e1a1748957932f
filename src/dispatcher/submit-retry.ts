import type { Logger } from 'pino';
import type { CommentStore, OutboundMessenger, SessionStore } from '../core/ports.js';
import type { Channel, ConversationKey, Reply } from '../core/types.js';
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

export function createSubmitRetry(deps: SubmitRetryDeps): SubmitRetry {
  const { logger } = deps;
  const batchSize = deps.batchSize ?? DEFAULT_BATCH_SIZE;
  const nowMs = deps.nowMs ?? Date.now;
  const throttle = createLogThrottle({ windowMs: 60_000, burst: 5, nowMs });
  const health: SubmitRetryHealth = { stuck: 0, refused: 0 };

  async function runOnce(): Promise<number> {
    const pending = await deps.sessionStore.listSubmitsPending(batchSize, new Date(nowMs()));
    if (pending.length === 0) {
      health.stuck = 0;
      return 0;
    }
    try {
      await deps.commentStore.ping();
    } catch {
      return 0; // still down: the next run looks again (no attempt is counted, so nobody backs off)
    }
    let stored = 0;
    let stillFailing = 0;
    for (const entry of pending) {
      if (runner.stopping) break;
      try {
        const outcome = await deps.dispatcher.retrySubmit(entry);
        if (outcome.status === 'failed') stillFailing += 1;
        if (outcome.status === 'refused') {
          health.refused += 1;
          await tell(entry.key, outcome.replies, 'partner could not be told their submission was refused');
        }
        if (outcome.status !== 'stored') continue;
        stored += 1;
        logger.info({ channel: entry.key.channel }, 'waiting submission stored');
        await tell(entry.key, [{ text: t(outcome.language).submitRetried }, ...outcome.replies], 'partner could not be told their waiting submission was stored');
      } catch (error) {
        stillFailing += 1;
        const summary = errorSummary(error);
        const admitted = throttle.admit(`retry-error:${summary.code}`);
        if (admitted) logger.warn({ channel: entry.key.channel, err: summary, ...admitted }, 'waiting submission not stored yet; will retry');
      }
    }
    health.stuck = stillFailing;
    return stored;
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
