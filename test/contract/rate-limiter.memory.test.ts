import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter } from '../../src/http/rate-limit.js';
import { rateLimiterContract } from './rate-limiter.contract.js';

rateLimiterContract('memory', async () => {
  const limiter = createMemoryRateLimiter();
  return { limiter, cleanup: () => limiter.close() };
});

describe('memory rate limiter specifics', () => {
  it('stays bounded under a flood of distinct clients (forgets the oldest buckets first)', async () => {
    const limiter = createMemoryRateLimiter({ maxBuckets: 100 });
    for (let i = 0; i < 1000; i += 1) await limiter.take([{ bucket: `c${i}`, limit: 1, windowMs: 60_000 }], 0);
    // The newest client is still remembered and refused; the first one was forgotten.
    expect((await limiter.take([{ bucket: 'c999', limit: 1, windowMs: 60_000 }], 1)).allowed).toBe(false);
    expect((await limiter.take([{ bucket: 'c0', limit: 1, windowMs: 60_000 }], 1)).allowed).toBe(true);
  });
});
