import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionKeys } from '../../src/state/keys.js';
import { createRedisClient, waitForRedisReady } from '../../src/state/redis-client.js';
import { createRedisRateLimiter } from '../../src/state/redis-rate-limiter.js';
import { describeWithService, serviceUrl } from '../support/services.js';
import { rateLimiterContract } from './rate-limiter.contract.js';

const url = serviceUrl('redis');
const runPrefix = `rfibot-test-rl-${randomUUID().slice(0, 8)}`;
let counter = 0;

async function deleteKeys(admin: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, found] = await admin.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    if (found.length > 0) await admin.del(...found);
  } while (cursor !== '0');
}

async function openLimiter(prefix: string) {
  const redis = createRedisClient(url);
  await waitForRedisReady(redis);
  return createRedisRateLimiter({ redis, keys: sessionKeys(prefix), ownsClient: true });
}

await describeWithService('redis', 'Redis rate limiter', () => {
  let admin: Redis;
  beforeAll(() => {
    admin = new Redis(url);
  });
  afterAll(async () => {
    await deleteKeys(admin, `${runPrefix}*`);
    await admin.quit();
  });

  rateLimiterContract('redis', async () => {
    counter += 1;
    const prefix = `${runPrefix}-${counter}`;
    const limiter = await openLimiter(prefix);
    return {
      limiter,
      cleanup: async () => {
        await limiter.close();
        await deleteKeys(admin, `${prefix}:*`);
      },
      pttl: (bucket) => admin.pttl(sessionKeys(prefix).rateLimit(bucket)),
    };
  });

  describe('Redis specifics', () => {
    it('two instances share one limit, even when they take at the same moment', async () => {
      counter += 1;
      const prefix = `${runPrefix}-${counter}`;
      const [a, b] = await Promise.all([openLimiter(prefix), openLimiter(prefix)]);
      try {
        const check = [{ bucket: 'shared', limit: 10, windowMs: 60_000 }];
        const results = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? a : b).take(check, 1_000_000)));
        expect(results.filter((r) => r.allowed)).toHaveLength(10);
        expect(await admin.zcard(sessionKeys(prefix).rateLimit('shared'))).toBe(10);
      } finally {
        await Promise.all([a.close(), b.close()]);
        await deleteKeys(admin, `${prefix}:*`);
      }
    });

    it('recovers when Redis has forgotten its script (NOSCRIPT)', async () => {
      counter += 1;
      const prefix = `${runPrefix}-${counter}`;
      const limiter = await openLimiter(prefix);
      try {
        await admin.script('FLUSH');
        expect((await limiter.take([{ bucket: 'n', limit: 1, windowMs: 1000 }], 5)).allowed).toBe(true);
        expect((await limiter.take([{ bucket: 'n', limit: 1, windowMs: 1000 }], 6)).allowed).toBe(false);
      } finally {
        await limiter.close();
        await deleteKeys(admin, `${prefix}:*`);
      }
    });
  });
});
