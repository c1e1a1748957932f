import type { SqlQueryable } from '../../store/sql-client.js';

/**
 * The two full-text documents of a submission (`s` = the submissions row being written):
 * - `search_document`: the PUBLISHED text — organization and answers, each replaced by its redacted
 *   version when a moderator made one. Every search and export filter matches this, so filtering by a
 *   redacted word finds nothing and confirms nothing.
 * - `original_search_document`: what the partner sent, for admins who search originals explicitly
 *   (`searchOriginal=1`, audited).
 * Both are rewritten at submit and whenever a redaction is saved or removed, in that transaction.
 *
 * Bilingual search (issue 20 item 6): each document is analysed in the submission's own language
 * (Postgres `english` or `spanish` snowball configuration) after folding accents, and a query is
 * analysed in both languages and matches either (`searchQuerySql`). Accents are folded by our own
 * `translate()` rather than the `unaccent` extension: PGlite 0.5.17 ships unaccent only as a contrib
 * module loaded when the database is opened, and on Postgres `CREATE EXTENSION` is database-wide and
 * needs privileges a shared or managed server may not grant. The same SQL expression folds the
 * documents and the query, so both sides always agree, on PGlite and Postgres alike.
 */
const ACCENTED = 'ÁÀÂÄÃÅáàâäãåÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÖÕóòôöõÚÙÛÜúùûüÑñÇç';
const FOLDED = 'aaaaaaaaaaaaeeeeeeeeiiiiiiiioooooooooouuuuuuuunncc';
if (ACCENTED.length !== FOLDED.length) throw new Error('search-documents: accent tables differ in length');

/** `expression` lower-cased with Spanish/French/Portuguese accents removed (same on both databases). */
export function foldSql(expression: string): string {
  return `lower(translate(${expression}, '${ACCENTED}', '${FOLDED}'))`;
}

/** The text search configuration of the submission's language (`s.language`). */
const LANGUAGE_CONFIG = `(CASE s.language WHEN 'es' THEN 'spanish' ELSE 'english' END)::regconfig`;

function documentSql(text: string): string {
  return `to_tsvector(${LANGUAGE_CONFIG}, ${foldSql(text)})`;
}

/**
 * A tsquery matching `parameter` (e.g. `$1`) read as English or as Spanish, accents folded. When both
 * readings are the same (names, numbers, most rare words) the query is that one reading, not "x | x":
 * the planner folds this CASE to a constant, and an OR of two equal terms doubles its row estimate,
 * which made it walk the whole table newest-first instead of using the GIN index (seen in the bench).
 */
export function searchQuerySql(parameter: string): string {
  const en = `websearch_to_tsquery('english', ${foldSql(parameter)})`;
  const es = `websearch_to_tsquery('spanish', ${foldSql(parameter)})`;
  return `(CASE WHEN ${en} = ${es} THEN ${en} ELSE ${en} || ${es} END)`;
}

const ORGANIZATION_REDACTION = `(SELECT r.redacted_answer FROM answer_redactions r WHERE r.submission_id = s.id AND r.question_id = 'organization')`;

export const PUBLISHED_DOCUMENT_SQL = documentSql(`coalesce(${ORGANIZATION_REDACTION}, s.organization, '') || ' ' ||
  coalesce((SELECT string_agg(coalesce(r.redacted_answer, a.answer), ' ' ORDER BY a.question_index) FROM submission_answers a
    LEFT JOIN answer_redactions r ON r.submission_id = a.submission_id AND r.question_id = a.question_id
    WHERE a.submission_id = s.id), '')`);

export const ORIGINAL_DOCUMENT_SQL = documentSql(`coalesce(s.organization, '') || ' ' ||
  coalesce((SELECT string_agg(a.answer, ' ' ORDER BY a.question_index) FROM submission_answers a WHERE a.submission_id = s.id), '')`);

/**
 * The language-neutral documents of migration 0110 (kept verbatim so that migration builds what it always
 * built on a fresh database; 0120 then rebuilds every document with the bilingual ones above).
 */
const ORGANIZATION_REDACTION_0110 = ORGANIZATION_REDACTION;
export const PUBLISHED_DOCUMENT_SQL_0110 = `to_tsvector('simple', coalesce(${ORGANIZATION_REDACTION_0110}, s.organization, '') || ' ' ||
  coalesce((SELECT string_agg(coalesce(r.redacted_answer, a.answer), ' ' ORDER BY a.question_index) FROM submission_answers a
    LEFT JOIN answer_redactions r ON r.submission_id = a.submission_id AND r.question_id = a.question_id
    WHERE a.submission_id = s.id), ''))`;
export const ORIGINAL_DOCUMENT_SQL_0110 = `to_tsvector('simple', coalesce(s.organization, '') || ' ' ||
  coalesce((SELECT string_agg(a.answer, ' ' ORDER BY a.question_index) FROM submission_answers a WHERE a.submission_id = s.id), ''))`;

/**
 * The list's sort keys (issue 20 item 4, migration 0121), kept with the published document because they
 * change with it: `published_length_chars` = characters of the published answers; `organization_sort` =
 * the published organization folded ('0' + name; '~' for anonymous, so it sorts last under COLLATE "C").
 */
const PUBLISHED_ORGANIZATION = `nullif(coalesce(${ORGANIZATION_REDACTION}, s.organization, ''), '')`;
export const SORT_KEYS_SQL = `published_length_chars = coalesce((SELECT sum(char_length(coalesce(r.redacted_answer, a.answer, ''))) FROM submission_answers a
    LEFT JOIN answer_redactions r ON r.submission_id = a.submission_id AND r.question_id = a.question_id
    WHERE a.submission_id = s.id), 0),
  organization_sort = coalesce('0' || ${foldSql(PUBLISHED_ORGANIZATION)}, '~')`;

export async function writeSearchDocuments(db: SqlQueryable, submissionId: string): Promise<void> {
  await db.query(
    `UPDATE submissions s SET search_document = ${PUBLISHED_DOCUMENT_SQL}, original_search_document = ${ORIGINAL_DOCUMENT_SQL}, ${SORT_KEYS_SQL} WHERE s.id = $1`,
    [submissionId],
  );
}

export async function writePublishedDocument(db: SqlQueryable, submissionId: string): Promise<void> {
  await db.query(`UPDATE submissions s SET search_document = ${PUBLISHED_DOCUMENT_SQL}, ${SORT_KEYS_SQL} WHERE s.id = $1`, [submissionId]);
}
