import { CHANNELS, type Channel } from '../core/types.js';
import { COMMITTEE_IDS, isFlag, type Flag } from './committees.js';
import { searchQuerySql } from './sql/search-documents.js';

/**
 * Query-string filters shared by the list API, the dashboard and the exports (pure: no I/O).
 * Bad values are reported all at once with how to fix them, never silently ignored.
 *
 * - `from` / `to`: ISO dates or date-times; a date-only `to` includes that whole day (UTC).
 * - `cursor`: opaque; the `nextCursor` of the previous page.
 */
export interface SubmissionFilters {
  q?: string;
  question?: number;
  respondentType?: string;
  channel?: Channel;
  flag?: Flag;
  committee?: string;
  /** Inclusive lower bound, ISO. */
  fromIso?: string;
  /** Exclusive upper bound, ISO. */
  toIso?: string;
  includeQuarantined?: boolean;
  /**
   * `q` matches what the partner sent instead of the published (redacted) text. Admins only: the API and
   * the dashboard refuse it to other roles with 403, and the audit entry's filters record it.
   */
  searchOriginal?: boolean;
  /**
   * Review state (issue 20 item 4, the overview tiles link here): `flagged` = pii-suspected or quarantined;
   * `awaiting` = pii-suspected and neither cleared nor quarantined (the "awaiting review" tile).
   */
  review?: ReviewFilter;
}

export const REVIEW_FILTERS = ['flagged', 'awaiting'] as const;
export type ReviewFilter = (typeof REVIEW_FILTERS)[number];

/**
 * List order (`sort=`, issue 20 item 4). `newest` (default) / `oldest`: by submitted time;
 * `organization`: A→Z by the PUBLISHED organization (a redacted name sorts by its redaction, so the
 * order never hints at the original), accents folded, anonymous last; `longest` / `shortest`: by the
 * length of the published answers in characters. Ties: submitted time, then id.
 */
export const SORTS = ['newest', 'oldest', 'organization', 'longest', 'shortest'] as const;
export type Sort = (typeof SORTS)[number];

export interface Cursor {
  /** submitted_at as Postgres prints it (full precision), id as tie-breaker. */
  submittedAt: string;
  id: string;
  /** For sorts other than newest/oldest: the sort it belongs to and the last row's sort key. */
  sort?: Sort;
  key?: string | number;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] };

export interface ParseOptions {
  questionCount: number;
  respondentTypes: readonly string[];
}

