import type { Logger } from 'pino';
import type { CommentStore, OutboundMessenger, SessionStore } from '../core/ports.js';
import type { Channel } from '../core/types.js';
import { errorSummary } from '../errors.js';
import { t } from '../i18n/catalog.js';
import { pollingRunner } from '../reminders/repeat.js';
import type { Dispatcher } from './dispatcher.js';

/**
 * Submits the comment store refused (Postgres down when the partner pressed submit) are stored as soon as
 * it answers again, without the partner having to come back: every `pollMs` this looks at the waiting
 * submits (kept in the session store, so any instance can finish them and a restart forgets none),
 * checks the comment store once, and re-runs each submit through the dispatcher — the same path, the same
 * idempotent save keyed by the draft id. The partner is then told in their chat (Slack DM, Teams
 * proactive message); the web chat page sees the receipt in its status. A partner who changed the draft
 * meanwhile is left to submit it themselves.
 */
export interface SubmitRetryDeps {
  sessionStore: SessionStore;
  commentStore: CommentStore;
  dispatcher: Dispatcher;
  messengers: Partial<Record<Channel, OutboundMessenger>>;
  logger: Logger;
  pollMs: number;
  /** How many waiting submits one run takes on. */
  batchSize?: number;
}

export interface SubmitRetry {
  /** One run now (tests, and after the comment store came back); resolves how many were stored. */
  runNow(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

const DEFAULT_BATCH_SIZE = 100;

export function createSubmitRetry(deps: SubmitRetryDeps): SubmitRetry {
  const { logger } = deps;
  const batchSize = deps.batchSize ?? DEFAULT_BATCH_SIZE;

  async function runOnce(): Promise<number> {
    const pending = await deps.sessionStore.listSubmitsPending(batchSize);
    if (pending.length === 0) return 0;
    try {
      await deps.commentStore.ping();
    } catch {
      return 0; // still down: the next run looks again
    }
    let stored = 0;
    for (const entry of pending) {
      if (runner.stopping) break;
      try {
        const outcome = await deps.dispatcher.retrySubmit(entry);
        if (outcome.status !== 'stored') continue;
        stored += 1;
        logger.info({ channel: entry.key.channel }, 'waiting submission stored');
        const messenger = deps.messengers[entry.key.channel];
        if (!messenger) continue;
        const sent = await messenger.send(entry.key, [{ text: t(outcome.language).submitRetried }, ...outcome.replies]);
        if (sent.status !== 'sent') logger.warn({ channel: entry.key.channel, outcome: sent.status }, 'partner could not be told their waiting submission was stored');
      } catch (error) {
        logger.warn({ channel: entry.key.channel, err: errorSummary(error) }, 'waiting submission not stored yet; will retry');
      }
    }
    return stored;
  }

  const runner = pollingRunner(runOnce, {
    pollMs: deps.pollMs,
    onError: (error) => logger.warn({ err: errorSummary(error) }, 'waiting submissions could not be read; will retry'),
  });
  return { runNow: runner.runNow, start: runner.start, stop: runner.stop };
}
