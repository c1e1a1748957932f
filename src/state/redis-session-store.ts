import { createHash } from 'node:crypto';
import { ReplyError, type Redis } from 'ioredis';
import type { PendingSubmit, SessionStore, VersionedValue } from '../core/ports.js';
import { conversationKeyFromString, conversationKeyToString } from '../core/types.js';
import { AppError } from '../errors.js';
import { DEFAULT_KEY_PREFIX, sessionKeys } from './keys.js';
import { checkSave, checkTtlMs } from './value-checks.js';

/**
 * SessionStore on Redis. Contract: SessionStore in src/core/ports.ts, checked by
 * test/contract/session-store.contract.ts.
 *
 * Layout (see keys.ts): a session is a HASH `{prefix}:session:{conversation}` with fields
 *   v    = the value's version (so Lua can compare it without decoding anything),
 *   data = the opaque value (the session codec's JSON);
 * a seen delivery is a STRING `{prefix}:delivery:{conversation}:{deliveryId}` = "1";
 * submits waiting for the comment store are one HASH `{prefix}:submit-pending` (conversation →
 * "version:requestedAtMs:attempts:nextAttemptAtMs"; older entries "version:requestedAtMs" still read),
 * whose TTL each mark extends to at least that session's TTL.
 * Every key is written with a PX TTL; nothing is ever stored without one.
 *
 * `claimAndLoad` and `saveIfVersion` are each ONE Lua script, so one round trip and atomic. Scripts run
 * through EVALSHA; after a Redis restart (NOSCRIPT) the script is sent once with EVAL.
 * Both scripts touch two keys at most in one call; on Redis Cluster they would need a shared hash tag.
 *
 * Errors: a connection problem (down, timeout, offline) → AppError SESSION_STORE_UNAVAILABLE; an error
 * reply from Redis (e.g. WRONGTYPE) → SESSION_STORE_FAILED. The original error is always the `cause`;
 * messages never include session content.
 */
export interface RedisSessionStoreOptions {
  redis: Redis;
  /** Key prefix, e.g. config.redisKeyPrefix. Default "rfibot". */
  prefix?: string;
}

/** KEYS[1] = delivery key, KEYS[2] = session key; ARGV[1] = dedupe TTL ms. Returns {fresh 0|1, version|nil, data|nil}. */
const CLAIM_AND_LOAD = `
local stored = redis.call('HMGET', KEYS[2], 'v', 'data')
local fresh = 0
if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then fresh = 1 end
return {fresh, stored[1], stored[2]}
`;

/**
 * KEYS[1] = session key; ARGV[1] = expected version (0 = key must not exist), ARGV[2] = new version,
 * ARGV[3] = JSON, ARGV[4] = TTL ms. Returns 1 when written, 0 on a version mismatch (nothing written).
 */
