import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import { errorSummary } from '../errors.js';
import { createMemoryRateLimiter, type RateLimiter } from '../http/rate-limit.js';
import { sessionKeys } from './keys.js';
import { createRedisClient, waitForRedisReady } from './redis-client.js';
import { createRedisRateLimiter } from './redis-rate-limiter.js';

/**
 * Redis when REDIS_URL is set (limits shared by every instance), in-process otherwise. Its own client, so
 * a flood of limiter calls never queues behind session writes.
 */
export async function openRateLimiter(config: AppConfig, logger: Logger): Promise<RateLimiter> {
  if (!config.redisUrl) return createMemoryRateLimiter();
  let lastLoggedAtMs = 0;
  const redis = createRedisClient(config.redisUrl, {
    onError: (error) => {
      if (Date.now() - lastLoggedAtMs < 10_000) return;
      lastLoggedAtMs = Date.now();
      logger.warn({ err: errorSummary(error) }, 'rate limiter: redis connection problem');
    },
  });
  try {
    await waitForRedisReady(redis);
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  return createRedisRateLimiter({ redis, keys: sessionKeys(config.redisKeyPrefix), ownsClient: true });
}
