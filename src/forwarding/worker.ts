import type { Logger } from 'pino';
import type { CommentStore, Metrics, OutboundMessenger } from '../core/ports.js';
import { conversationKeyFromString, type Channel } from '../core/types.js';
import { errorSummary } from '../errors.js';
import { t } from '../i18n/catalog.js';
import { toRegulationsItem } from '../moderation/regulations.js';
import type { ModerationRepository } from '../moderation/repository.js';
import { pollingRunner } from '../reminders/repeat.js';
import type { ApiOutcome, CommentApi } from './comment-api.js';
import type { ForwardingRepository, ForwardRow } from './repository.js';

/**
 * The forwarding worker: posts each outbox row to the docket once. For a row: quarantined → held (never
 * posted); a submission key from the API (kept for retries); the full text uploaded as an attachment when
 * it is longer than a comment holds; then `sending` and one POST /comments. 201 → forwarded with the
 * tracking number, and the partner is told it in the chat they used; a 4xx → dead with the API's message;
 * 429 / 5xx / refused connection → retried with exponential back-off and jitter (Retry-After honoured);
 * a timeout or a crash mid-POST → unknown, for a moderator to reconcile (there is no idempotency key).
 */
export interface ForwardingWorkerOptions {
  outbox: ForwardingRepository;
  moderation: ModerationRepository;
  commentStore: CommentStore;
  api: CommentApi;
  documentId: string;
  category: string | undefined;
  messengers: Partial<Record<Channel, OutboundMessenger>>;
  nowMs: () => number;
  logger: Logger;
  metrics: Metrics;
  pollMs: number;
  /** Longer than the API timeout: after it, a POST under way has surely ended. */
  sendLeaseMs: number;
}

export interface ForwardingWorker {
  start(): void;
  drain(): Promise<void>;
  stop(): Promise<void>;
}

const CLAIM_LEASE_MS = 60_000;
const MAX_DELAY_MS = 10 * 60_000;

/** Telling a partner: 30 s, 1 min, 2 min … up to an hour between tries, MAX_TELL_ATTEMPTS in all (about 8 hours). */
const MAX_TELL_ATTEMPTS = 12;
function tellBackoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** (attempts - 1), 60 * 60_000) * (0.5 + Math.random() / 2);
}

function backoffMs(attempts: number): number {
  return Math.min(2 ** attempts * 1000, MAX_DELAY_MS) * (0.5 + Math.random() / 2);
}

