import { AppError } from '../errors.js';

/**
 * Port: rate limits as sliding windows. A bucket admits at most `limit` requests in ANY `windowMs`
 * interval, so no burst across a window boundary gets twice the limit through (the old fixed window did).
 *
 * Contract (test/contract/rate-limiter.contract.ts, run against the memory and Redis implementations):
 * - `take(checks, nowMs)` is atomic over all its checks: it admits the request only when every bucket has
 *   room, and then counts it in every bucket; a refused request counts in none (a client refused by the
 *   site-wide limit does not also use up its own).
 * - A refusal says which bucket refused and `retryAfterMs` > 0: the time until that bucket has room again.
 * - Buckets are independent: a key never affects another key. Each entry is kept no longer than its window
 *   (Redis keys carry a TTL; the memory store forgets the oldest buckets first when it is full).
 * - Errors of the backing store propagate (the caller decides; see abuse-limits.ts, which lets requests
 *   through while Redis is unreachable, since then the session store refuses them anyway).
 *
 * Implementations: `createMemoryRateLimiter` (one process) and `createRedisRateLimiter`
 * (src/state/redis-rate-limiter.ts: one Lua script, shared by every instance).
 */
export interface RateCheck {
  /** e.g. "session:client:203.0.113.7" or "submit:site"; built by abuse-limits.ts only. */
  bucket: string;
  limit: number;
  windowMs: number;
}

export type RateDecision = { allowed: true } | { allowed: false; bucket: string; retryAfterMs: number };

export interface RateLimiter {
  readonly kind: 'memory' | 'redis';
  take(checks: readonly RateCheck[], nowMs: number): Promise<RateDecision>;
  /** What `take` would decide, counting nothing (e.g. "is this client locked out of sign-in?"). */
  peek(checks: readonly RateCheck[], nowMs: number): Promise<RateDecision>;
  close(): Promise<void>;
}

/** RATE_LIMITED with how long to wait: the HTTP layer sends 429 + Retry-After and a kind message. */
export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterMs: number,
    readonly bucket: string,
  ) {
    super('RATE_LIMITED', `Rate limit reached (${bucket.split(':').slice(0, 2).join(':')}).`);
  }
}

export function isRateLimitedError(error: unknown): error is RateLimitedError {
  return error instanceof RateLimitedError;
}

/** Sliding-window log in memory: the admitted times of each bucket, oldest first. */
export function createMemoryRateLimiter(options: { maxBuckets?: number } = {}): RateLimiter {
  const buckets = new Map<string, number[]>();
  const maxBuckets = options.maxBuckets ?? 100_000;
  const recent = (check: RateCheck, nowMs: number): number[] => {
    const times = buckets.get(check.bucket);
    if (!times) return [];
    const from = nowMs - check.windowMs;
    let drop = 0;
    while (drop < times.length && (times[drop] as number) <= from) drop += 1;
    if (drop > 0) times.splice(0, drop);
    if (times.length === 0) buckets.delete(check.bucket);
    return times;
  };
  const judge = (checks: readonly RateCheck[], nowMs: number): RateDecision => {
    for (const check of checks) {
      const times = recent(check, nowMs);
      if (times.length >= check.limit) {
        const oldest = times[times.length - check.limit] as number;
        return { allowed: false, bucket: check.bucket, retryAfterMs: Math.max(1, oldest + check.windowMs - nowMs) };
      }
    }
    return { allowed: true };
  };
  return {
    kind: 'memory',
    async peek(checks, nowMs) {
      return judge(checks, nowMs);
    },
    async take(checks, nowMs) {
      const decision = judge(checks, nowMs);
      if (!decision.allowed) return decision;
      for (const check of checks) {
        let times = buckets.get(check.bucket);
        if (!times) {
          // A flood of distinct keys: forget the least recently created buckets rather than grow without bound.
          if (buckets.size >= maxBuckets) buckets.delete(buckets.keys().next().value as string);
          times = [];
          buckets.set(check.bucket, times);
        }
        times.push(nowMs);
      }
      return { allowed: true };
    },
    async close() {
      buckets.clear();
    },
  };
}
