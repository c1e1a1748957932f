import type { Migration } from './migrations.js';

/**
 * The comment store's own tables. Design: filters by question, respondent type, channel and date; keyset
 * pagination on (submitted_at, id); full-text search over answers and organization (the language-neutral
 * 'simple' configuration, because answers are English or Spanish). Private contact data lives in
 * `submission_private` and is never joined into public reads.
 */
export const COMMENT_STORE_MIGRATIONS: readonly Migration[] = [
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