export function parseFilters(params: URLSearchParams, options: ParseOptions): Parsed<SubmissionFilters> {
  const problems: string[] = [];
  const filters: SubmissionFilters = {};
  const get = (name: string): string | undefined => {
    const value = params.get(name)?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const q = get('q');
  if (q !== undefined) {
    if (q.length > 200) problems.push('q: use at most 200 characters');
    else filters.q = q;
  }
  const question = get('question');
  if (question !== undefined) {
    const n = Number(question);
    if (!Number.isInteger(n) || n < 1 || n > options.questionCount) problems.push(`question: use a question number from 1 to ${options.questionCount}`);
    else filters.question = n;
  }
  const respondentType = get('respondentType');
  if (respondentType !== undefined) {
    if (!options.respondentTypes.includes(respondentType)) problems.push(`respondentType: use one of ${options.respondentTypes.join(', ')}`);
    else filters.respondentType = respondentType;
  }
  const channel = get('channel');
  if (channel !== undefined) {
    if (!(CHANNELS as readonly string[]).includes(channel)) problems.push(`channel: use one of ${CHANNELS.join(', ')}`);
    else filters.channel = channel as Channel;
  }
  const flag = get('flag');
  if (flag !== undefined) {
    if (!isFlag(flag)) problems.push('flag: use one of pii-suspected, quarantined, cleared');
    else filters.flag = flag;
  }
  const committee = get('committee');
  if (committee !== undefined) {
    if (!COMMITTEE_IDS.includes(committee)) problems.push(`committee: use one of ${COMMITTEE_IDS.join(', ')}`);
    else filters.committee = committee;
  }
  const from = get('from');
  if (from !== undefined) {
    const at = parseInstant(from);
    if (at === null) problems.push('from: use an ISO date such as 2022-03-01 or 2022-03-01T12:00:00Z');
    else filters.fromIso = at.toISOString();
  }
  const to = get('to');
  if (to !== undefined) {
    const at = parseInstant(to);
    if (at === null) problems.push('to: use an ISO date such as 2022-03-15 (includes that day) or 2022-03-15T23:59:59Z');
    else filters.toIso = new Date(at.getTime() + (DATE_ONLY.test(to) ? DAY_MS : 1)).toISOString();
  }
  const include = get('includeQuarantined');
  if (include !== undefined) {
    if (include !== '1' && include !== '0' && include !== 'true' && include !== 'false') problems.push('includeQuarantined: use 1 or 0');
    else filters.includeQuarantined = include === '1' || include === 'true';
  }
  const review = get('review');
  if (review !== undefined) {
    if (!(REVIEW_FILTERS as readonly string[]).includes(review)) problems.push(`review: use one of ${REVIEW_FILTERS.join(', ')}`);
    else filters.review = review as ReviewFilter;
  }
  const searchOriginal = get('searchOriginal');
  if (searchOriginal !== undefined) {
    const on = parseSwitch(searchOriginal);
    if (on === null) problems.push('searchOriginal: use 1 or 0');
    else if (on) filters.searchOriginal = true;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: filters };
}

/** "1"/"true" → true, "0"/"false" → false, anything else → null (a problem to report). */
export function parseSwitch(value: string): boolean | null {
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  return null;
}

export function parseLimit(params: URLSearchParams): Parsed<number> {
  const raw = params.get('limit')?.trim();
  if (raw === undefined || raw === '') return { ok: true, value: DEFAULT_LIMIT };
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) return { ok: false, problems: [`limit: use a whole number from 1 to ${MAX_LIMIT}`] };
  return { ok: true, value: n };
}

export function parseSort(params: URLSearchParams): Parsed<Sort> {
  const raw = params.get('sort')?.trim();
  if (raw === undefined || raw === '') return { ok: true, value: 'newest' };
  if (!(SORTS as readonly string[]).includes(raw)) return { ok: false, problems: [`sort: use one of ${SORTS.join(', ')}`] };
  return { ok: true, value: raw as Sort };
}

