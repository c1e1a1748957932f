import type { Channel, Language } from '../../core/types.js';
import type { SqlQueryable } from '../../store/sql-client.js';
import type { ExportCounts, ListOptions, Neighbours, Page } from '../repository.js';
import { toIso, toPiiHints, type SubmissionRow } from '../../store/submission-rows.js';
import type { Flag } from '../committees.js';
import { encodeCursor, filtersToSql, type Cursor, type Sort, type SubmissionFilters } from '../filters.js';
import type { ModerationSubmission } from '../submission-view.js';
import { ORGANIZATION_FIELD_ID } from '../../core/submission.js';
import { readDuplicateHints } from './duplicates.js';
import { writePublishedDocument } from './search-documents.js';

/**
 * The moderation reads and writes over the comment store's tables (same SQL on PGlite and Postgres).
 *
 * Listing is keyset-paginated, newest first, on (submitted_at, id) — the cursor is the last row's key,
 * so submissions inserted while someone pages appear before page one and never shift or repeat later
 * pages. Array parameters are passed as JSON text (`::jsonb`) because the two drivers encode arrays
 * differently.
 */

interface ListedSubmissionRow extends SubmissionRow {
  /** submitted_at as Postgres text, so the cursor keeps microseconds that a JS Date would drop. */
  submitted_at_key: string;
  organization_sort: string;
  published_length_chars: number | string;
}

const COLUMNS = `s.id, s.receipt, s.flow_id, s.flow_version, s.organization, s.respondent_type, s.language, s.channel,
  s.submitted_at, s.submitted_at::text AS submitted_at_key, s.pii_hints, s.organization_sort, s.published_length_chars`;

/**
 * Each sort is a key (matching an index: migrations 0100 and 0121) walked in one direction; the
 * keyset condition is a row comparison in that direction, so every page is an index range scan.
 */
const ORDERS: Record<Sort, { key: string | null; descending: boolean }> = {
  newest: { key: null, descending: true },
  oldest: { key: null, descending: false },
  organization: { key: 's.organization_sort', descending: false },
  longest: { key: 's.published_length_chars', descending: true },
  shortest: { key: 's.published_length_chars', descending: false },
};

function orderSql(sort: Sort, reverse: boolean): { columns: string; descending: boolean } {
  const order = ORDERS[sort];
  const descending = order.descending !== reverse;
  return { columns: [order.key, 's.submitted_at', 's.id'].filter((c) => c !== null).join(', '), descending };
}

/** `(key, submitted_at, id) < / > (cursor)` in the walk's direction, appending the cursor's values to `params`. */
function afterSql(sort: Sort, reverse: boolean, cursor: Cursor, params: unknown[]): string {
  const { columns, descending } = orderSql(sort, reverse);
  const values: string[] = [];
  if (ORDERS[sort].key !== null) {
    params.push(cursor.key);
    values.push(sort === 'organization' ? `$${params.length}::text` : `$${params.length}::integer`);
  }
  params.push(cursor.submittedAt, cursor.id);
  values.push(`$${params.length - 1}::timestamptz`, `$${params.length}`);
  return `(${columns}) ${descending ? '<' : '>'} (${values.join(', ')})`;
}

function orderBySql(sort: Sort, reverse: boolean): string {
  const { columns, descending } = orderSql(sort, reverse);
  return columns
    .split(', ')
    .map((c) => `${c} ${descending ? 'DESC' : 'ASC'}`)
    .join(', ');
}

function cursorOf(row: ListedSubmissionRow, sort: Sort): Cursor {
  const base = { submittedAt: row.submitted_at_key, id: row.id };
  if (sort === 'organization') return { ...base, sort, key: row.organization_sort };
  if (sort === 'longest' || sort === 'shortest') return { ...base, sort, key: Number(row.published_length_chars) };
  return base;
}

export async function listSubmissions(
  db: SqlQueryable,
  filters: SubmissionFilters,
  options: ListOptions,
): Promise<Page> {
  const sort = options.sort ?? 'newest';
  const params: unknown[] = [];
  const filtered = filtersToSql(filters, params, options.excludeQuarantined, options.onlyCleared ?? false);
  const countParams = [...params];
  let where = filtered;
  if (options.cursor) where += ` AND ${afterSql(sort, false, options.cursor, params)}`;
  params.push(options.limit + 1);
  const [found, total] = await Promise.all([
    db.query<ListedSubmissionRow>(
      `SELECT ${COLUMNS} FROM submissions s WHERE ${where} ORDER BY ${orderBySql(sort, false)} LIMIT $${params.length}`,
      params,
    ),
    options.withTotal
      ? db.query<{ n: number | string }>(`SELECT count(*) AS n FROM submissions s WHERE ${filtered}`, countParams)
      : Promise.resolve(null),
  ]);
  const rows = found.rows;
  const hasMore = rows.length > options.limit;
  const pageRows = hasMore ? rows.slice(0, options.limit) : rows;
  const items = await hydrate(db, pageRows);
  const last = pageRows[pageRows.length - 1];
  const page: Page = { items, nextCursor: hasMore && last ? encodeCursor(cursorOf(last, sort)) : null };
  if (total) page.total = Number(total.rows[0]?.n ?? 0);
  return page;
}

