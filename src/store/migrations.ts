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
  {
    // Moderation (issue 5): staff tokens (hash only), dashboard sessions, audit log, flags, committees,
    // redacted versions of answers. Backfills `pii-suspected` for submissions stored before this existed.
    id: '0100_moderation',
    statements: [
      `CREATE TABLE staff_tokens (
        id text PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        role text NOT NULL CHECK (role IN ('staff', 'moderator', 'admin')),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz NULL
      )`,
      `CREATE TABLE staff_sessions (
        id_hash text PRIMARY KEY,
        token_id text NOT NULL REFERENCES staff_tokens (id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`,
      `CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id text NOT NULL,
        actor_name text NOT NULL,
        actor_role text NOT NULL,
        action text NOT NULL,
        submission_id text NULL,
        detail jsonb NOT NULL DEFAULT '{}'::jsonb
      )`,
      `CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC)`,
      `CREATE TABLE submission_flags (
        submission_id text NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
        flag text NOT NULL CHECK (flag IN ('pii-suspected', 'quarantined', 'cleared')),
        set_at timestamptz NOT NULL DEFAULT now(),
        set_by text NOT NULL,
        PRIMARY KEY (submission_id, flag)
      )`,
      `CREATE INDEX submission_flags_flag_idx ON submission_flags (flag, submission_id)`,
      `CREATE TABLE committees (
        id text PRIMARY KEY,
        name text NOT NULL,
        position integer NOT NULL
      )`,
      `INSERT INTO committees (id, name, position) VALUES
        ('research-and-data', 'Research and data', 1),
        ('grantmaking', 'Grantmaking', 2),
        ('public-awareness-and-outreach', 'Public awareness and outreach', 3),
        ('victim-services', 'Victim services', 4),
        ('procurement-and-supply-chains', 'Procurement and supply chains', 5)`,
      `CREATE TABLE submission_committees (
        submission_id text NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
        committee_id text NOT NULL REFERENCES committees (id),
        set_at timestamptz NOT NULL DEFAULT now(),
        set_by text NOT NULL,
        PRIMARY KEY (submission_id, committee_id)
      )`,
      `CREATE INDEX submission_committees_committee_idx ON submission_committees (committee_id, submission_id)`,
      `CREATE TABLE answer_redactions (
        submission_id text NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
        question_id text NOT NULL,
        redacted_answer text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        PRIMARY KEY (submission_id, question_id)
      )`,
      `CREATE INDEX submission_answers_answered_idx ON submission_answers (question_index, submission_id) WHERE answer IS NOT NULL`,
      // One search document per submission (organization + every answer), written at submit in the same
      // transaction. Lets the planner choose per query between walking newest-first with a cheap filter
      // (common words) and the GIN index (rare words); per-answer OR-ed expressions cannot do that.
      `ALTER TABLE submissions ADD COLUMN search_document tsvector NULL`,
      `UPDATE submissions s SET search_document = to_tsvector('simple', coalesce(s.organization, '') || ' ' ||
        coalesce((SELECT string_agg(a.answer, ' ') FROM submission_answers a WHERE a.submission_id = s.id), ''))`,
      `CREATE INDEX submissions_search_document_idx ON submissions USING gin (search_document)`,
      `INSERT INTO submission_flags (submission_id, flag, set_at, set_by)
        SELECT id, 'pii-suspected', submitted_at, 'scanner' FROM submissions WHERE jsonb_array_length(pii_hints) > 0
        ON CONFLICT DO NOTHING`,
    ],
  },
  {
    // Teams (issue 4): where to reach each partner later (proactive reminders) and whether we still can.
    id: '0200_teams_conversations',
    statements: [
      `CREATE TABLE teams_conversations (
        conversation_key text PRIMARY KEY,
        tenant_id text NOT NULL,
        user_id text NOT NULL,
        conversation_id text NOT NULL,
        service_url text NOT NULL,
        channel_id text NOT NULL,
        bot_id text NOT NULL,
        bot_name text NULL,
        user_name text NULL,
        locale text NULL,
        time_zone text NULL,
        delivery_status text NOT NULL DEFAULT 'ok' CHECK (delivery_status IN ('ok', 'app-removed', 'failing')),
        delivery_status_code integer NULL,
        delivery_status_at timestamptz NULL,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX teams_conversations_status_idx ON teams_conversations (delivery_status)`,
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
