import type { SqlClient } from './sql-client.js';

/**
 * Schema migrations, shared by PGlite and Postgres. Each feature owns its list (comment store,
 * moderation, Teams references, ...); `src/database.ts` runs them all, in feature order. Rules:
 * - never edit or reorder a migration that has shipped; add a new one;
 * - ids are unique across features (each feature has its own hundred: 0001, 0100, 0200, ...);
 * - each migration is a list of single statements (PGlite runs one statement per prepared query).
 *
 * `migrate` applies the missing ones, in order, inside ONE transaction, recording each id in
 * `schema_migrations`; running it again does nothing. On Postgres a transaction-scoped advisory lock makes
 * two processes starting at once take turns (the second sees everything already applied). PGlite is
 * embedded in a single process, so it needs no lock.
 */
export interface Migration {
  id: string;
  statements: readonly string[];
}


/** Arbitrary constant identifying "rfibot schema migrations" among advisory locks. */
const MIGRATION_LOCK_KEY = 727_114_001;

export async function migrate(
  client: SqlClient,
  kind: 'pglite' | 'postgres',
  migrations: readonly Migration[],
): Promise<{ applied: string[] }> {
  // Fast path, ONE query and no transaction or lock: everything already applied (every start but the
  // first after an upgrade; the admin command on an existing data directory).
  if (await allApplied(client, migrations)) return { applied: [] };
  return client.transaction(async (tx) => {
    if (kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
        id text PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const done = new Set((await tx.query<{ id: string }>('SELECT id FROM schema_migrations')).rows.map((row) => row.id));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
      applied.push(migration.id);
    }
    return { applied };
  });
}

/** True when `schema_migrations` lists every id; false when some are missing or the table is not there yet. */
async function allApplied(client: SqlClient, migrations: readonly Migration[]): Promise<boolean> {
  if (migrations.length === 0) return false;
  try {
    const { rows } = await client.query<{ id: string }>('SELECT id FROM schema_migrations');
    const done = new Set(rows.map((row) => row.id));
    return migrations.every((migration) => done.has(migration.id));
  } catch {
    return false; // no table yet (a new database): the full path creates it
  }
}
