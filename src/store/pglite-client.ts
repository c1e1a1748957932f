import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { acquireDataDirLock } from './data-dir-lock.js';
import { SqlClientClosedError, type SqlClient, type SqlQueryable } from './sql-client.js';

/**
 * SqlClient on PGlite (Postgres compiled to WASM, embedded in this process) — the default comment store
 * when DATABASE_URL is unset. `dataDir` is created if missing; `memory://` keeps everything in memory
 * (tests). PGlite serializes queries and transactions itself. One process per data directory: a lock file
 * (data-dir-lock.ts) refuses a second one with DATA_DIR_LOCKED.
 */
export const PGLITE_IN_MEMORY = 'memory://';

export async function createPgliteClient(dataDir: string): Promise<SqlClient> {
  // On disk, the directory is locked first (src/store/data-dir-lock.ts): a second process is refused.
  const lock = dataDir.startsWith('memory://') ? null : await acquireDataDirLock(dataDir);
  let db: PGlite;
  try {
    if (lock === null) await mkdir(dataDir, { recursive: true }).catch(() => undefined);
    db = new PGlite(dataDir);
    await db.waitReady;
  } catch (error) {
    await lock?.release();
    throw error;
  }
  let closed = false;

  const wrap = (target: Pick<PGlite, 'query'>): SqlQueryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      if (closed) throw new SqlClientClosedError();
      const result = await target.query<T>(sql, [...params]);
      return { rows: result.rows };
    },
  });

  return {
    ...wrap(db),
    async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
      if (closed) throw new SqlClientClosedError();
      return db.transaction((tx) => fn(wrap(tx)));
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await db.close();
      } finally {
        await lock?.release();
      }
    },
  };
}
