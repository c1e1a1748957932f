import { randomUUID } from 'node:crypto';
import type { SqlQueryable } from '../../store/sql-client.js';
import type { Actor, Role } from '../roles.js';
import { hashSecret, newToken, type TokenRecord } from '../tokens.js';
import { toIso } from '../../store/submission-rows.js';

/** Staff tokens in `staff_tokens` (hash only; see ../tokens.ts for why SHA-256 is enough). */
interface TokenRow {
  id: string;
  role: Role;
  name: string;
  created_at: unknown;
  revoked_at: unknown;
  expires_at: unknown;
}

const COLUMNS = 'id, role, name, created_at, revoked_at, expires_at';


export async function createToken(db: SqlQueryable, role: Role, name: string, expiresAt: Date | null = null): Promise<{ token: string; record: TokenRecord }> {
  const token = newToken();
  const id = randomUUID();
  const inserted = await db.query<TokenRow>(
    `INSERT INTO staff_tokens (id, token_hash, role, name, expires_at) VALUES ($1, $2, $3, $4, $5)
     RETURNING ${COLUMNS}`,
    [id, hashSecret(token), role, name, expiresAt ? expiresAt.toISOString() : null],
  );
  return { token, record: toRecord(inserted.rows[0] as TokenRow) };
}

/** Stores `token` (given by the operator or generated) under a fixed id, replacing what that id held. */
export async function upsertFixedToken(db: SqlQueryable, id: string, token: string, role: Role, name: string): Promise<void> {
  await db.query(
    `INSERT INTO staff_tokens (id, token_hash, role, name) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET token_hash = EXCLUDED.token_hash, role = EXCLUDED.role, name = EXCLUDED.name,
       revoked_at = NULL, created_at = now(), expires_at = NULL`,
    [id, hashSecret(token), role, name],
  );
  // Sessions opened with the previous token of this id end with it.
  await db.query('DELETE FROM staff_sessions WHERE token_id = $1 AND created_at < (SELECT created_at FROM staff_tokens WHERE id = $1)', [id]);
}

/** Revokes by id (or a unique id prefix of at least 8 characters). Returns the revoked record or null. */
export async function revokeToken(db: SqlQueryable, idOrPrefix: string): Promise<TokenRecord | null> {
  const matches = await db.query<TokenRow>(
    `SELECT ${COLUMNS} FROM staff_tokens WHERE id = $1 OR (length($1) >= 8 AND id LIKE $1 || '%')`,
    [idOrPrefix],
  );
  if (matches.rows.length !== 1) return null;
  const id = (matches.rows[0] as TokenRow).id;
  const revoked = await db.query<TokenRow>(
    `UPDATE staff_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${COLUMNS}`,
    [id],
  );
  await db.query('DELETE FROM staff_sessions WHERE token_id = $1', [id]);
  return toRecord(revoked.rows[0] as TokenRow);
}

export async function listTokens(db: SqlQueryable): Promise<TokenRecord[]> {
  const rows = await db.query<TokenRow>(`SELECT ${COLUMNS} FROM staff_tokens ORDER BY created_at, id`);
  return rows.rows.map(toRecord);
}

/** The actor behind a presented token, or null when it is unknown, revoked or expired (as of `nowMs`). */
export async function findActorByToken(db: SqlQueryable, token: string, nowMs: number): Promise<Actor | null> {
  const found = await db.query<{ id: string; role: Role; name: string }>(
    'SELECT id, role, name FROM staff_tokens WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)',
    [hashSecret(token), new Date(nowMs).toISOString()],
  );
  const row = found.rows[0];
  return row ? { tokenId: row.id, role: row.role, name: row.name } : null;
}

function toRecord(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    role: row.role,
    name: row.name,
    createdAt: toIso(row.created_at),
    revokedAt: row.revoked_at == null ? null : toIso(row.revoked_at),
    expiresAt: row.expires_at == null ? null : toIso(row.expires_at),
  };
}
