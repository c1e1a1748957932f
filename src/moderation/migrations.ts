import type { Migration } from '../store/migrations.js';
import { ORIGINAL_DOCUMENT_SQL, ORIGINAL_DOCUMENT_SQL_0110, PUBLISHED_DOCUMENT_SQL, PUBLISHED_DOCUMENT_SQL_0110, SORT_KEYS_SQL } from './sql/search-documents.js';

/** Moderation's tables in the comment store's database. Needs the comment store's migrations first. */
export const MODERATION_MIGRATIONS: readonly Migration[] = [
  {
    // Staff tokens (hash only), dashboard sessions, audit log, flags, committees,
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
    // Issue 18, the public record. (1) Search over the published text: `search_document` becomes the
    // text with redactions applied; the partner's original gets its own document for admins. (2) The
    // near-duplicate index (MinHash signatures, LSH band buckets, the duplicate found), filled at submit;
    // `similarity_indexed_at` NULL marks submissions stored before it, which the startup backfill indexes.
    id: '0110_public_record',
    statements: [
      `ALTER TABLE submissions ADD COLUMN original_search_document tsvector NULL`,
      `UPDATE submissions s SET original_search_document = ${ORIGINAL_DOCUMENT_SQL_0110}`,
      `UPDATE submissions s SET search_document = ${PUBLISHED_DOCUMENT_SQL_0110}
        WHERE EXISTS (SELECT 1 FROM answer_redactions r WHERE r.submission_id = s.id)`,
      `CREATE INDEX submissions_original_search_document_idx ON submissions USING gin (original_search_document)`,
      `ALTER TABLE submissions ADD COLUMN similarity_indexed_at timestamptz NULL`,
      `CREATE INDEX submissions_similarity_pending_idx ON submissions (submitted_at, id) WHERE similarity_indexed_at IS NULL`,
      `CREATE TABLE submission_minhash (
        submission_id text PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
        signature text NOT NULL
      )`,
      `CREATE TABLE submission_minhash_bands (
        band smallint NOT NULL,
        bucket text NOT NULL,
        submission_id text NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
        PRIMARY KEY (band, bucket, submission_id)
      )`,
      `CREATE INDEX submission_minhash_bands_submission_idx ON submission_minhash_bands (submission_id)`,
      `CREATE TABLE submission_duplicates (
        submission_id text PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
        duplicate_of text NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
        similarity real NOT NULL
      )`,
      `CREATE INDEX submission_duplicates_of_idx ON submission_duplicates (duplicate_of)`,
    ],
  },
  {
    // Issue 20 item 6, search in both languages: every stored document is rebuilt in its submission's
    // language (english / spanish configuration, accents folded; see sql/search-documents.ts). New and
    // redacted submissions get these documents from then on, in their own transactions.
    id: '0120_bilingual_search',
    // Rebuilding every document can outlast the client's statement_timeout on a large table (100,000
    // submissions: tens of seconds on a busy server); SET LOCAL lifts it for this migration's transaction only.
    statements: [
      `SET LOCAL statement_timeout = 0`,
      `UPDATE submissions s SET search_document = ${PUBLISHED_DOCUMENT_SQL}, original_search_document = ${ORIGINAL_DOCUMENT_SQL}`,
    ],
  },
  {
    // Issue 20 item 4, the list sorts by organization and by length: the keys live on the submission
    // (kept with the published document, sql/search-documents.ts) so each sort is an index walk that
    // stops after a page, also with 100,000 submissions. COLLATE "C": the same order on every server.
    id: '0121_list_sorting',
    statements: [
      `ALTER TABLE submissions ADD COLUMN published_length_chars integer NOT NULL DEFAULT 0`,
      `ALTER TABLE submissions ADD COLUMN organization_sort text COLLATE "C" NOT NULL DEFAULT '~'`,
      `UPDATE submissions s SET ${SORT_KEYS_SQL}`,
      `CREATE INDEX submissions_length_sort_idx ON submissions (published_length_chars, submitted_at, id)`,
      `CREATE INDEX submissions_organization_sort_idx ON submissions (organization_sort, submitted_at, id)`,
    ],
  },
  {
    // Abuse controls (issue 18 item 7): tokens may expire; NULL = never.
    id: '0150_staff_token_expiry',
    statements: [`ALTER TABLE staff_tokens ADD COLUMN expires_at timestamptz NULL`],
  },
];
