import type { PendingSubmit, SessionStore, VersionedValue } from '../../core/ports.js';
import { conversationKeyFromString, conversationKeyToString } from '../../core/types.js';
import { AppError } from '../../errors.js';
import { isConnectionError, type SqlClient } from '../../store/sql-client.js';
import { checkSave, checkTtlMs } from '../value-checks.js';

/**
 * SessionStore on SQL: the embedded PGlite (the default when REDIS_URL is unset, on the same database as
 * the comment store) or Postgres (DATABASE_URL without REDIS_URL). Contract: SessionStore in
 * src/core/ports.ts, checked by test/contract/session-store.contract.ts. Tables: ./migrations.ts.
 *
 * - Every operation is ONE statement (or one call of a function, migration 0501), so it is atomic on its
 *   own and never holds a transaction open across awaits: PGlite has one connection, and a turn must not
 *   wait behind another turn's BEGIN…COMMIT.
 *   - `claimAndLoad`: an INSERT … ON CONFLICT DO UPDATE … WHERE expired (the claim) and the session read,
 *     in one function call. Concurrent claims of one delivery: exactly one is fresh.
 *   - `saveIfVersion`: create = INSERT … ON CONFLICT DO UPDATE only WHERE the old row has expired;
 *     update = UPDATE … WHERE version = expected AND not expired. Postgres re-checks the WHERE after a
 *     row lock wait, so of concurrent writers with the same expected version exactly one wins.
 * - Expiry uses the injected clock (ms), like the memory store: a row past `expires_at_ms` is invisible
 *   to every read and may be overwritten; `sweepExpired` deletes such rows in bounded batches (on an
 *   unref'd timer, and callable by tests).
 * - The store does not own the SQL client: `close` stops using it (later calls reject with
 *   SESSION_STORE_UNAVAILABLE); whoever opened the client closes it.
 * Errors: unreachable/closed database → SESSION_STORE_UNAVAILABLE; the database refused → SESSION_STORE_FAILED.
 */
export interface SqlSessionStoreOptions {
  client: SqlClient;
  kind: 'pglite' | 'postgres';
  /** Milliseconds since the epoch (the app's clock). */
  nowMs: () => number;
  /** How often expired rows are swept. Default 60 s; 0 = never on a timer (tests call sweepExpired). */
  sweepIntervalMs?: number;
  /** Sweep failures (logged by the caller; the next sweep tries again). */
  onSweepError?: (error: unknown) => void;
}

export interface SqlSessionStore extends SessionStore {
  /** Deletes expired sessions, deliveries and pending submits (at most `batch` rows of each); returns how many. */
  sweepExpired(batch?: number): Promise<number>;
}

const SWEEP_BATCH_ROWS = 1000;

/**
 * The two statements of every turn call functions (migration 0501): the claim (INSERT … ON CONFLICT DO
 * UPDATE … WHERE expired; fresh = a row was written) and the session read run in one call; the save is
 * an INSERT … ON CONFLICT DO UPDATE WHERE expired (create) or an UPDATE … WHERE version = expected.
 */
const CLAIM_AND_LOAD = 'SELECT fresh, version, data FROM session_claim_and_load($1, $2, $3::bigint, $4::bigint)';
const SAVE_IF_VERSION = 'SELECT session_save_if_version($1, $2, $3, $4::bigint, $5::bigint, $6) AS written';

interface SessionRow {
  version: number | null;
  data: string | null;
}

function storedValue(row: SessionRow | undefined): VersionedValue | null {
  if (!row || row.data === null || row.version === null) return null;
  return { version: Number(row.version), data: row.data };
}

