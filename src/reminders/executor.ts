import type { Logger } from 'pino';
import type { OutboundMessenger } from '../core/ports.js';
import type { Channel, Reply } from '../core/types.js';
import { errorSummary } from '../errors.js';
import type { RosterRepository } from '../roster/repository.js';
import type { ClaimedDelivery } from '../roster/types.js';
import { createWorkspaceLimiter } from './rate-limiter.js';

/**
 * The delivery worker: sends the queued reminder and invitation intents, over the durable records in
 * the database, so it is safe with several instances and across restarts (see RosterRepository).
 *
 * For each claimed intent: skip it when the partner submitted, opted out or the deadline passed; wait
 * for the partner's waking hours and for the workspace's rate; mark it `sending`; send once. Outcomes:
 * sent → sent; unreachable (user gone, app removed) → failed, partner marked unreachable, not retried;
 * may have been delivered (a timeout, or a crash mid-send found later by the lease running out) → the
 * platform is asked whether the message arrived (Slack: message metadata in conversations.history) and
 * it is sent again only if it did not; a platform that cannot tell leaves it `unknown`, never resent;
 * a rate limit or a transient failure → back to the queue after Retry-After or a back-off with jitter,
 * up to `maxAttempts`.
 */
export interface ReminderExecutorOptions {
  roster: RosterRepository;
  messengers: Partial<Record<Channel, OutboundMessenger>>;
  /** The replies for one intent, or a reason to skip it (e.g. the partner has already submitted). */
  compose(delivery: ClaimedDelivery, now: Date): Promise<{ replies: Reply[] } | { skip: string }>;
  /** When the partner's quiet hours (or weekend) hold the send back: the earliest time to try, else null. */
  heldUntil(delivery: ClaimedDelivery, now: Date): Date | null;
  nowMs: () => number;
  logger: Logger;
  /** Sends a second per Slack workspace / Teams tenant. */
  ratePerSecond: number;
  /** Sends in flight at once, across workspaces. */
  concurrency: number;
  pollMs: number;
  maxAttempts?: number;
  /** How long a send may be under way before another instance treats it as interrupted (default 2 min). */
  sendingLeaseMs?: number;
}

export interface ReminderExecutor {
  start(): void;
  /** Sends everything due now, then resolves (tests, and each poll). */
  drain(): Promise<number>;
  /** Stops claiming; resolves when the sends in flight are recorded. */
  stop(): Promise<void>;
}

/** A claim not yet sending; short, so the claims of a crashed instance return to the queue soon. */
const CLAIM_LEASE_MS = 15_000;
/** Longer than the platform clients' own timeouts and fast retries: after it, a send has surely ended. */
const DEFAULT_SENDING_LEASE_MS = 120_000;
const DEFAULT_MAX_ATTEMPTS = 6;

/** The id a platform keeps with the message, to confirm later whether it arrived. */
function markerOf(delivery: ClaimedDelivery): string {
  return `${delivery.stageKey}|${delivery.target.partnerId}`;
}

