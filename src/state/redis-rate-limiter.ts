import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RateCheck, RateDecision, RateLimiter } from '../http/rate-limit.js';
import type { SessionKeys } from './keys.js';

/**
 * The rate-limit port over Redis, shared by every instance: one sorted set per bucket (member = one admitted
 * request, score = its time in ms), checked and updated by ONE Lua script so concurrent instances never
 * admit more than the limit between them. Every write sets the key's TTL to its window.
 *
 * KEYS = the buckets; ARGV = nowMs, member ('' = peek: judge only, write nothing), then limit and windowMs for each key.
 * Returns {1} when admitted, {0, index of the refusing key (1-based), retryAfterMs} when not.
 */
const TAKE = `
local now = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[1 + i * 2])
  local window = tonumber(ARGV[2 + i * 2])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local count = redis.call('ZCARD', key)
  if count >= limit then
    local oldest = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
    local wait = tonumber(oldest[2]) + window - now
    if wait < 1 then wait = 1 end
    return {0, i, wait}
  end
end
if ARGV[2] == '' then return {1} end
for i, key in ipairs(KEYS) do
  local window = tonumber(ARGV[2 + i * 2])
  redis.call('ZADD', key, now, ARGV[2])
  redis.call('PEXPIRE', key, window)
end
return {1}
`;
const TAKE_SHA = createHash('sha1').update(TAKE).digest('hex');

export function createRedisRateLimiter(options: { redis: Redis; keys: SessionKeys; ownsClient?: boolean }): RateLimiter {
  const { redis, keys } = options;
  let sequence = 0;
  const run = async (checks: readonly RateCheck[], nowMs: number, member: string): Promise<RateDecision> => {
    if (checks.length === 0) return { allowed: true };
    const redisKeys = checks.map((check) => keys.rateLimit(check.bucket));
    const args: (string | number)[] = [Math.floor(nowMs), member, ...checks.flatMap((check) => [check.limit, check.windowMs])];
    let reply: unknown;
    try {
      reply = await redis.evalsha(TAKE_SHA, redisKeys.length, ...redisKeys, ...args);
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
      reply = await redis.eval(TAKE, redisKeys.length, ...redisKeys, ...args);
    }
    const [admitted, index, wait] = reply as [number, number?, number?];
    if (admitted === 1) return { allowed: true };
    const refusing = checks[(index ?? 1) - 1] ?? checks[0];
    return { allowed: false, bucket: refusing?.bucket ?? 'unknown', retryAfterMs: Math.max(1, Number(wait ?? 1)) };
  };
  return {
    kind: 'redis',
    take(checks, nowMs) {
      // Unique per request, so two requests in the same millisecond are two members.
      sequence = (sequence + 1) % 1_000_000;
      return run(checks, nowMs, `${Math.floor(nowMs)}:${instanceTag}:${sequence}`);
    },
    peek: (checks, nowMs) => run(checks, nowMs, ''),
    async close() {
      if (options.ownsClient) redis.disconnect();
    },
  };
}

const instanceTag = randomBytes(6).toString('base64url');
