import type { SqlQueryable } from '../../store/sql-client.js';
import type { AuditAction, AuditActor, AuditEntry } from '../repository.js';

export async function audit(
  db: SqlQueryable,
  actor: AuditActor,
  action: AuditAction,
  submissionId: string | null,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor_id, actor_name, actor_role, action, submission_id, detail) VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [actor.tokenId, actor.name, actor.role, action, submissionId, JSON.stringify(detail)],
  );
}

export async function listAudit(
  db: SqlQueryable,
  options: { limit: number; beforeId?: number; submissionId?: string; action?: string },
): Promise<AuditEntry[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (options.beforeId !== undefined) {
    params.push(options.beforeId);
    where.push(`id < $${params.length}`);
  }
  if (options.submissionId !== undefined) {
    params.push(options.submissionId);
    where.push(`submission_id = $${params.length}`);
  }
  if (options.action !== undefined) {
    params.push(options.action);
    where.push(`action = $${params.length}`);
  }
  params.push(options.limit);
  const rows = await db.query<{
    id: unknown;
    at: unknown;
    actor_id: string;
    actor_name: string;
    actor_role: string;
    action: string;
    submission_id: string | null;
    detail: unknown;
  }>(
    `SELECT id, at, actor_id, actor_name, actor_role, action, submission_id, detail FROM audit_log
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  return rows.rows.map((r) => ({
    id: Number(r.id),
    at: (r.at instanceof Date ? r.at : new Date(String(r.at))).toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    action: r.action,
    submissionId: r.submission_id,
    detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as Record<string, unknown>,
  }));
}
