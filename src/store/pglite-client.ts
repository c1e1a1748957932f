import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { SqlClientClosedError, type SqlClient, type SqlQueryable } from './sql-client.js';

/**
 * SqlClient on PGlite (Postgres compiled to WASM, embedded in this process) — the default comment store
 * when DATABASE_URL is unset. `dataDir` is created if missing; `memory://` keeps everything in memory
 * (tests). PGlite serializes queries and transactions itself. One process per data directory only.
 */
export const PGLITE_IN_MEMORY = 'memory://';

export async function createPgliteClient(dataDir: string): Promise<SqlClient> {
  if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
  const db = new PGlite(dataDir);
  await db.waitReady;
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
      await db.close();
    },
  };
}
