import type { CommentStore } from '../core/ports.js';
import type { NewSubmission, StoredSubmission } from '../core/submission.js';
import type { Channel, Language } from '../core/types.js';
import { AppError } from '../errors.js';
import { COMMENT_STORE_MIGRATIONS } from './comment-store-migrations.js';
import { migrate } from './migrations.js';
import { isConnectionError, type SqlClient, type SqlQueryable } from './sql-client.js';
import type { StoreFeature } from './store-feature.js';
import { toIso, toPiiHints, type SubmissionRow } from './submission-rows.js';

/**
 * CommentStore on SQL (PGlite or Postgres, same statements). Contract: CommentStore in src/core/ports.ts,
 * checked by test/contract/comment-store.contract.ts.
 *
 * - `saveSubmission` writes the submission, its answers and its private row in ONE transaction, and is
 *   idempotent on `id` (the session's draftId): `INSERT … ON CONFLICT (id) DO NOTHING`; when nothing was
 *   inserted the first save's receipt is returned with `created: false`. Concurrent saves of one id:
 *   Postgres makes the second INSERT wait for the first transaction, then do nothing.
 * - Public reads (`getById`, `getByReceipt`) select from `submissions` + `submission_answers` only;
 *   contact email and conversation key are read by `getPrivateContact` alone.
 * - Errors: unreachable/closed database → AppError COMMENT_STORE_UNAVAILABLE, anything else →
 *   COMMENT_STORE_FAILED; the driver error is the `cause` (its message may contain parameters, i.e.
 *   partner text, so it is never copied into ours).
 */

interface AnswerRow {
  question_id: string;
  question_index: number;
  question_text: string;
  answer: string | null;
}

const SUBMISSION_COLUMNS =
  'id, receipt, flow_id, flow_version, organization, respondent_type, language, channel, submitted_at, pii_hints';

function toStoreError(error: unknown, operation: string): AppError {
  // Checked first: a closed SQL client is itself an AppError (SQL_CLIENT_CLOSED), but callers of the
  // comment store see one code for "the database cannot be used right now".
  if (isConnectionError(error)) {
    return new AppError('COMMENT_STORE_UNAVAILABLE', `Comment store database is unavailable during "${operation}"`, {
      cause: error,
    });
  }
  if (error instanceof AppError) return error;
  return new AppError('COMMENT_STORE_FAILED', `Comment store operation "${operation}" failed`, { cause: error });
}

/**
 * `features` add their tables (migrated after the comment store's own, in the order given) and their share
 * of the submit transaction. Without any, this is the bare comment store (its contract suite runs so).
 */
export function createSqlCommentStore(
  client: SqlClient,
  kind: 'pglite' | 'postgres',
  features: readonly StoreFeature[] = [],
): CommentStore {
  const migrations = [...COMMENT_STORE_MIGRATIONS, ...features.flatMap((feature) => feature.migrations)];
  async function guarded<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw toStoreError(error, operation);
    }
  }

  async function readSubmission(db: SqlQueryable, where: 'id' | 'receipt', value: string): Promise<StoredSubmission | null> {
    const found = await db.query<SubmissionRow>(`SELECT ${SUBMISSION_COLUMNS} FROM submissions WHERE ${where} = $1`, [value]);
    const row = found.rows[0];
    if (!row) return null;
    const answers = await db.query<AnswerRow>(
      `SELECT question_id, question_index, question_text, answer
         FROM submission_answers WHERE submission_id = $1 ORDER BY question_index, question_id`,
      [row.id],
    );
    // Built field by field: only public columns can ever reach the result.
    return {
      id: row.id,
      receipt: row.receipt,
      flowId: row.flow_id,
      flowVersion: Number(row.flow_version),
      answers: answers.rows.map((a) => ({
        questionId: a.question_id,
        index: Number(a.question_index),
        question: a.question_text,
        answer: a.answer,
      })),
      organization: row.organization,
      respondentType: row.respondent_type,
      language: row.language as Language,
      channel: row.channel as Channel,
      submittedAt: toIso(row.submitted_at),
      piiHints: toPiiHints(row.pii_hints),
    };
  }

  async function insertSubmission(tx: SqlQueryable, s: NewSubmission): Promise<{ receipt: string; created: boolean }> {
    const inserted = await tx.query<{ receipt: string }>(
      `INSERT INTO submissions
         (id, receipt, flow_id, flow_version, organization, respondent_type, language, channel, submitted_at, pii_hints)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)
       ON CONFLICT (id) DO NOTHING
       RETURNING receipt`,
      [
        s.id,
        s.receipt,
        s.flowId,
        s.flowVersion,
        s.organization,
        s.respondentType,
        s.language,
        s.channel,
        s.submittedAt,
        JSON.stringify(s.piiHints),
      ],
    );
    if (inserted.rows.length === 0) {
      const existing = await tx.query<{ receipt: string }>('SELECT receipt FROM submissions WHERE id = $1', [s.id]);
      const receipt = existing.rows[0]?.receipt;
      if (receipt === undefined) throw new AppError('COMMENT_STORE_FAILED', 'Submission conflicted but could not be read back');
      return { receipt, created: false };
    }

    if (s.answers.length > 0) {
      const params: unknown[] = [];
      const tuples = s.answers.map((a) => {
        params.push(s.id, a.questionId, a.index, a.question, a.answer);
        const n = params.length;
        return `($${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
      });
      await tx.query(
        `INSERT INTO submission_answers (submission_id, question_id, question_index, question_text, answer)
         VALUES ${tuples.join(', ')}`,
        params,
      );
    }
    await tx.query('INSERT INTO submission_private (submission_id, contact_email, conversation_key) VALUES ($1, $2, $3)', [
      s.id,
      s.contactEmail,
      s.conversationKey,
    ]);
    for (const feature of features) await feature.onSubmit?.(tx, s);
    return { receipt: s.receipt, created: true };
  }

  return {
    kind,

    migrate() {
      return guarded('migrate', async () => {
        await migrate(client, kind, migrations);
      });
    },

    saveSubmission(submission) {
      return guarded('saveSubmission', () => client.transaction((tx) => insertSubmission(tx, submission)));
    },

    getById(id) {
      return guarded('getById', () => readSubmission(client, 'id', id));
    },

    getByReceipt(receipt) {
      return guarded('getByReceipt', () => readSubmission(client, 'receipt', receipt));
    },

    getPrivateContact(id) {
      return guarded('getPrivateContact', async () => {
        const found = await client.query<{ contact_email: string | null; conversation_key: string }>(
          'SELECT contact_email, conversation_key FROM submission_private WHERE submission_id = $1',
          [id],
        );
        const row = found.rows[0];
        return row ? { contactEmail: row.contact_email, conversationKey: row.conversation_key } : null;
      });
    },

    deleteByConversation(conversationKey) {
      return guarded('deleteByConversation', async () => {
        // ON DELETE CASCADE takes the answers, the private row and every feature's rows with them.
        const deleted = await client.query<{ id: string }>(
          'DELETE FROM submissions WHERE id IN (SELECT submission_id FROM submission_private WHERE conversation_key = $1) RETURNING id',
          [conversationKey],
        );
        return deleted.rows.map((row) => row.id);
      });
    },

    purgeBefore(before) {
      return guarded('purgeBefore', async () => {
        const deleted = await client.query('DELETE FROM submissions WHERE submitted_at < $1 RETURNING 1', [before.toISOString()]);
        return deleted.rows.length;
      });
    },

    ping() {
      return guarded('ping', async () => {
        await client.query('SELECT 1');
      });
    },

    close() {
      return guarded('close', () => client.close());
    },
  };
}
