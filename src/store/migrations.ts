import type { SqlClient } from './sql-client.js';

/**
 * Ordered schema migrations, shared by PGlite and Postgres. Rules:
 * - never edit or reorder a migration that has shipped; add a new one;
 * - each migration is a list of single statements (PGlite runs one statement per prepared query).
 *
 * `migrate` applies the missing ones, in order, inside ONE transaction, recording each id in
 * `schema_migrations`; running it again does nothing. On Postgres a transaction-scoped advisory lock makes
 * two processes starting at once take turns (the second sees everything already applied). PGlite is
 * embedded in a single process, so it needs no lock.
 *
 * Table design (for the moderation dashboard to come): filters by question, respondent type, channel and
 * date; keyset pagination on (submitted_at, id); full-text search over answers and organization (the
 * language-neutral 'simple' configuration, because answers are English or Spanish). Private contact data
 * lives in `submission_private` and is never joined into public reads.
 */
export interface Migration {
  id: string;
  statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: '0001_submissions',
    statements: [
      `CREATE TABLE submissions (
        id text PRIMARY KEY,
        receipt text NOT NULL UNIQUE,
        flow_id text NOT NULL,
        flow_version integer NOT NULL,
        organization text NULL,
        respondent_type text NOT NULL,
        language text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('webchat', 'slack', 'teams')),
        submitted_at timestamptz NOT NULL,
        pii_hints jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX submissions_submitted_at_id_idx ON submissions (submitted_at, id)`,
      `CREATE INDEX submissions_respondent_type_idx ON submissions (respondent_type)`,
      `CREATE INDEX submissions_channel_idx ON submissions (channel)`,
      `CREATE INDEX submissions_organization_fts_idx ON submissions
        USING gin (to_tsvector('simple', coalesce(organization, '')))`,
      `CREATE TABLE submission_answers (
        submission_id text NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
        question_id text NOT NULL,
        question_index integer NOT NULL CHECK (question_index > 0),
        question_text text NOT NULL,
        answer text NULL,
        PRIMARY KEY (submission_id, question_id)
      )`,
      `CREATE INDEX submission_answers_question_idx ON submission_answers (question_id, submission_id)`,
      `CREATE INDEX submission_answers_fts_idx ON submission_answers
        USING gin (to_tsvector('simple', coalesce(answer, '')))`,
      `CREATE TABLE submission_private (
        submission_id text PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
        contact_email text NULL,
        conversation_key text NOT NULL
      )`,
    ],
  },
];

/** Arbitrary constant identifying "rfibot schema migrations" among advisory locks. */
const MIGRATION_LOCK_KEY = 727_114_001;

export async function migrate(
  client: SqlClient,
  kind: 'pglite' | 'postgres',
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<{ applied: string[] }> {
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
