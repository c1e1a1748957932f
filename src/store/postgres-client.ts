import pg from 'pg';
import { SqlClientClosedError, type SqlClient, type SqlQueryable } from './sql-client.js';

/**
 * SqlClient on a real Postgres through a pg Pool.
 *
 * `schema` (optional) isolates everything in one schema: it is created if missing and set as the
 * `search_path` of every pooled connection (in the connection's startup options, so it is in force before
 * the first query). Tests use a random schema and drop it afterwards; production may use a named one.
 */
export interface PostgresClientOptions {
  connectionString: string;
  schema?: string;
  /** Pool size. Default 10. */
  max?: number;
  /** Errors of idle pooled connections (e.g. the server restarted). Without a listener they would crash the process. */
  onError?: (error: Error) => void;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function createPostgresClient(options: PostgresClientOptions): Promise<SqlClient> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`Invalid Postgres schema name "${schema}": use lowercase letters, digits and underscores`);
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 15_000,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  pool.on('error', options.onError ?? (() => undefined));
  let closed = false;

  const client: SqlClient = {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      if (closed) throw new SqlClientClosedError();
      const result = await pool.query(sql, [...params]);
      return { rows: result.rows as T[] };
    },

    async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
      if (closed) throw new SqlClientClosedError();
      const conn = await pool.connect();
      // A checked-out connection has no pool listener: if the server goes away mid-transaction, pg emits
      // 'error' on it, which without a listener would crash the process. The failing query rejects anyway.
      const onConnectionError = (error: Error) => options.onError?.(error);
      conn.on('error', onConnectionError);
      const tx: SqlQueryable = {
        async query<R>(sql: string, params: readonly unknown[] = []) {
          const result = await conn.query(sql, [...params]);
          return { rows: result.rows as R[] };
        },
      };
      let result: T;
      try {
        await conn.query('BEGIN');
        result = await fn(tx);
        await conn.query('COMMIT');
      } catch (error) {
        try {
          await conn.query('ROLLBACK');
          conn.release();
        } catch (rollbackError) {
          // The connection is broken: destroy it instead of returning it to the pool.
          conn.release(rollbackError instanceof Error ? rollbackError : true);
        }
        conn.off('error', onConnectionError);
        throw error;
      }
      conn.release();
      conn.off('error', onConnectionError);
      return result;
    },

    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };

  if (schema !== undefined) {
    try {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    } catch (error) {
      // Two processes creating the same schema at once: the loser sees a duplicate; the schema exists.
      const code = (error as { code?: unknown }).code;
      if (code !== '42P06' && code !== '23505') {
        await client.close();
        throw error;
      }
    }
  }
  return client;
}