/** Newest-first cursors keep their original two-element form, so links saved before sorting existed still work. */
export function encodeCursor(cursor: Cursor): string {
  const value = cursor.sort !== undefined && cursor.key !== undefined ? [cursor.submittedAt, cursor.id, cursor.sort, cursor.key] : [cursor.submittedAt, cursor.id];
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function parseCursor(params: URLSearchParams): Parsed<Cursor | null> {
  const raw = params.get('cursor')?.trim();
  if (raw === undefined || raw === '') return { ok: true, value: null };
  try {
    const decoded: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && (decoded.length === 2 || decoded.length === 4) && typeof decoded[0] === 'string' && typeof decoded[1] === 'string') {
      if (!Number.isNaN(Date.parse(decoded[0].replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')))) {
        if (decoded.length === 2) return { ok: true, value: { submittedAt: decoded[0], id: decoded[1] } };
        const [, , sort, key] = decoded as unknown[];
        const keyed = sort === 'organization' ? typeof key === 'string' : (sort === 'longest' || sort === 'shortest') && Number.isInteger(key);
        if (keyed) return { ok: true, value: { submittedAt: decoded[0], id: decoded[1], sort: sort as Sort, key: key as string | number } };
      }
    }
  } catch {
    // fall through to the problem below
  }
  return { ok: false, problems: ['cursor: use the nextCursor value of the previous page, unchanged'] };
}

/** A keyed cursor only continues the sort it came from (a newest/oldest cursor carries no key). */
export function cursorForSort(cursor: Parsed<Cursor | null>, sort: Sort): Parsed<Cursor | null> {
  if (!cursor.ok || cursor.value === null) return cursor;
  const keyed = sort === 'organization' || sort === 'longest' || sort === 'shortest';
  if (keyed ? cursor.value.sort === sort : cursor.value.sort === undefined) return cursor;
  return { ok: false, problems: ['cursor: this cursor belongs to another sort; start again from the first page'] };
}

function parseInstant(value: string): Date | null {
  if (!DATE_ONLY.test(value) && !/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(value)) return null;
  const at = new Date(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(at.getTime()) ? null : at;
}

/**
 * The WHERE clause for `filters`, appending parameters to `params`. `s` is the submissions alias.
 * Only this function turns filters into SQL, so the list, stats and exports cannot disagree.
 * `excludeQuarantined` (exports) leaves quarantined submissions out unless `includeQuarantined`;
 * `onlyCleared` (the docket file in after-review mode) keeps only those a moderator marked cleared.
 */
export function filtersToSql(filters: SubmissionFilters, params: unknown[], excludeQuarantined: boolean, onlyCleared = false): string {
  const where: string[] = [];
  const add = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filters.q !== undefined) {
    const q = add(filters.q);
    // search_document = the published organization + answers (redactions applied); the original one is
    // what the partner sent (see sql/search-documents.ts, migrations 0110_public_record and
    // 0120_bilingual_search). The query is read as English and as Spanish, accents folded.
    const column = filters.searchOriginal ? 'original_search_document' : 'search_document';
    where.push(`s.${column} @@ ${searchQuerySql(q)}`);
  }
  if (filters.question !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM submission_answers qa WHERE qa.submission_id = s.id AND qa.question_index = ${add(filters.question)}
                AND qa.answer IS NOT NULL AND qa.answer <> '')`);
  }
  if (filters.respondentType !== undefined) where.push(`s.respondent_type = ${add(filters.respondentType)}`);
  if (filters.channel !== undefined) where.push(`s.channel = ${add(filters.channel)}`);
  if (filters.flag !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM submission_flags ff WHERE ff.submission_id = s.id AND ff.flag = ${add(filters.flag)})`);
  }
  if (filters.committee !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM submission_committees fc WHERE fc.submission_id = s.id AND fc.committee_id = ${add(filters.committee)})`);
  }
  if (filters.fromIso !== undefined) where.push(`s.submitted_at >= ${add(filters.fromIso)}::timestamptz`);
  if (filters.toIso !== undefined) where.push(`s.submitted_at < ${add(filters.toIso)}::timestamptz`);
  if (excludeQuarantined && !filters.includeQuarantined) {
    where.push(`NOT EXISTS (SELECT 1 FROM submission_flags fq WHERE fq.submission_id = s.id AND fq.flag = 'quarantined')`);
  }
  if (filters.review === 'flagged') {
    where.push(`EXISTS (SELECT 1 FROM submission_flags fr WHERE fr.submission_id = s.id AND fr.flag IN ('pii-suspected', 'quarantined'))`);
  }
  if (filters.review === 'awaiting') {
    where.push(`EXISTS (SELECT 1 FROM submission_flags fr WHERE fr.submission_id = s.id AND fr.flag = 'pii-suspected')
                AND NOT EXISTS (SELECT 1 FROM submission_flags fr2 WHERE fr2.submission_id = s.id AND fr2.flag IN ('cleared', 'quarantined'))`);
  }
  if (onlyCleared) where.push(`EXISTS (SELECT 1 FROM submission_flags fc2 WHERE fc2.submission_id = s.id AND fc2.flag = 'cleared')`);
  return where.length > 0 ? where.join(' AND ') : 'TRUE';
}