/** One indexed step each way from the submission's own keys (see Neighbours). */
export async function neighbours(db: SqlQueryable, id: string, filters: SubmissionFilters, sort: Sort): Promise<Neighbours> {
  const self = (await db.query<ListedSubmissionRow>(`SELECT ${COLUMNS} FROM submissions s WHERE s.id = $1`, [id])).rows[0];
  if (!self) return { previous: null, next: null };
  const step = async (reverse: boolean) => {
    const params: unknown[] = [];
    const where = `${filtersToSql(filters, params, false)} AND ${afterSql(sort, reverse, cursorOf(self, sort), params)}`;
    const row = (
      await db.query<{ id: string; receipt: string }>(`SELECT s.id, s.receipt FROM submissions s WHERE ${where} ORDER BY ${orderBySql(sort, reverse)} LIMIT 1`, params)
    ).rows[0];
    return row ? { id: row.id, receipt: row.receipt } : null;
  };
  const [previous, next] = await Promise.all([step(true), step(false)]);
  return { previous, next };
}

/** See ExportCounts: one pass over the matching submissions, quarantine and clearance read per row. */
export async function countForExport(db: SqlQueryable, filters: SubmissionFilters, options: { onlyCleared: boolean }): Promise<ExportCounts> {
  const params: unknown[] = [];
  const where = filtersToSql({ ...filters, includeQuarantined: true }, params, false);
  const leaveOutQuarantined = !filters.includeQuarantined;
  const row = (
    await db.query<{ matching: number | string; quarantined: number | string; unreviewed: number | string }>(
      `SELECT count(*) AS matching,
              count(*) FILTER (WHERE ${leaveOutQuarantined ? 'q.quarantined' : 'FALSE'}) AS quarantined,
              count(*) FILTER (WHERE ${options.onlyCleared ? `NOT q.cleared${leaveOutQuarantined ? ' AND NOT q.quarantined' : ''}` : 'FALSE'}) AS unreviewed
         FROM (SELECT EXISTS (SELECT 1 FROM submission_flags f WHERE f.submission_id = s.id AND f.flag = 'quarantined') AS quarantined,
                      EXISTS (SELECT 1 FROM submission_flags f WHERE f.submission_id = s.id AND f.flag = 'cleared') AS cleared
                 FROM submissions s WHERE ${where}) q`,
      params,
    )
  ).rows[0];
  return { matching: Number(row?.matching ?? 0), quarantined: Number(row?.quarantined ?? 0), unreviewed: Number(row?.unreviewed ?? 0) };
}

export async function getSubmission(db: SqlQueryable, id: string, withContact: boolean): Promise<ModerationSubmission | null> {
  const rows = (await db.query<ListedSubmissionRow>(`SELECT ${COLUMNS} FROM submissions s WHERE s.id = $1`, [id])).rows;
  const [item] = await hydrate(db, rows);
  if (!item) return null;
  if (withContact) {
    const contact = await db.query<{ contact_email: string | null }>('SELECT contact_email FROM submission_private WHERE submission_id = $1', [id]);
    item.contactEmail = contact.rows[0]?.contact_email ?? null;
  }
  return item;
}

