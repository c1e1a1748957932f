import { DAY_MS, isExpiresInDays, MAX_EXPIRES_IN_DAYS, type TokenRecord } from './tokens.js';
import type { ModerationRepository } from './repository.js';
import { isRole, ROLES, type Actor, type Role } from './roles.js';

/**
 * Token management shared by `POST/GET/DELETE /api/tokens`, the `/moderate/tokens` page and (the same
 * rules) `npm run admin -- token …`: admin only, every action in the audit log (ids, role, name, expiry;
 * never a token). Revocation takes an exact id here (the CLI also takes a unique prefix).
 */
export interface TokenRequest {
  role: Role;
  name: string;
  expiresInDays?: number;
}

export function parseTokenRequest(input: { role: unknown; name: unknown; expiresInDays: unknown }): { ok: true; value: TokenRequest } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name.length < 1 || name.length > 100) problems.push('name: say who the token is for (1 to 100 characters)');
  if (!isRole(input.role)) problems.push(`role: use one of ${ROLES.join(', ')}`);
  if (input.expiresInDays !== undefined && input.expiresInDays !== null && !isExpiresInDays(input.expiresInDays)) {
    problems.push(`expiresInDays: a whole number of days from 1 to ${MAX_EXPIRES_IN_DAYS}, or leave it out for a token that does not expire`);
  }
  if (problems.length > 0 || !isRole(input.role)) return { ok: false, problems };
  return { ok: true, value: { role: input.role, name, ...(isExpiresInDays(input.expiresInDays) ? { expiresInDays: input.expiresInDays } : {}) } };
}

export async function createStaffToken(repo: ModerationRepository, by: Actor, request: TokenRequest, nowMs: number): Promise<{ token: string; record: TokenRecord }> {
  const expiresAt = request.expiresInDays === undefined ? null : new Date(nowMs + request.expiresInDays * DAY_MS);
  const created = await repo.createToken(request.role, request.name, expiresAt);
  await repo.audit(by, 'token-created', null, { tokenId: created.record.id, role: created.record.role, name: created.record.name, expiresAt: created.record.expiresAt });
  return created;
}

/** Revokes the token with exactly this id; null when there is none. Its dashboard sessions end with it. */
export async function revokeStaffToken(repo: ModerationRepository, by: Actor, id: string): Promise<TokenRecord | null> {
  const exists = (await repo.listTokens()).some((record) => record.id === id);
  if (!exists) return null;
  const revoked = await repo.revokeToken(id);
  if (revoked) await repo.audit(by, 'token-revoked', null, { tokenId: revoked.id, role: revoked.role, name: revoked.name });
  return revoked;
}

/** What a token's status is now: active, revoked or expired. */
export function tokenStatus(record: TokenRecord, nowMs: number): 'active' | 'revoked' | 'expired' {
  if (record.revokedAt) return 'revoked';
  if (record.expiresAt && Date.parse(record.expiresAt) <= nowMs) return 'expired';
  return 'active';
}
