import type { ServerResponse } from 'node:http';
import { COMMITTEE_IDS } from './committees.js';
import { CSV_BOM, csvRow } from './csv.js';
import type { Cursor, SubmissionFilters } from './filters.js';
import { toRegulationsItem } from './regulations.js';
import { readableHeader, readableLine, type ReadableCsv } from './readable-csv.js';
import type { ExportCounts, ModerationRepository } from './repository.js';
import { publishedAnswer, publishedOrganization, type ModerationSubmission } from './submission-view.js';

/**
 * Streamed exports with constant memory: submissions are read in keyset batches of `BATCH_SIZE` (the same
 * query as the list API, oldest pages never held), each row is written as soon as it is formatted, and
 * when the socket's buffer is full the loop waits for 'drain' (backpressure). A client that disconnects
 * stops the loop. Quarantined submissions are left out unless the filters say `includeQuarantined`;
 * with `onlyCleared` (regulations.json in after-review mode, unless `includeUnreviewed=1`) so is every
 * submission no moderator has marked cleared. Every response says what it left out, before the body:
 * `X-Export-Omitted: quarantined=N; unreviewed=M` (counted just before streaming), and the zone of its
 * times: `X-Export-Time-Zone: UTC` (every default format writes ISO UTC instants) or the questionnaire's
 * zone for `columns=readable` (issue 20 items 5 and 8).
 * Published text = the redacted version when there is one. Contact emails are never read.
 */
export const BATCH_SIZE = 1000;
export type ExportFormat = 'csv' | 'jsonl' | 'regulations';

export interface ExportOptions {
  format: ExportFormat;
  filters: SubmissionFilters;
  questionCount: number;
  /** regulations.gov documentId the comments are on (regulations format only). */
  documentId?: string;
  /** Only submissions marked `cleared`. */
  onlyCleared: boolean;
  /** CSV only: the readable columns (readable-csv.ts) instead of the default ones. */
  readable?: ReadableCsv;
}

export function omittedHeader(counts: Pick<ExportCounts, 'quarantined' | 'unreviewed'>): string {
  return `quarantined=${counts.quarantined}; unreviewed=${counts.unreviewed}`;
}

export async function* exportBatches(repo: ModerationRepository, filters: SubmissionFilters, onlyCleared = false): AsyncGenerator<ModerationSubmission[]> {
  const fetchPage = (cursor: Cursor | null) => {
    const page = repo.listSubmissions(filters, { limit: BATCH_SIZE, cursor, excludeQuarantined: true, onlyCleared });
    // If the client leaves while a prefetch is in flight, nobody awaits it: never an unhandled rejection.
    page.catch(() => undefined);
    return page;
  };
  let pending = fetchPage(null);
  for (;;) {
    const page = await pending;
    const last = page.items[page.items.length - 1];
    // Read the next batch while this one is formatted and written: at most two batches in memory.
    const hasNext = page.nextCursor !== null && last !== undefined;
    if (hasNext) pending = fetchPage(decodeLast(page.nextCursor as string, last.id));
    if (page.items.length > 0) yield page.items;
    if (!hasNext) return;
  }
}

function decodeLast(nextCursor: string, id: string): Cursor {
  const [submittedAt] = JSON.parse(Buffer.from(nextCursor, 'base64url').toString('utf8')) as [string, string];
  return { submittedAt, id };
}

export function csvHeader(questionCount: number): string {
  const questions = Array.from({ length: questionCount }, (_, i) => `question_${i + 1}`);
  return csvRow(['id', 'receipt', 'submitted_at', 'channel', 'language', 'organization', 'respondent_type', 'flow_id', 'flow_version', 'flags', 'committees', ...questions]);
}

export function csvLine(s: ModerationSubmission, questionCount: number): string {
  const answers = Array.from({ length: questionCount }, (_, i) => {
    const found = s.answers.find((a) => a.index === i + 1);
    return found ? publishedAnswer(found) : null;
  });
  return csvRow([
    s.id,
    s.receipt,
    s.submittedAt,
    s.channel,
    s.language,
    publishedOrganization(s),
    s.respondentType,
    s.flowId,
    s.flowVersion,
    s.flags.join(' '),
    s.committees.filter((c) => COMMITTEE_IDS.includes(c)).join(' '),
    ...answers,
  ]);
}

/** The public JSONL record: the Submission shape with published answers only (no originals of redacted ones). */
export function jsonlLine(s: ModerationSubmission): string {
  const record = {
    id: s.id,
    receipt: s.receipt,
    submittedAt: s.submittedAt,
    channel: s.channel,
    language: s.language,
    organization: publishedOrganization(s),
    organizationRedacted: s.organizationRedacted !== null,
    respondentType: s.respondentType,
    flowId: s.flowId,
    flowVersion: s.flowVersion,
    answers: s.answers.map((a) => ({ questionId: a.questionId, index: a.index, question: a.question, answer: publishedAnswer(a), redacted: a.redacted !== null })),
    flags: s.flags,
    committees: s.committees,
  };
  return `${JSON.stringify(record)}\n`;
}

const CONTENT: Record<ExportFormat, { type: string; file: string }> = {
  csv: { type: 'text/csv; charset=utf-8', file: 'submissions.csv' },
  jsonl: { type: 'application/x-ndjson; charset=utf-8', file: 'submissions.jsonl' },
  regulations: { type: 'application/json; charset=utf-8', file: 'regulations.json' },
};

/** Streams the export to `res`; resolves with the number of submissions written and what was left out. */
export async function streamExport(
  repo: ModerationRepository,
  res: ServerResponse,
  options: ExportOptions,
): Promise<{ rows: number; aborted: boolean; counts: ExportCounts }> {
  const content = CONTENT[options.format];
  const counts = await repo.countForExport(options.filters, { onlyCleared: options.onlyCleared });
  res.writeHead(200, {
    'content-type': content.type,
    'content-disposition': `attachment; filename="${content.file}"`,
    'cache-control': 'no-store',
    'x-export-omitted': omittedHeader(counts),
    'x-export-time-zone': options.readable ? options.readable.flow.timeZone : 'UTC',
  });
  let aborted = false;
  res.on('close', () => {
    if (!res.writableFinished) aborted = true;
  });
  const write = async (chunk: string): Promise<void> => {
    if (!res.write(chunk) && !aborted) await drainOrClose(res);
  };

  let rows = 0;
  const readable = options.format === 'csv' ? options.readable : undefined;
  if (options.format === 'csv') await write(CSV_BOM + (readable ? readableHeader(readable) : csvHeader(options.questionCount)));
  if (options.format === 'regulations') await write('[\n');
  for await (const batch of exportBatches(repo, options.filters, options.onlyCleared)) {
    let chunk = '';
    for (const s of batch) {
      if (readable) chunk += readableLine(s, readable);
      else if (options.format === 'csv') chunk += csvLine(s, options.questionCount);
      else if (options.format === 'jsonl') chunk += jsonlLine(s);
      else chunk += `${rows === 0 ? '' : ',\n'}${JSON.stringify(toRegulationsItem(s, options.documentId ?? ''))}`;
      rows += 1;
    }
    await write(chunk);
    if (aborted) break;
  }
  if (!aborted) {
    if (options.format === 'regulations') await write('\n]\n');
    res.end();
  }
  return { rows, aborted, counts };
}

/** Resolves when the socket can take more ('drain') or is gone ('close'), removing both listeners. */
function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
