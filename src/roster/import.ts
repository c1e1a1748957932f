import { z } from 'zod';
import type { ImportReport, PartnerCandidate } from './types.js';

/**
 * Roster rows, from `POST /api/roster` items or CSV lines, checked one by one: a bad row is reported by
 * its index (API) or line (CSV) and the good rows still import. Slack rows may name an email instead of a
 * user id; `lookupSlackEmail` resolves it (users.lookupByEmail) or says why it could not.
 */
export type SlackEmailLookup = (teamId: string, email: string) => Promise<{ userId: string } | { problem: string }>;

const optionalText = z.string().trim().max(200).optional().transform((value) => (value === '' ? undefined : value));
const slackTeam = z.string().trim().regex(/^[TE][A-Z0-9]{2,20}$/, 'teamId must be a Slack team id such as T012AB3C4');
const slackUser = z.string().trim().regex(/^[UW][A-Z0-9]{2,20}$/, 'userId must be a Slack user id such as U012AB3C4');
const email = z.string().trim().max(254).email('email must be an email address such as name@example.org');

const itemSchema = z.discriminatedUnion(
  'platform',
  [
    z.object({ platform: z.literal('slack'), teamId: slackTeam, userId: slackUser.optional(), email: email.optional(), name: optionalText, organization: optionalText }),
    z.object({
      platform: z.literal('teams'),
      userId: z.string().trim().regex(/^(29:|8:orgid:)[\w.:-]{3,300}$|^[0-9a-f-]{36}$/i, 'userId must be a Teams user id such as 29:1a2b…'),
      teamId: z.string().trim().max(100).optional(),
      name: optionalText,
      organization: optionalText,
    }),
    z.object({ platform: z.literal('webchat'), email, name: optionalText, organization: optionalText }),
  ],
  { error: () => 'platform must be slack, teams or webchat' },
);

export interface RowProblem {
  index: number;
  message: string;
}

export const MAX_ROSTER_ROWS = 20_000;

export async function checkRows(
  rows: readonly unknown[],
  lookupSlackEmail: SlackEmailLookup | null,
): Promise<{ candidates: PartnerCandidate[]; errors: RowProblem[] }> {
  const candidates: PartnerCandidate[] = [];
  const errors: RowProblem[] = [];
  for (const [index, row] of rows.entries()) {
    const parsed = itemSchema.safeParse(row);
    if (!parsed.success) {
      errors.push({ index, message: parsed.error.issues.map((issue) => issue.message).join('; ') });
      continue;
    }
    const item = parsed.data;
    const extras = { ...(item.name ? { name: item.name } : {}), ...(item.organization ? { organization: item.organization } : {}) };
    if (item.platform === 'slack') {
      if (item.userId) {
        candidates.push({ platform: 'slack', teamId: item.teamId, userId: item.userId, ...extras });
      } else if (item.email) {
        if (!lookupSlackEmail) {
          errors.push({ index, message: 'Slack is not configured here, so this email cannot be looked up: give the userId instead' });
          continue;
        }
        const found = await lookupSlackEmail(item.teamId, item.email);
        if ('problem' in found) errors.push({ index, message: found.problem });
        else candidates.push({ platform: 'slack', teamId: item.teamId, userId: found.userId, ...extras });
      } else {
        errors.push({ index, message: 'a Slack row needs userId or email' });
      }
    } else if (item.platform === 'teams') {
      candidates.push({ platform: 'teams', userId: item.userId, ...(item.teamId ? { teamId: item.teamId } : {}), ...extras });
    } else {
      candidates.push({ platform: 'webchat', email: item.email, ...extras });
    }
  }
  return { candidates, errors };
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF or LF). Returns rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * CSV with a header row: `platform`, `team_id`, `user_id` or `email`, optional `name`, `organization`.
 * Returns API-shaped items and, for each, its line number (1 = the header), so problems name the line.
 */
export function csvToItems(text: string): { items: unknown[]; lines: number[]; headerProblem: string | null } {
  const rows = parseCsv(text);
  const header = (rows[0] ?? []).map((cell) => cell.trim().toLowerCase());
  if (!header.includes('platform')) {
    return { items: [], lines: [], headerProblem: 'The first line must be a header naming the columns: platform, team_id, user_id or email, name, organization.' };
  }
  const column = (row: string[], name: string) => {
    const at = header.indexOf(name);
    const value = at >= 0 ? row[at]?.trim() : undefined;
    return value === undefined || value === '' ? undefined : value;
  };
  const items: unknown[] = [];
  const lines: number[] = [];
  rows.slice(1).forEach((row, offset) => {
    if (row.every((cell) => cell.trim() === '')) return;
    items.push({
      platform: column(row, 'platform')?.toLowerCase(),
      ...(column(row, 'team_id') ? { teamId: column(row, 'team_id') } : {}),
      ...(column(row, 'user_id') ? { userId: column(row, 'user_id') } : {}),
      ...(column(row, 'email') ? { email: column(row, 'email') } : {}),
      ...(column(row, 'name') ? { name: column(row, 'name') } : {}),
      ...(column(row, 'organization') ? { organization: column(row, 'organization') } : {}),
    });
    lines.push(offset + 2);
  });
  return { items, lines, headerProblem: null };
}

/** Largest CSV accepted (the CLI, `POST /api/roster/import` and the page's upload): ~20,000 lines. */
export const MAX_CSV_BYTES = 4 * 1024 * 1024;

export type CsvImportResult =
  | { ok: true; report: ImportReport }
  | { ok: false; problem: string };

/**
 * A roster CSV, imported: the report the CLI prints and the API and the page return. Bad lines are
 * named by line number (1 = the header) and the good ones still import.
 */
export async function importCsv(
  text: string,
  deps: { importPartners(candidates: readonly PartnerCandidate[]): Promise<{ created: number; updated: number }>; lookupSlackEmail: SlackEmailLookup | null },
): Promise<CsvImportResult> {
  const { items, lines, headerProblem } = csvToItems(text);
  if (headerProblem) return { ok: false, problem: headerProblem };
  if (items.length > MAX_ROSTER_ROWS) return { ok: false, problem: `The file has ${items.length} partners; import at most ${MAX_ROSTER_ROWS} at a time (split the file).` };
  const { candidates, errors } = await checkRows(items, deps.lookupSlackEmail);
  const { created, updated } = await deps.importPartners(candidates);
  return {
    ok: true,
    report: { imported: candidates.length, created, updated, errors: errors.map((error) => ({ line: lines[error.index] ?? 0, message: error.message })) },
  };
}

/** The report as lines of text (the CLI prints them; the page shows the same lines). */
export function reportLines(report: ImportReport): string[] {
  return [
    ...report.errors.map((error) => `line ${error.line}: ${error.message}`),
    `Imported ${report.imported} partner(s): ${report.created} new, ${report.updated} already on the roster. ${report.errors.length} line(s) not imported.`,
  ];
}
