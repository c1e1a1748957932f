import { setTimeout as sleep } from 'node:timers/promises';

/**
 * One schedule per workspace (Slack team, Teams tenant): sends start at least 1/`ratePerSecond` apart,
 * without bursts, so no one-second window ever holds more than the platform allows (Slack counts per
 * workspace per minute and per second). `pause(key, ms)` stops a workspace after a 429 for its Retry-After.
 * `nowMs` is a monotonic real-time clock (performance.now); waiting uses real timers.
 */
export interface WorkspaceLimiter {
  /** Resolves when a send to `key` may start. */
  take(key: string): Promise<void>;
  pause(key: string, ms: number): void;
}

/**
 * Sends are spaced 2% wider than the rate: requests leave on time but arrive with a few milliseconds of
 * network jitter, and without the margin a platform counting a sliding second sometimes sees one too
 * many and answers 429 (Slack then pauses the method for its Retry-After, which costs far more than 2%).
 */
const SPACING_MARGIN = 1.02;

export function createWorkspaceLimiter(options: { ratePerSecond: number; nowMs: () => number }): WorkspaceLimiter {
  const intervalMs = (1000 / options.ratePerSecond) * SPACING_MARGIN;
  /** key → the earliest time the next send may start. */
  const nextAt = new Map<string, number>();
  const pausedUntil = new Map<string, number>();

  return {
    async take(key) {
      for (;;) {
        const now = options.nowMs();
        const paused = pausedUntil.get(key) ?? 0;
        // Never earlier than one interval after the last send, even when a waiter wakes late: catching up
        // would put two sends closer than the platform's sliding second allows (429s, a pause each).
        const slot = Math.max(nextAt.get(key) ?? 0, now, paused);
        if (slot <= now) {
          nextAt.set(key, slot + intervalMs);
          return;
        }
        await sleep(Math.min(slot - now, 1000));
      }
    },
    pause(key, ms) {
      pausedUntil.set(key, Math.max(pausedUntil.get(key) ?? 0, options.nowMs() + ms));
    },
  };
}