export function createForwardingWorker(options: ForwardingWorkerOptions): ForwardingWorker {
  const { outbox, logger, metrics } = options;

  /** A failure before the POST (key, upload): nothing was posted, so it is always safe to retry. */
  async function beforePost(row: ForwardRow, outcome: Exclude<ApiOutcome, { kind: 'ok' }>): Promise<void> {
    if (outcome.kind === 'rejected') {
      metrics.forward('dead');
      return outbox.dead(row.submissionId, outcome.status, outcome.message);
    }
    metrics.forward('retry');
    const delay = outcome.kind === 'retry' && outcome.retryAfterMs !== undefined ? outcome.retryAfterMs : backoffMs(row.attempts + 1);
    return outbox.retryLater(row.submissionId, options.nowMs() + delay, outcome.kind === 'retry' ? outcome.status : null, outcome.message);
  }

  async function forwardOne(row: ForwardRow): Promise<void> {
    const submission = await options.moderation.getSubmission(row.submissionId, false);
    if (!submission) return outbox.dead(row.submissionId, null, 'the submission no longer exists');
    if (submission.flags.includes('quarantined')) {
      metrics.forward('held');
      return outbox.held(row.submissionId);
    }
    const item = toRegulationsItem(submission, options.documentId);
    let key = row.submissionKey;
    if (!key) {
      const created = await options.api.createSubmissionKey();
      if (created.kind !== 'ok') return beforePost(row, created);
      const id = (created.body.data as { id?: unknown } | undefined)?.id;
      if (typeof id !== 'string' || id.length === 0) return beforePost(row, { kind: 'rejected', status: created.status, message: 'the Comment API gave no submission key' });
      key = id;
      await outbox.rememberSubmissionKey(row.submissionId, key);
    }
    if (item.attachment) {
      const uploaded = await options.api.uploadAttachment(key, item.attachment);
      if (uploaded.kind !== 'ok') return beforePost(row, uploaded);
    }
    const { category: _defaultCategory, ...attributes } = item.body.data.attributes;
    const body = { data: { type: 'comments', attributes: { ...attributes, submissionKey: key, ...(options.category ? { category: options.category } : {}) } } };

    if (runner.stopping) return;
    if (!(await outbox.markSending(row.submissionId, { nowMs: options.nowMs(), leaseMs: options.sendLeaseMs }))) return;
    const posted = await options.api.postComment(body);
    if (posted.kind === 'ok') {
      const data = posted.body.data as { id?: unknown; attributes?: { trackingNbr?: unknown } } | undefined;
      const tracking = typeof data?.id === 'string' ? data.id : typeof data?.attributes?.trackingNbr === 'string' ? data.attributes.trackingNbr : null;
      if (!tracking) {
        metrics.forward('unknown');
        return outbox.unknown(row.submissionId, 'the API answered 201 without a tracking number');
      }
      metrics.forward('forwarded');
      logger.info({ submissionId: row.submissionId }, 'submission forwarded to the docket');
      return outbox.forwarded(row.submissionId, tracking);
    }
    if (posted.kind === 'maybe') {
      metrics.forward('unknown');
      logger.warn({ submissionId: row.submissionId }, 'forward outcome unknown; a moderator must check the docket before retrying');
      return outbox.unknown(row.submissionId, posted.message);
    }
    return beforePost(row, posted);
  }

  /**
   * The partner hears the tracking number in the chat they used (Slack DM, Teams). Each row is leased to
   * one instance; a send that surely did not arrive is tried again with back-off, up to
   * MAX_TELL_ATTEMPTS; one that may have arrived is never sent again.
   */
  async function tellPartners(): Promise<void> {
    for (const row of await outbox.claimUntold({ limit: 50, nowMs: options.nowMs(), leaseMs: CLAIM_LEASE_MS })) {
      const contact = await options.commentStore.getPrivateContact(row.submissionId);
      const stored = await options.commentStore.getById(row.submissionId);
      if (!contact || !stored || !row.trackingNumber) {
        await outbox.markTold(row.submissionId);
        continue;
      }
      const key = conversationKeyFromString(contact.conversationKey);
      const messenger = options.messengers[key.channel];
      if (!messenger) {
        await outbox.markTold(row.submissionId); // web chat: the tracking number is shown by the status endpoint
        continue;
      }
      const outcome = await messenger.send(key, [{ text: t(stored.language).forwarded(stored.receipt, row.trackingNumber) }]);
      if (outcome.status !== 'failed' || outcome.maybeDelivered) {
        await outbox.markTold(row.submissionId);
      } else if (row.tellAttempts + 1 >= MAX_TELL_ATTEMPTS) {
        logger.warn({ submissionId: row.submissionId, channel: key.channel, code: outcome.code }, 'partner could not be told the tracking number; gave up (it is on the docket and in the dashboard)');
        await outbox.markTold(row.submissionId);
      } else {
        await outbox.tellLater(row.submissionId, options.nowMs() + (outcome.retryAfterMs ?? tellBackoffMs(row.tellAttempts + 1)));
      }
    }
  }

  async function drainOnce(): Promise<void> {
    await outbox.recoverExpired(options.nowMs());
    for (;;) {
      if (runner.stopping) return;
      const rows = await outbox.claim({ limit: 10, nowMs: options.nowMs(), leaseMs: CLAIM_LEASE_MS });
      if (rows.length === 0) break;
      for (const row of rows) {
        await forwardOne(row).catch((error: unknown) => logger.error({ err: errorSummary(error), submissionId: row.submissionId }, 'forwarding failed; retried after the lease'));
      }
    }
    await tellPartners();
  }

  const runner = pollingRunner(drainOnce, {
    pollMs: options.pollMs,
    onError: (error) => logger.error({ err: errorSummary(error) }, 'forwarding poll failed; retrying'),
  });

  return { start: runner.start, drain: runner.runNow, stop: runner.stop };
}
