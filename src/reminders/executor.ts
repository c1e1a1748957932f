import { errorSummary } from '../errors.js';
import { pollingRunner } from './repeat.js';
import { createDeliverer, type DelivererOptions, type Pacing } from './delivery.js';
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
export interface ReminderExecutorOptions extends Omit<DelivererOptions, 'maxAttempts' | 'sendingLeaseMs' | 'stopping'> {
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
export const CLAIM_LEASE_MS = 15_000;
/** Longer than the platform clients' own timeouts and fast retries: after it, a send has surely ended. */
export const DEFAULT_SENDING_LEASE_MS = 120_000;
export const DEFAULT_MAX_ATTEMPTS = 6;

export function createReminderExecutor(options: ReminderExecutorOptions): ReminderExecutor {
  const { roster, logger } = options;
  // Pacing is about real time (the platform's limits), never the business clock, which tests may freeze.
  const limiter = createWorkspaceLimiter({ ratePerSecond: options.ratePerSecond, nowMs: () => performance.now() });
  const deliverer = createDeliverer({
    ...options,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    sendingLeaseMs: options.sendingLeaseMs ?? DEFAULT_SENDING_LEASE_MS,
    stopping: () => runner.stopping,
  });
  const pacing: Pacing = { take: (workspace) => limiter.take(workspace), pause: (workspace, ms) => limiter.pause(workspace, ms) };

  async function drainOnce(): Promise<number> {
    await deliverer.confirmInterrupted(pacing);
    let handled = 0;
    const inFlight = new Set<Promise<void>>();
    for (;;) {
      if (runner.stopping) break;
      // About two seconds of work per workspace: well within the claim lease.
      const claimLimit = Math.max(options.concurrency * 2, Math.ceil(options.ratePerSecond * 2));
      const batch = await roster.claimDue({ limit: claimLimit, nowMs: options.nowMs(), leaseMs: CLAIM_LEASE_MS });
      if (batch.length === 0) break;
      for (const delivery of batch) {
        while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
        const task = deliverer.deliver(delivery, pacing)
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

  const runner = pollingRunner(drainOnce, {
    pollMs: options.pollMs,
    onError: (error) => logger.error({ err: errorSummary(error) }, 'reminder worker poll failed; retrying'),
  });

  return { start: runner.start, drain: runner.runNow, stop: runner.stop };
}
