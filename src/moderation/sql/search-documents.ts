import type { SqlQueryable } from '../../store/sql-client.js';

/**
 * The two full-text documents of a submission (`s` = the submissions row being written):
 * - `search_document`: the PUBLISHED text — organization and answers, each replaced by its redacted
 *   version when a moderator made one. Every search and export filter matches this, so filtering by a
 *   redacted word finds nothing and confirms nothing.
 * - `original_search_document`: what the partner sent, for admins who search originals explicitly
 *   (`searchOriginal=1`, audited).
 * Both are rewritten at submit and whenever a redaction is saved or removed, in that transaction.
 */
const ORGANIZATION_REDACTION = `(SELECT r.redacted_answer FROM answer_redactions r WHERE r.submission_id = s.id AND r.question_id = 'organization')`;

export const PUBLISHED_DOCUMENT_SQL = `to_tsvector('simple', coalesce(${ORGANIZATION_REDACTION}, s.organization, '') || ' ' ||
  coalesce((SELECT string_agg(coalesce(r.redacted_answer, a.answer), ' ' ORDER BY a.question_index) FROM submission_answers a
    LEFT JOIN answer_redactions r ON r.submission_id = a.submission_id AND r.question_id = a.question_id
    WHERE a.submission_id = s.id), ''))`;

export const ORIGINAL_DOCUMENT_SQL = `to_tsvector('simple', coalesce(s.organization, '') || ' ' ||
  coalesce((SELECT string_agg(a.answer, ' ' ORDER BY a.question_index) FROM submission_answers a WHERE a.submission_id = s.id), ''))`;

export async function writeSearchDocuments(db: SqlQueryable, submissionId: string): Promise<void> {
  await db.query(
    `UPDATE submissions s SET search_document = ${PUBLISHED_DOCUMENT_SQL}, original_search_document = ${ORIGINAL_DOCUMENT_SQL} WHERE s.id = $1`,
    [submissionId],
  );
}

export async function writePublishedDocument(db: SqlQueryable, submissionId: string): Promise<void> {
  await db.query(`UPDATE submissions s SET search_document = ${PUBLISHED_DOCUMENT_SQL} WHERE s.id = $1`, [submissionId]);
}