const SAVE_IF_VERSION = `
local expected = tonumber(ARGV[1])
local current = 0
if redis.call('EXISTS', KEYS[1]) == 1 then
  if expected == 0 then return 0 end
  current = tonumber(redis.call('HGET', KEYS[1], 'v')) or -1
end
if current ~= expected then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'data', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;

/** KEYS[1] = pending hash; ARGV[1] = conversation, ARGV[2] = version, ARGV[3] = TTL ms (kept if already longer). */
const MARK_PENDING = `
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return 1
`;

/**
 * KEYS[1] = pending hash; ARGV[1] = conversation, ARGV[2] = version. Removes the entry only while it names
 * that version (an entry is "version:requestedAtMs").
 */
const CLEAR_PENDING = `
local entry = redis.call('HGET', KEYS[1], ARGV[1])
if entry and string.match(entry, '^(%d+):') == ARGV[2] then redis.call('HDEL', KEYS[1], ARGV[1]) end
return 1
`;

interface LuaScript {
  source: string;
  sha: string;
}

function script(source: string): LuaScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

const claimScript = script(CLAIM_AND_LOAD);
const saveScript = script(SAVE_IF_VERSION);
const markPendingScript = script(MARK_PENDING);
const clearPendingScript = script(CLEAR_PENDING);

async function runScript(redis: Redis, lua: LuaScript, keys: string[], args: (string | number)[]): Promise<unknown> {
  try {
    return await redis.evalsha(lua.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (isReplyError(error) && error.message.startsWith('NOSCRIPT')) {
      return redis.eval(lua.source, keys.length, ...keys, ...args);
    }
    throw error;
  }
}

/** ioredis types ReplyError as `any`; it is a class (from redis-errors) every server error reply is an instance of. */
const ReplyErrorClass = ReplyError as new (...args: never[]) => Error;

function isReplyError(error: unknown): error is Error {
  return error instanceof ReplyErrorClass;
}

/** Redis hash fields → the stored value; a hash without both fields (or a bad version) is no value. */
function storedValue(version: unknown, data: unknown): VersionedValue | null {
  if (typeof data !== 'string') return null;
  const parsed = Number(typeof version === 'string' ? version : NaN);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new AppError('SESSION_STORE_FAILED', 'Stored session has no valid version field');
  }
  return { version: parsed, data };
}

/**
 * One waiting submit: "version:requestedAtMs:attempts:nextAttemptAtMs"; an entry written before per-entry
 * back-off ("version:requestedAtMs") is due at once with no attempts. Anything else is skipped.
 */
function parsePendingEntry(conversation: string, entry: string): PendingSubmit | null {
  const [version, requestedAtMs, attempts = 0, nextAttemptAtMs = requestedAtMs] = entry.split(':').map(Number);
  if (!Number.isInteger(version) || (version as number) < 1 || !Number.isFinite(requestedAtMs)) return null;
  if (!Number.isInteger(attempts) || attempts < 0 || !Number.isFinite(nextAttemptAtMs)) return null;
  return {
    key: conversationKeyFromString(conversation),
    version: version as number,
    requestedAt: new Date(requestedAtMs as number),
    attempts,
    nextAttemptAt: new Date(nextAttemptAtMs as number),
  };
}

function toStoreError(error: unknown, operation: string): AppError {
  if (error instanceof AppError) return error;
  if (isReplyError(error)) {
    return new AppError('SESSION_STORE_FAILED', `Redis rejected the session store operation "${operation}"`, { cause: error });
  }
  return new AppError('SESSION_STORE_UNAVAILABLE', `Session store (Redis) is unavailable during "${operation}"`, {
    cause: error,
  });
}

async function guarded<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toStoreError(error, operation);
  }
}

export function createRedisSessionStore(options: RedisSessionStoreOptions): SessionStore {
  const { redis } = options;
  const keys = sessionKeys(options.prefix ?? DEFAULT_KEY_PREFIX);

  return {
    kind: 'redis',

    claimAndLoad(key, deliveryId, dedupeTtlMs) {
      return guarded('claimAndLoad', async () => {
        const ttl = checkTtlMs(dedupeTtlMs);
        const reply = await runScript(redis, claimScript, [keys.delivery(key, deliveryId), keys.session(key)], [ttl]);
        if (!Array.isArray(reply)) throw new AppError('SESSION_STORE_FAILED', 'Unexpected reply from the claim script');
        const [fresh, version, data] = reply as [unknown, unknown, unknown];
        return { fresh: fresh === 1, stored: storedValue(version, data) };
      });
    },

    saveIfVersion(key, value, expectedVersion, ttlMs) {
      return guarded('saveIfVersion', async () => {
        const ttl = checkTtlMs(ttlMs);
        checkSave(value, expectedVersion);
        const reply = await runScript(redis, saveScript, [keys.session(key)], [expectedVersion, value.version, value.data, ttl]);
        return reply === 1;
      });
    },

    releaseDelivery(key, deliveryId) {
      return guarded('releaseDelivery', async () => {
        await redis.del(keys.delivery(key, deliveryId));
      });
    },

    load(key) {
      return guarded('load', async () => {
        const [version, data] = await redis.hmget(keys.session(key), 'v', 'data');
        return storedValue(version, data);
      });
    },

    delete(key) {
      return guarded('delete', async () => {
        await redis.del(keys.session(key));
      });
    },

    markSubmitPending(key, pending, ttlMs) {
      return guarded('markSubmitPending', async () => {
        const ttl = checkTtlMs(ttlMs);
        const entry = `${pending.version}:${pending.requestedAt.getTime()}:${pending.attempts}:${pending.nextAttemptAt.getTime()}`;
        await runScript(redis, markPendingScript, [keys.submitPending], [conversationKeyToString(key), entry, ttl]);
      });
    },

    listSubmitsPending(limit, dueBy) {
      return guarded('listSubmitsPending', async () => {
        // The whole hash is read (one entry per conversation with a waiting submit; permanent failures
        // leave it), then ordered by due time here: every due entry is seen, oldest-due first.
        const due: PendingSubmit[] = [];
        let cursor = '0';
        do {
          const [next, flat] = await redis.hscan(keys.submitPending, cursor, 'COUNT', 500);
          cursor = next;
          for (let i = 0; i + 1 < flat.length; i += 2) {
            const entry = parsePendingEntry(flat[i] as string, flat[i + 1] as string);
            if (entry && entry.nextAttemptAt.getTime() <= dueBy.getTime()) due.push(entry);
          }
        } while (cursor !== '0');
        return due.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime()).slice(0, limit);
      });
    },

    clearSubmitPending(key, version) {
      return guarded('clearSubmitPending', async () => {
        await runScript(redis, clearPendingScript, [keys.submitPending], [conversationKeyToString(key), version]);
      });
    },

    ping() {
      return guarded('ping', async () => {
        await redis.ping();
      });
    },

    async close() {
      // QUIT lets pending replies arrive; when the connection is not usable, just drop it.
      if (redis.status === 'ready') {
        try {
          await redis.quit();
          return;
        } catch {
          // fall through
        }
      }
      redis.disconnect();
    },
  };
}
