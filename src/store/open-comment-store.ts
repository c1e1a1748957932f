import type { CommentStore } from '../core/ports.js';
import { AppError } from '../errors.js';
import { createPgliteClient } from './pglite-client.js';
import { createPostgresClient } from './postgres-client.js';
import { isConnectionError, type SqlClient } from './sql-client.js';
import { createSqlCommentStore } from './sql-comment-store.js';
import type { StoreFeature } from './store-feature.js';

/**
 * Opens the comment store the configuration asks for and brings its schema up to date:
 * Postgres when `databaseUrl` is set (optionally inside `schema`), otherwise PGlite in `dataDir`.
 * Rejects with COMMENT_STORE_UNAVAILABLE / COMMENT_STORE_FAILED; nothing is left open on failure.
 */
export interface OpenCommentStoreOptions {
  databaseUrl?: string;
  dataDir: string;
  schema?: string;
  /** Errors of idle Postgres connections (logged by the caller). */
  onError?: (error: Error) => void;
}

/** The bare comment store (no feature tables): what its contract suite and tools that only read it need. */
export async function openCommentStore(options: OpenCommentStoreOptions): Promise<CommentStore> {
  return (await openDatabase(options, [])).commentStore;
}

/**
 * The comment store together with its SQL client, with the tables of the `features` that share its
 * database migrated too (src/database.ts composes the app's). Closing the comment store closes the client.
 */
export interface Database {
  kind: 'pglite' | 'postgres';
  client: SqlClient;
  commentStore: CommentStore;
}

export async function openDatabase(options: OpenCommentStoreOptions, features: readonly StoreFeature[]): Promise<Database> {
  const kind = options.databaseUrl ? 'postgres' : 'pglite';
  let client: SqlClient;
  try {
    client = options.databaseUrl
      ? await createPostgresClient({
          connectionString: options.databaseUrl,
          ...(options.schema === undefined ? {} : { schema: options.schema }),
          ...(options.onError === undefined ? {} : { onError: options.onError }),
        })
      : await createPgliteClient(options.dataDir);
  } catch (error) {
    // Another process holds the data directory: its own message says who and what to do.
    if (error instanceof AppError && error.code === 'DATA_DIR_LOCKED') throw error;
    const code = isConnectionError(error) ? 'COMMENT_STORE_UNAVAILABLE' : 'COMMENT_STORE_FAILED';
    const where = kind === 'postgres' ? 'Postgres (check DATABASE_URL)' : `PGlite in ${options.dataDir} (check DATA_DIR)`;
    throw new AppError(code, `Could not open the comment store: ${where}`, { cause: error });
  }
  const store = createSqlCommentStore(client, kind, features);
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return { kind, client, commentStore: store };
}