export function createReminderExecutor(options: ReminderExecutorOptions): ReminderExecutor {
  const { roster, logger } = options;
  // Pacing is about real time (the platform's limits), never the business clock, which tests may freeze.
  const limiter = createWorkspaceLimiter({ ratePerSecond: options.ratePerSecond, nowMs: () => performance.now() });
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const sendingLeaseMs = options.sendingLeaseMs ?? DEFAULT_SENDING_LEASE_MS;
  const confirmAfterMs = Math.min(sendingLeaseMs, 30_000);
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  async function deliver(delivery: ClaimedDelivery): Promise<void> {
    const { target } = delivery;
    const messenger = options.messengers[target.key.channel];
    if (!messenger) return roster.finish(delivery, 'skipped', 'channel-not-configured');
    if (target.progress === 'submitted') return roster.finish(delivery, 'skipped', 'submitted');
    if (target.remindersOptedOut && delivery.kind !== 'invite') return roster.finish(delivery, 'skipped', 'opted-out');
    const held = options.heldUntil(delivery, new Date(options.nowMs()));
    if (held) return roster.retryLater(delivery, held.getTime(), 'quiet-hours');
    const composed = await options.compose(delivery, new Date(options.nowMs()));
    if ('skip' in composed) return roster.finish(delivery, 'skipped', composed.skip);

    await limiter.take(`${target.key.channel}:${target.key.tenantId}`);
    if (stopping) return roster.retryLater(delivery, options.nowMs(), 'shutdown');
    if (!(await roster.markSending(delivery, { nowMs: options.nowMs(), leaseMs: sendingLeaseMs }))) return; // lease lost
    const outcome = await messenger.send(target.key, composed.replies, { marker: markerOf(delivery) });
    if (outcome.status === 'sent') return roster.finish(delivery, 'sent', null);
    if (outcome.status === 'unreachable') {
      await roster.markUnreachable(target.partnerId, outcome.code);
      return roster.finish(delivery, 'failed', outcome.code);
    }
    if (outcome.maybeDelivered) {
      // Never a blind second send: a platform that can tell is asked once the request has surely
      // finished (recovery, after the hold); otherwise the send is recorded as unknown.
      if (messenger.confirm) return roster.holdForConfirmation(delivery, options.nowMs() + confirmAfterMs);
      return roster.finish(delivery, 'unknown', outcome.code);
    }
    if (outcome.retryAfterMs !== undefined) limiter.pause(`${target.key.channel}:${target.key.tenantId}`, outcome.retryAfterMs);
    const attempts = delivery.attempts + 1;
    if (attempts >= maxAttempts) return roster.finish(delivery, 'failed', outcome.code);
    const backoffMs = outcome.retryAfterMs ?? Math.min(2 ** attempts * 1000, 5 * 60_000) * (0.5 + Math.random() / 2);
    return roster.retryLater(delivery, options.nowMs() + backoffMs, outcome.code);
  }

  /** Sends interrupted by a crash or a timeout: delivered (sent), not delivered (queued again), or unknown. */
  async function confirmInterrupted(): Promise<void> {
    const { toConfirm } = await roster.recoverExpired(options.nowMs(), sendingLeaseMs);
    for (const delivery of toConfirm) {
      const messenger = options.messengers[delivery.target.key.channel];
      const since = delivery.sendingAtMs ?? options.nowMs() - sendingLeaseMs;
      const arrived = messenger?.confirm ? await messenger.confirm(delivery.target.key, markerOf(delivery), since) : null;
      if (arrived === true) await roster.finish(delivery, 'sent', 'confirmed');
      else if (arrived === false) await roster.retryLater(delivery, options.nowMs(), 'not-delivered');
      else await roster.finish(delivery, 'unknown', 'interrupted');
      logger.info({ stageKey: delivery.stageKey, arrived }, 'interrupted reminder send checked');
    }
  }

  async function drainOnce(): Promise<number> {
    await confirmInterrupted();
    let handled = 0;
    const inFlight = new Set<Promise<void>>();
    for (;;) {
      if (stopping) break;
      // About two seconds of work per workspace: well within the claim lease.
      const claimLimit = Math.max(options.concurrency * 2, Math.ceil(options.ratePerSecond * 2));
      const batch = await roster.claimDue({ limit: claimLimit, nowMs: options.nowMs(), leaseMs: CLAIM_LEASE_MS });
      if (batch.length === 0) break;
      for (const delivery of batch) {
        while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
        const task = deliver(delivery)
          .catch((error: unknown) => {
            // The claim's lease runs out and the intent goes back to the queue (or to unknown if it was sending).
            logger.error({ err: errorSummary(error), stageKey: delivery.stageKey }, 'reminder delivery could not be recorded');
          })
          .finally(() => inFlight.delete(task));
        inFlight.add(task);
        handled += 1;
      }
    }
    await Promise.all(inFlight);
    return handled;
  }

  function drain(): Promise<number> {
    running ??= drainOnce().finally(() => {
      running = null;
    });
    return running;
  }

  function schedule(): void {
    if (stopping) return;
    timer = setTimeout(() => {
      drain()
        .catch((error: unknown) => logger.error({ err: errorSummary(error) }, 'reminder worker poll failed; retrying'))
        .finally(schedule);
    }, options.pollMs);
    timer.unref();
  }

  return {
    start() {
      stopping = false;
      schedule();
    },
    drain,
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