/** Answers, redactions, flags, committees and duplicate hints of a page of submissions, in five queries whatever the page size. */
async function hydrate(db: SqlQueryable, rows: ListedSubmissionRow[]): Promise<ModerationSubmission[]> {
  if (rows.length === 0) return [];
  const ids = JSON.stringify(rows.map((r) => r.id));
  const inIds = 'IN (SELECT jsonb_array_elements_text($1::jsonb))';
  const [answers, flags, committees, organizations, duplicates] = await Promise.all([
    db.query<{ submission_id: string; question_id: string; question_index: number; question_text: string; answer: string | null; redacted: string | null }>(
      `SELECT a.submission_id, a.question_id, a.question_index, a.question_text, a.answer, r.redacted_answer AS redacted
         FROM submission_answers a
         LEFT JOIN answer_redactions r ON r.submission_id = a.submission_id AND r.question_id = a.question_id
        WHERE a.submission_id ${inIds} ORDER BY a.question_index, a.question_id`,
      [ids],
    ),
    db.query<{ submission_id: string; flag: Flag }>(`SELECT submission_id, flag FROM submission_flags WHERE submission_id ${inIds} ORDER BY flag`, [ids]),
    db.query<{ submission_id: string; committee_id: string }>(
      `SELECT sc.submission_id, sc.committee_id FROM submission_committees sc JOIN committees c ON c.id = sc.committee_id
        WHERE sc.submission_id ${inIds} ORDER BY c.position`,
      [ids],
    ),
    db.query<{ submission_id: string; redacted_answer: string }>(
      `SELECT submission_id, redacted_answer FROM answer_redactions WHERE question_id = '${ORGANIZATION_FIELD_ID}' AND submission_id ${inIds}`,
      [ids],
    ),
    readDuplicateHints(db, ids),
  ]);
  const organizationRedactions = new Map(organizations.rows.map((r) => [r.submission_id, r.redacted_answer]));
  const byId = new Map<string, ModerationSubmission>();
  const items = rows.map((row) => {
    const item: ModerationSubmission = {
      id: row.id,
      receipt: row.receipt,
      submittedAt: toIso(row.submitted_at),
      channel: row.channel as Channel,
      language: row.language as Language,
      organization: row.organization,
      organizationRedacted: organizationRedactions.get(row.id) ?? null,
      respondentType: row.respondent_type,
      flowId: row.flow_id,
      flowVersion: Number(row.flow_version),
      answers: [],
      flags: [],
      committees: [],
      piiHints: toPiiHints(row.pii_hints),
      possibleDuplicateOf: duplicates.get(row.id) ?? null,
    };
    byId.set(row.id, item);
    return item;
  });
  for (const a of answers.rows) {
    byId.get(a.submission_id)?.answers.push({
      questionId: a.question_id,
      index: Number(a.question_index),
      question: a.question_text,
      answer: a.answer,
      redacted: a.redacted,
    });
  }
  for (const f of flags.rows) byId.get(f.submission_id)?.flags.push(f.flag);
  for (const c of committees.rows) byId.get(c.submission_id)?.committees.push(c.committee_id);
  return items;
}

/** Sets or clears one flag; returns false when the submission does not exist. */
export async function setFlag(db: SqlQueryable, id: string, flag: Flag, on: boolean, by: string): Promise<boolean> {
  if (!(await exists(db, id))) return false;
  if (on) {
    await db.query('INSERT INTO submission_flags (submission_id, flag, set_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [id, flag, by]);
  } else {
    await db.query('DELETE FROM submission_flags WHERE submission_id = $1 AND flag = $2', [id, flag]);
  }
  return true;
}

export async function setCommittee(db: SqlQueryable, id: string, committeeId: string, on: boolean, by: string): Promise<boolean> {
  if (!(await exists(db, id))) return false;
  if (on) {
    await db.query('INSERT INTO submission_committees (submission_id, committee_id, set_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      id,
      committeeId,
      by,
    ]);
  } else {
    await db.query('DELETE FROM submission_committees WHERE submission_id = $1 AND committee_id = $2', [id, committeeId]);
  }
  return true;
}

/**
 * Saves (or with `text` null removes) the redacted version of one answer, or of the organization
 * (`questionId` "organization"). The original is never changed; the published search document is
 * rewritten so search matches the redacted text. Run it in a transaction (the repository does).
 */
export async function setRedaction(
  db: SqlQueryable,
  id: string,
  questionId: string,
  text: string | null,
  by: string,
): Promise<'ok' | 'no-submission' | 'no-answer'> {
  const found = await db.query<{ organization: string | null }>('SELECT organization FROM submissions WHERE id = $1 FOR UPDATE', [id]);
  const submission = found.rows[0];
  if (!submission) return 'no-submission';
  if (questionId === ORGANIZATION_FIELD_ID) {
    if (submission.organization === null) return 'no-answer';
  } else {
    const answer = await db.query('SELECT 1 FROM submission_answers WHERE submission_id = $1 AND question_id = $2', [id, questionId]);
    if (answer.rows.length === 0) return 'no-answer';
  }
  if (text === null) {
    await db.query('DELETE FROM answer_redactions WHERE submission_id = $1 AND question_id = $2', [id, questionId]);
  } else {
    await db.query(
      `INSERT INTO answer_redactions (submission_id, question_id, redacted_answer, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (submission_id, question_id) DO UPDATE SET redacted_answer = EXCLUDED.redacted_answer,
         created_by = EXCLUDED.created_by, created_at = now()`,
      [id, questionId, text, by],
    );
  }
  await writePublishedDocument(db, id);
  return 'ok';
}

async function exists(db: SqlQueryable, id: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM submissions WHERE id = $1', [id])).rows.length > 0;
}


