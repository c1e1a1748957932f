import { AppError } from '../errors.js';

/**
 * The tiny SQL port the comment store is written against, so the same SQL and migrations run on the
 * embedded PGlite and on a real Postgres. Implementations: pglite-client.ts, postgres-client.ts.
 *
 * Contract:
 * - `query` runs ONE statement with positional parameters ($1, $2, …) and resolves with its rows;
 * - `transaction(fn)` runs `fn` on one connection between BEGIN and COMMIT; if `fn` throws, the
 *   transaction is rolled back and the error rethrown;
 * - `close` releases everything; later calls reject with an error `isConnectionError` recognizes.
 * Parameters are passed as plain strings/numbers/null (JSON as a string with an explicit `::jsonb` cast),
 * because the two drivers serialize objects and arrays differently.
 */
export interface SqlQueryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
}

export interface SqlClient extends SqlQueryable {
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Error thrown by a client after `close()`. */
export class SqlClientClosedError extends AppError {
  constructor() {
    super('SQL_CLIENT_CLOSED', 'The SQL client is closed');
  }
}

const CONNECTION_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'SQL_CLIENT_CLOSED',
]);

/** SQLSTATEs meaning "the database cannot be reached or used right now", not "this statement is wrong". */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '3D000', '28000', '28P01']);

const CONNECTION_MESSAGES =
  /connection terminated|timeout exceeded when trying to connect|connection error|cannot use a pool after calling end|pglite is closed|client was closed|not queryable/i;

/** True for "database unreachable/closed" errors from pg, PGlite or the network, false for SQL errors. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (CONNECTION_ERRNOS.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08')) return true;
  }
  if (error instanceof AggregateError && error.errors.some((inner) => isConnectionError(inner))) return true;
  return CONNECTION_MESSAGES.test(error.message);
}