export function createSqlSessionStore(options: SqlSessionStoreOptions): SqlSessionStore {
  const { client, nowMs } = options;
  let closed = false;
  const label = options.kind === 'pglite' ? 'the embedded database (PGlite)' : 'Postgres';

  async function guarded<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    if (closed) throw new AppError('SESSION_STORE_UNAVAILABLE', `The session store is closed (during "${operation}")`);
    try {
      return await fn();
    } catch (error) {
      if (error instanceof AppError && error.code !== 'SQL_CLIENT_CLOSED') throw error;
      if (isConnectionError(error)) {
        throw new AppError('SESSION_STORE_UNAVAILABLE', `Session store (${label}) is unavailable during "${operation}"`, { cause: error });
      }
      throw new AppError('SESSION_STORE_FAILED', `Session store (${label}) refused "${operation}"`, { cause: error });
    }
  }

  async function sweepExpired(batch = SWEEP_BATCH_ROWS): Promise<number> {
    return guarded('sweepExpired', async () => {
      const now = nowMs();
      let removed = 0;
      for (const table of ['sessions', 'session_submits_pending'] as const) {
        const { rows } = await client.query<{ n: number }>(
          `WITH gone AS (DELETE FROM ${table} WHERE conversation IN (SELECT conversation FROM ${table} WHERE expires_at_ms <= $1::bigint LIMIT $2) RETURNING 1)
           SELECT count(*)::int AS n FROM gone`,
          [now, batch],
        );
        removed += Number(rows[0]?.n ?? 0);
      }
      const { rows } = await client.query<{ n: number }>(
        `WITH gone AS (DELETE FROM session_deliveries WHERE (conversation, delivery_id) IN
           (SELECT conversation, delivery_id FROM session_deliveries WHERE expires_at_ms <= $1::bigint LIMIT $2) RETURNING 1)
         SELECT count(*)::int AS n FROM gone`,
        [now, batch],
      );
      return removed + Number(rows[0]?.n ?? 0);
    });
  }

  const sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
  const timer = sweepIntervalMs > 0 ? setInterval(() => void sweepExpired().catch((error: unknown) => options.onSweepError?.(error)), sweepIntervalMs) : null;
  timer?.unref();

  return {
    kind: options.kind,
    sweepExpired,

    claimAndLoad(key, deliveryId, dedupeTtlMs) {
      return guarded('claimAndLoad', async () => {
        const ttl = checkTtlMs(dedupeTtlMs);
        const { rows } = await client.query<SessionRow & { fresh: boolean }>(CLAIM_AND_LOAD, [conversationKeyToString(key), deliveryId, nowMs(), ttl]);
        const row = rows[0];
        return { fresh: row?.fresh === true, stored: storedValue(row) };
      });
    },

    saveIfVersion(key, value, expectedVersion, ttlMs) {
      return guarded('saveIfVersion', async () => {
        const ttl = checkTtlMs(ttlMs);
        checkSave(value, expectedVersion);
        const { rows } = await client.query<{ written: boolean }>(SAVE_IF_VERSION, [
          conversationKeyToString(key),
          value.version,
          value.data,
          nowMs(),
          ttl,
          expectedVersion,
        ]);
        return rows[0]?.written === true;
      });
    },

    releaseDelivery(key, deliveryId) {
      return guarded('releaseDelivery', async () => {
        await client.query('DELETE FROM session_deliveries WHERE conversation = $1 AND delivery_id = $2', [conversationKeyToString(key), deliveryId]);
      });
    },

    load(key) {
      return guarded('load', async () => {
        const { rows } = await client.query<SessionRow>('SELECT version, data FROM sessions WHERE conversation = $1 AND expires_at_ms > $2::bigint', [
          conversationKeyToString(key),
          nowMs(),
        ]);
        return storedValue(rows[0]);
      });
    },

    delete(key) {
      return guarded('delete', async () => {
        await client.query('DELETE FROM sessions WHERE conversation = $1', [conversationKeyToString(key)]);
      });
    },

    // ---- Submits waiting for the comment store (markSubmitPending / listSubmitsPending / clearSubmitPending).
    // Kept together and apart from the session rows: table session_submits_pending, one row per conversation.
    markSubmitPending(key, pending, ttlMs) {
      return guarded('markSubmitPending', async () => {
        const ttl = checkTtlMs(ttlMs);
        // A later mark replaces the entry; its expiry only grows (as Redis extends the hash's TTL).
        await client.query(
          `INSERT INTO session_submits_pending (conversation, version, requested_at_ms, attempts, next_attempt_at_ms, expires_at_ms)
             VALUES ($1, $2, $3::bigint, $4, $5::bigint, $6::bigint + $7::bigint)
           ON CONFLICT (conversation) DO UPDATE SET version = EXCLUDED.version, requested_at_ms = EXCLUDED.requested_at_ms,
             attempts = EXCLUDED.attempts, next_attempt_at_ms = EXCLUDED.next_attempt_at_ms,
             expires_at_ms = GREATEST(session_submits_pending.expires_at_ms, EXCLUDED.expires_at_ms)`,
          [conversationKeyToString(key), pending.version, pending.requestedAt.getTime(), pending.attempts, pending.nextAttemptAt.getTime(), nowMs(), ttl],
        );
      });
    },

    listSubmitsPending(limit, dueBy) {
      return guarded('listSubmitsPending', async () => {
        const { rows } = await client.query<{ conversation: string; version: number; requested_at_ms: string | number; attempts: number; next_attempt_at_ms: string | number }>(
          `SELECT conversation, version, requested_at_ms, attempts, next_attempt_at_ms FROM session_submits_pending
           WHERE expires_at_ms > $1::bigint AND next_attempt_at_ms <= $2::bigint ORDER BY next_attempt_at_ms LIMIT $3`,
          [nowMs(), dueBy.getTime(), Math.max(0, Math.floor(limit))],
        );
        return rows.map(
          (row): PendingSubmit => ({
            key: conversationKeyFromString(row.conversation),
            version: Number(row.version),
            requestedAt: new Date(Number(row.requested_at_ms)),
            attempts: Number(row.attempts),
            nextAttemptAt: new Date(Number(row.next_attempt_at_ms)),
          }),
        );
      });
    },

    clearSubmitPending(key, version) {
      return guarded('clearSubmitPending', async () => {
        await client.query('DELETE FROM session_submits_pending WHERE conversation = $1 AND version = $2', [conversationKeyToString(key), version]);
      });
    },
    // ---- end of submits waiting for the comment store.

    ping() {
      return guarded('ping', async () => {
        await client.query('SELECT 1');
      });
    },

    async close() {
      closed = true;
      if (timer) clearInterval(timer);
    },
  };
}
