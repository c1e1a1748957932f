import type { SqlQueryable } from '../../store/sql-client.js';
import { toIso } from '../../store/submission-rows.js';
import type { ReachFacts } from '../reach.js';
import type { ImportReport, PartnerProgress, Platform, VisitorCounts } from '../types.js';

/** What the preview and the send need to know about each partner in an audience (see ../reach.ts). */
export interface ReachRow extends ReachFacts {
  id: string;
  /** An invitation was sent (or is on its way, or may have arrived) to them: a skipped or failed one does not count. */
  invited: boolean;
}

export async function reachRows(db: SqlQueryable, progress: readonly PartnerProgress[]): Promise<ReachRow[]> {
  const rows = await db.query<{
    id: string;
    platform: Platform;
    reminders_opted_out: boolean;
    unreachable_code: string | null;
    connected: boolean;
    has_email: boolean;
    email_confirmed: boolean;
    last_sent_at: unknown;
    invited: boolean;
  }>(
    `SELECT p.id, p.platform, p.reminders_opted_out, p.unreachable_code, p.conversation_key IS NOT NULL AS connected,
       p.email IS NOT NULL AS has_email, p.email_confirmed_at IS NOT NULL AS email_confirmed,
       (SELECT max(d.sending_at) FROM reminder_deliveries d WHERE d.partner_id = p.id AND d.status IN ('sending', 'sent', 'unknown')) AS last_sent_at,
       EXISTS (SELECT 1 FROM reminder_deliveries d WHERE d.partner_id = p.id AND d.stage_key = 'invite' AND d.status NOT IN ('skipped', 'failed')) AS invited
     FROM partners p WHERE p.progress = ANY($1::text[]) ORDER BY p.created_at, p.id`,
    [progress],
  );
  return rows.rows.map((row) => ({
    id: row.id,
    platform: row.platform,
    remindersOptedOut: row.reminders_opted_out,
    unreachableCode: row.unreachable_code,
    connected: row.connected,
    hasEmail: row.has_email,
    emailConfirmed: row.email_confirmed,
    lastSentAtMs: row.last_sent_at == null ? null : Date.parse(toIso(row.last_sent_at)),
    invited: row.invited,
  }));
}

export const ANONYMOUS_VISITOR = `(platform = 'webchat' AND source = 'self')`;

export async function visitorCounts(db: SqlQueryable): Promise<VisitorCounts> {
  const rows = await db.query<{ total: unknown; started: unknown; submitted: unknown; with_email: unknown }>(
    `SELECT count(*) AS total, count(*) FILTER (WHERE progress = 'started') AS started,
       count(*) FILTER (WHERE progress = 'submitted') AS submitted, count(*) FILTER (WHERE email IS NOT NULL) AS with_email
     FROM partners WHERE ${ANONYMOUS_VISITOR}`,
  );
  const row = rows.rows[0];
  return { total: Number(row?.total ?? 0), started: Number(row?.started ?? 0), submitted: Number(row?.submitted ?? 0), withEmail: Number(row?.with_email ?? 0) };
}

export async function saveImportReport(db: SqlQueryable, id: string, by: string, report: ImportReport): Promise<void> {
  await db.query('INSERT INTO roster_import_reports (id, created_by, report) VALUES ($1, $2, $3::jsonb)', [id, by, JSON.stringify(report)]);
}

export async function importReport(db: SqlQueryable, id: string): Promise<ImportReport | null> {
  const rows = await db.query<{ report: unknown }>('SELECT report FROM roster_import_reports WHERE id = $1', [id]);
  const raw = rows.rows[0]?.report;
  if (raw === undefined) return null;
  return (typeof raw === 'string' ? JSON.parse(raw) : raw) as ImportReport;
}
