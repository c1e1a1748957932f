import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RateLimiter } from '../../src/http/rate-limit.js';

/**
 * The RateLimiter contract (src/http/rate-limit.ts), run against the in-process and the Redis
 * implementation. Time is passed in (`nowMs`), so windows are tested without waiting.
 * `pttl(bucket)`: remaining TTL of the raw key (Redis only), to check nothing is kept for ever.
 */
export interface RateLimiterHarness {
  limiter: RateLimiter;
  cleanup(): Promise<void>;
  pttl?(bucket: string): Promise<number>;
}

const T0 = Date.parse('2026-06-01T12:00:00.000Z');

export function rateLimiterContract(name: string, makeLimiter: () => Promise<RateLimiterHarness>): void {
  describe(`RateLimiter contract: ${name}`, () => {
    let harness: RateLimiterHarness;
    beforeEach(async () => {
      harness = await makeLimiter();
    });
    afterEach(async () => {
      await harness.cleanup();
    });
    const rule = (bucket: string, limit = 3, windowMs = 60_000) => ({ bucket, limit, windowMs });

    it('admits up to the limit, then refuses with the wait until the oldest request leaves the window', async () => {
      const { limiter } = harness;
      for (let i = 0; i < 3; i += 1) expect(await limiter.take([rule('a')], T0 + i * 1000)).toEqual({ allowed: true });
      expect(await limiter.take([rule('a')], T0 + 5000)).toEqual({ allowed: false, bucket: 'a', retryAfterMs: 55_000 });
      // One millisecond before the first request leaves the window: still refused, 1 ms to wait.
      expect(await limiter.take([rule('a')], T0 + 59_999)).toEqual({ allowed: false, bucket: 'a', retryAfterMs: 1 });
      expect(await limiter.take([rule('a')], T0 + 60_000)).toEqual({ allowed: true });
    });

    it('is a sliding window: a burst across a window boundary gets no more than the limit through', async () => {
      const { limiter } = harness;
      let admitted = 0;
      // 10 a second for 60 s, starting 1 s before a minute boundary: a fixed window would let 2 × 30 through.
      for (let t = 59_000; t < 119_000; t += 100) {
        if ((await limiter.take([rule('burst', 30, 60_000)], T0 + t)).allowed) admitted += 1;
      }
      expect(admitted).toBe(30);
    });

    it('refused requests are not counted, so a client that keeps trying is let in once the window has room', async () => {
      const { limiter } = harness;
      await limiter.take([rule('r', 1, 10_000)], T0);
      for (let i = 1; i < 20; i += 1) expect((await limiter.take([rule('r', 1, 10_000)], T0 + i * 100)).allowed).toBe(false);
      expect((await limiter.take([rule('r', 1, 10_000)], T0 + 10_000)).allowed).toBe(true);
    });

    it('is atomic over its checks: refused by one bucket, counted in none', async () => {
      const { limiter } = harness;
      const site = rule('site', 2);
      expect((await limiter.take([rule('client-1'), site], T0)).allowed).toBe(true);
      expect((await limiter.take([rule('client-2'), site], T0)).allowed).toBe(true);
      expect(await limiter.take([rule('client-3'), site], T0)).toMatchObject({ allowed: false, bucket: 'site' });
      // client-3 was refused by the site bucket, so its own bucket is untouched: 3 takes still fit.
      for (let i = 0; i < 3; i += 1) expect((await limiter.take([rule('client-3')], T0 + 1)).allowed).toBe(true);
      expect(await limiter.take([rule('client-3')], T0 + 1)).toMatchObject({ allowed: false, bucket: 'client-3' });
    });

    it('keeps buckets apart, and peek judges without counting', async () => {
      const { limiter } = harness;
      expect((await limiter.take([rule('x', 1)], T0)).allowed).toBe(true);
      expect((await limiter.take([rule('y', 1)], T0)).allowed).toBe(true);
      expect((await limiter.peek([rule('z', 1)], T0)).allowed).toBe(true);
      expect((await limiter.peek([rule('z', 1)], T0)).allowed).toBe(true);
      expect((await limiter.take([rule('z', 1)], T0)).allowed).toBe(true);
      expect(await limiter.peek([rule('z', 1)], T0 + 1000)).toEqual({ allowed: false, bucket: 'z', retryAfterMs: 59_000 });
    });

    it('counts two requests in the same millisecond as two', async () => {
      const { limiter } = harness;
      const results = await Promise.all(Array.from({ length: 5 }, () => limiter.take([rule('same-ms', 3)], T0)));
      expect(results.filter((r) => r.allowed)).toHaveLength(3);
    });

    it('keeps an entry no longer than its window', async () => {
      const { limiter, pttl } = harness;
      await limiter.take([rule('ttl', 3, 30_000)], T0);
      if (pttl) {
        const remaining = await pttl('ttl');
        expect(remaining).toBeGreaterThan(0);
        expect(remaining).toBeLessThanOrEqual(30_000);
      }
      // Long after the window, the bucket is as new.
      for (let i = 0; i < 3; i += 1) expect((await limiter.take([rule('ttl', 3, 30_000)], T0 + 31_000)).allowed).toBe(true);
    });
  });
}
