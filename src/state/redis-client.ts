import { Redis } from 'ioredis';
import { AppError } from '../errors.js';

/**
 * The one place that decides how the app talks to Redis. Options are chosen so that a Redis outage makes
 * commands fail FAST (the turn gets a 503) instead of queueing until the platform times out:
 * - enableOfflineQueue: false → a command sent while disconnected rejects at once;
 * - maxRetriesPerRequest: 1, commandTimeout → a command never hangs for long on a half-dead connection;
 * - retryStrategy → keep reconnecting in the background with a capped backoff, so service resumes by itself.
 *
 * Because the offline queue is off, commands sent before the first connection is ready also fail: at
 * startup, `await waitForRedisReady(client)` before serving.
 */
export interface RedisClientOptions {
  /** Connection errors are emitted as events; pass a logger here (without it ioredis prints them itself). */
  onError?: (error: Error) => void;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
}

export function createRedisClient(url: string, options: RedisClientOptions = {}): Redis {
  const redis = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    enableReadyCheck: true,
    enableAutoPipelining: true,
    maxRetriesPerRequest: 1,
    connectTimeout: options.connectTimeoutMs ?? 2000,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    // 100 ms, 200 ms, … capped at 2 s; never gives up (returning a number keeps reconnecting).
    retryStrategy: (times: number) => Math.min(times * 100, 2000),
  });
  if (options.onError) redis.on('error', options.onError);
  return redis;
}

/** Resolves once the client can take commands; rejects with SESSION_STORE_UNAVAILABLE after `timeoutMs`. */
export function waitForRedisReady(redis: Redis, timeoutMs = 5000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    let lastError: unknown;
    const onReady = () => {
      cleanup();
      resolve();
    };
    const onError = (error: unknown) => {
      lastError = error;
    };
    const onEnd = () => {
      cleanup();
      reject(new AppError('SESSION_STORE_UNAVAILABLE', 'Redis connection was closed before it became ready', { cause: lastError }));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new AppError('SESSION_STORE_UNAVAILABLE', `Redis did not become ready within ${timeoutMs} ms; check REDIS_URL`, {
          cause: lastError,
        }),
      );
    }, timeoutMs);
    function cleanup() {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('error', onError);
      redis.off('end', onEnd);
    }
    redis.on('ready', onReady);
    redis.on('error', onError);
    redis.on('end', onEnd);
  });
}
