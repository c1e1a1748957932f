import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationKey } from '../../src/core/types.js';
import { sessionKeys } from '../../src/state/keys.js';
import { createRedisClient, waitForRedisReady } from '../../src/state/redis-client.js';
import { createRedisSessionStore } from '../../src/state/redis-session-store.js';
import { describeWithService, serviceUrl } from '../support/services.js';
import { sampleValue, sessionStoreContract } from './session-store.contract.js';

const url = serviceUrl('redis');
/** Unique per run; every store below uses `${runPrefix}-${n}` and deletes its own keys. */
const runPrefix = `rfibot-test-${randomUUID().slice(0, 8)}`;
let storeCounter = 0;

async function deleteKeys(admin: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, found] = await admin.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    if (found.length > 0) await admin.del(...found);
  } while (cursor !== '0');
}

async function allKeys(admin: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await admin.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    keys.push(...found);
  } while (cursor !== '0');
  return keys;
}

async function openStore(prefix: string) {
  const client = createRedisClient(url);
  await waitForRedisReady(client);
  return createRedisSessionStore({ redis: client, prefix });
}

await describeWithService('redis', 'Redis session store', () => {
  let admin: Redis;
  beforeAll(async () => {
    admin = new Redis(url);
  });
  afterAll(async () => {
    await deleteKeys(admin, `${runPrefix}*`);
    await admin.quit();
  });

  sessionStoreContract('redis', async () => {
    storeCounter += 1;
    const prefix = `${runPrefix}-${storeCounter}`;
    const keys = sessionKeys(prefix);
    const store = await openStore(prefix);
    return {
      store,
      cleanup: async () => {
        await store.close();
        await deleteKeys(admin, keys.pattern);
      },
      pttl: (kind: 'session' | 'delivery', key: ConversationKey, deliveryId?: string) =>
        admin.pttl(kind === 'session' ? keys.session(key) : keys.delivery(key, deliveryId ?? '')),
    };
  });

  describe('Redis specifics', () => {
    const key: ConversationKey = { channel: 'teams', tenantId: 'tenant-1', userId: 'user-1' };

    async function withStore(fn: (store: Awaited<ReturnType<typeof openStore>>, keys: ReturnType<typeof sessionKeys>) => Promise<void>) {
      storeCounter += 1;
      const prefix = `${runPrefix}-${storeCounter}`;
      const store = await openStore(prefix);
      try {
        await fn(store, sessionKeys(prefix));
      } finally {
        await store.close();
        await deleteKeys(admin, `${prefix}:*`);
      }
    }

    it('never leaves a key without a TTL', async () => {
      await withStore(async (store, keys) => {
        await store.claimAndLoad(key, 'd-1', 60_000);
        await store.saveIfVersion(key, sampleValue(1), 0, 60_000);
        await store.saveIfVersion(key, sampleValue(2), 1, 60_000);
        await store.claimAndLoad(key, 'd-2', 60_000);
        const written = await allKeys(admin, keys.pattern);
        expect(written.sort()).toEqual([keys.delivery(key, 'd-1'), keys.delivery(key, 'd-2'), keys.session(key)].sort());
        for (const k of written) expect(await admin.pttl(k)).toBeGreaterThan(0);
      });
    });

    it('uses the documented layout: a hash with the version and the JSON', async () => {
      await withStore(async (store, keys) => {
        await store.saveIfVersion(key, sampleValue(1), 0, 60_000);
        expect(keys.session(key)).toBe(`${keys.prefix}:session:teams:tenant-1:user-1`);
        expect(keys.delivery(key, 'abc')).toBe(`${keys.prefix}:delivery:teams:tenant-1:user-1:abc`);
        const stored = await admin.hgetall(keys.session(key));
        expect(stored.v).toBe('1');
        expect(stored.data).toBe(sampleValue(1).data);
      });
    });

    it('returns an entry as stored, even one that is not a session (the codec judges it); a hash without its version is SESSION_STORE_FAILED', async () => {
      await withStore(async (store, keys) => {
        await admin.hset(keys.session(key), 'v', '1', 'data', '{not json');
        await admin.pexpire(keys.session(key), 60_000);
        expect(await store.load(key)).toEqual({ version: 1, data: '{not json' });
        expect((await store.claimAndLoad(key, 'd-raw', 60_000)).stored).toEqual({ version: 1, data: '{not json' });
        await admin.hdel(keys.session(key), 'v');
        await expect(store.load(key)).rejects.toMatchObject({ code: 'SESSION_STORE_FAILED' });
        // The caller can recover by deleting the entry.
        await store.delete(key);
        expect(await store.load(key)).toBeNull();
      });
    });

    it('reads a waiting submit written before per-entry back-off ("version:requestedAtMs") as due at once with no attempts', async () => {
      await withStore(async (store, keys) => {
        const requestedAt = new Date('2026-11-30T10:00:00.000Z');
        await admin.hset(keys.submitPending, 'teams:tenant-1:user-1', `4:${requestedAt.getTime()}`, 'teams:tenant-1:garbled', 'x:y');
        await admin.pexpire(keys.submitPending, 60_000);
        expect(await store.listSubmitsPending(10, new Date('2100-01-01T00:00:00.000Z'))).toEqual([{ key, version: 4, requestedAt, attempts: 0, nextAttemptAt: requestedAt }]);
        await store.clearSubmitPending(key, 4);
        expect(await admin.hlen(keys.submitPending)).toBe(1);
      });
    });

    it('reports a Redis error reply (wrong key type) as SESSION_STORE_FAILED', async () => {
      await withStore(async (store, keys) => {
        await admin.set(keys.session(key), 'not a hash', 'PX', 60_000);
        await expect(store.load(key)).rejects.toMatchObject({ code: 'SESSION_STORE_FAILED' });
      });
    });

    it('recovers when Redis has forgotten its scripts (NOSCRIPT)', async () => {
      await withStore(async (store) => {
        await store.claimAndLoad(key, 'd-before', 60_000);
        await admin.script('FLUSH');
        expect((await store.claimAndLoad(key, 'd-after', 60_000)).fresh).toBe(true);
        await admin.script('FLUSH');
        expect(await store.saveIfVersion(key, sampleValue(1), 0, 60_000)).toBe(true);
      });
    });
  });
});

describe('Redis session store when Redis is down', () => {
  it('fails fast with SESSION_STORE_UNAVAILABLE and the cause', async () => {
    const errors: Error[] = [];
    // Port 1 on localhost: nothing listens, the connection is refused at once.
    const client = createRedisClient('redis://127.0.0.1:1', { onError: (error) => errors.push(error), connectTimeoutMs: 500 });
    const store = createRedisSessionStore({ redis: client, prefix: runPrefix });
    const started = Date.now();
    try {
      await expect(store.ping()).rejects.toMatchObject({ code: 'SESSION_STORE_UNAVAILABLE', cause: expect.any(Error) });
      await expect(store.claimAndLoad({ channel: 'slack', tenantId: 'T', userId: 'U' }, 'd', 1000)).rejects.toMatchObject({
        code: 'SESSION_STORE_UNAVAILABLE',
      });
      await expect(waitForRedisReady(client, 300)).rejects.toMatchObject({ code: 'SESSION_STORE_UNAVAILABLE' });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await store.close();
    }
  });
});
