import type { SessionStore } from '../core/ports.js';
import { conversationKeyToString, type ConversationKey } from '../core/types.js';
import { AppError } from '../errors.js';
import { checkSave, checkTtlMs } from './value-checks.js';
import { DEFAULT_KEY_PREFIX, sessionKeys } from './keys.js';

/**
 * In-process SessionStore for development and tests. Same contract as the Redis store (see SessionStore in
 * src/core/ports.ts and test/contract/session-store.contract.ts):
 * - every entry has a TTL; expiry is checked lazily on read against the injected clock (ms), and expired
 *   entries are also swept on write and by an unref'd timer, so memory does not grow forever;
 * - values are opaque strings (the session codec owns their shape), returned as fresh objects;
 * - each method runs synchronously inside one promise, which makes check-and-set atomic in one process.
 *
 * It is refused in production: sessions would be lost on restart and not shared between instances.
 */
export interface MemorySessionStoreOptions {
  /** Milliseconds since the epoch; injected so tests can move time. Defaults to Date.now. */
  clock?: () => number;
  /** config.nodeEnv; required so the production refusal cannot be forgotten. */
  nodeEnv: string;
  keyPrefix?: string;
  /** How often expired entries are swept (by clock on write, and by a real timer). Default 60 s. */
  sweepIntervalMs?: number;
}

/** The port plus a size probe (for tests and metrics): entries currently held, expired or not yet swept. */
export interface MemorySessionStore extends SessionStore {
  entryCount(): { sessions: number; deliveries: number };
}

interface Entry {
  data: string;
  version: number;
  expiresAt: number;
}

export function createMemorySessionStore(options: MemorySessionStoreOptions): MemorySessionStore {
  const nodeEnv = options.nodeEnv;
  if (nodeEnv === 'production') {
    throw new AppError(
      'MEMORY_STORE_IN_PRODUCTION',
      'The in-memory session store cannot be used in production (sessions would be lost on restart and not shared between instances). Set REDIS_URL, e.g. REDIS_URL=redis://127.0.0.1:6379.',
    );
  }
  const clock = options.clock ?? Date.now;
  const keys = sessionKeys(options.keyPrefix ?? DEFAULT_KEY_PREFIX);
  const sweepIntervalMs = options.sweepIntervalMs ?? 60_000;

  const sessions = new Map<string, Entry>();
  const deliveries = new Map<string, number>(); // key → expiresAt
  const pendingSubmits = new Map<string, { key: ConversationKey; version: number; requestedAtMs: number; attempts: number; nextAttemptAtMs: number; expiresAt: number }>();
  let closed = false;
  let lastSweep = clock();

  function sweep(): void {
    const now = clock();
    lastSweep = now;
    for (const [k, entry] of sessions) if (entry.expiresAt <= now) sessions.delete(k);
    for (const [k, expiresAt] of deliveries) if (expiresAt <= now) deliveries.delete(k);
    for (const [k, entry] of pendingSubmits) if (entry.expiresAt <= now) pendingSubmits.delete(k);
  }
  const timer = setInterval(sweep, sweepIntervalMs);
  timer.unref();

  function sweepIfDue(): void {
    if (clock() - lastSweep >= sweepIntervalMs) sweep();
  }

  function liveSession(k: string): Entry | undefined {
    const entry = sessions.get(k);
    if (entry && entry.expiresAt <= clock()) {
      sessions.delete(k);
      return undefined;
    }
    return entry;
  }

  function deliverySeen(k: string): boolean {
    const expiresAt = deliveries.get(k);
    if (expiresAt === undefined) return false;
    if (expiresAt <= clock()) {
      deliveries.delete(k);
      return false;
    }
    return true;
  }

  function assertOpen(): void {
    if (closed) throw new AppError('SESSION_STORE_UNAVAILABLE', 'The in-memory session store is closed');
  }

  return {
    kind: 'memory',

    entryCount() {
      return { sessions: sessions.size, deliveries: deliveries.size };
    },

    async claimAndLoad(key, deliveryId, dedupeTtlMs) {
      assertOpen();
      const ttl = checkTtlMs(dedupeTtlMs);
      sweepIfDue();
      const dk = keys.delivery(key, deliveryId);
      const fresh = !deliverySeen(dk);
      if (fresh) deliveries.set(dk, clock() + ttl);
      const entry = liveSession(keys.session(key));
      return { fresh, stored: entry ? { version: entry.version, data: entry.data } : null };
    },

    async saveIfVersion(key, value, expectedVersion, ttlMs) {
      assertOpen();
      const ttl = checkTtlMs(ttlMs);
      checkSave(value, expectedVersion);
      sweepIfDue();
      const sk = keys.session(key);
      const current = liveSession(sk);
      const currentVersion = current ? current.version : 0;
      if (currentVersion !== expectedVersion || (expectedVersion === 0 && current)) return false;
      sessions.set(sk, { data: value.data, version: value.version, expiresAt: clock() + ttl });
      return true;
    },

    async releaseDelivery(key, deliveryId) {
      assertOpen();
      deliveries.delete(keys.delivery(key, deliveryId));
    },

    async load(key) {
      assertOpen();
      const entry = liveSession(keys.session(key));
      return entry ? { version: entry.version, data: entry.data } : null;
    },

    async delete(key) {
      assertOpen();
      sessions.delete(keys.session(key));
    },

    async markSubmitPending(key, pending, ttlMs) {
      assertOpen();
      const ttl = checkTtlMs(ttlMs);
      const k = conversationKeyToString(key);
      const expiresAt = Math.max(clock() + ttl, pendingSubmits.get(k)?.expiresAt ?? 0);
      pendingSubmits.set(k, {
        key: { ...key },
        version: pending.version,
        requestedAtMs: pending.requestedAt.getTime(),
        attempts: pending.attempts,
        nextAttemptAtMs: pending.nextAttemptAt.getTime(),
        expiresAt,
      });
    },

    async listSubmitsPending(limit, dueBy) {
      assertOpen();
      const now = clock();
      const due = [...pendingSubmits.values()].filter((entry) => entry.expiresAt > now && entry.nextAttemptAtMs <= dueBy.getTime());
      due.sort((a, b) => a.nextAttemptAtMs - b.nextAttemptAtMs);
      return due.slice(0, limit).map((entry) => ({
        key: { ...entry.key },
        version: entry.version,
        requestedAt: new Date(entry.requestedAtMs),
        attempts: entry.attempts,
        nextAttemptAt: new Date(entry.nextAttemptAtMs),
      }));
    },

    async clearSubmitPending(key, version) {
      assertOpen();
      const k = conversationKeyToString(key);
      if (pendingSubmits.get(k)?.version === version) pendingSubmits.delete(k);
    },

    async ping() {
      assertOpen();
    },

    async close() {
      closed = true;
      clearInterval(timer);
      sessions.clear();
      deliveries.clear();
      pendingSubmits.clear();
    },
  };
}
