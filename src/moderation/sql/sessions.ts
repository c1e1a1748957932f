import { randomBytes } from 'node:crypto';
import type { SqlQueryable } from '../../store/sql-client.js';
import type { Actor, Role } from '../roles.js';
import { SESSION_TTL_MS, type DashboardSession } from '../sessions.js';
import { hashSecret } from '../tokens.js';

/** Dashboard sessions in `staff_sessions` (hash of the cookie value only; see ../sessions.ts). */
export async function openSession(db: SqlQueryable, actor: Actor, nowMs: number): Promise<{ sessionId: string; csrfToken: string }> {
  const sessionId = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.query('DELETE FROM staff_sessions WHERE expires_at < $1', [new Date(nowMs).toISOString()]);
  await db.query('INSERT INTO staff_sessions (id_hash, token_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)', [
    hashSecret(sessionId),
    actor.tokenId,
    csrfToken,
    new Date(nowMs + SESSION_TTL_MS).toISOString(),
  ]);
  return { sessionId, csrfToken };
}

export async function findSession(db: SqlQueryable, sessionId: string, nowMs: number): Promise<DashboardSession | null> {
  const found = await db.query<{ token_id: string; role: Role; name: string; csrf_token: string }>(
    `SELECT t.id AS token_id, t.role, t.name, s.csrf_token
       FROM staff_sessions s JOIN staff_tokens t ON t.id = s.token_id
      WHERE s.id_hash = $1 AND s.expires_at > $2 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)`,
    [hashSecret(sessionId), new Date(nowMs).toISOString()],
  );
  const row = found.rows[0];
  return row ? { actor: { tokenId: row.token_id, role: row.role, name: row.name }, csrfToken: row.csrf_token } : null;
}

export async function closeSession(db: SqlQueryable, sessionId: string): Promise<void> {
  await db.query('DELETE FROM staff_sessions WHERE id_hash = $1', [hashSecret(sessionId)]);
}
