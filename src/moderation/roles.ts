/**
 * Who may do what on the moderation side. Roles are ordered: each one can do everything the one before can.
 * - staff: progress only (overview counts, `GET /api/stats`); never partner text.
 * - moderator: + read submissions, flag, route to committees, redact, export.
 * - admin: + contact emails (single-submission view only), the audit log.
 * - admin also manages tokens: `npm run admin -- token …`, `/api/tokens` and the `/moderate/tokens` page.
 */
export const ROLES = ['staff', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { staff: 1, moderator: 2, admin: 3 };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasRole(actual: Role, needed: Role): boolean {
  return RANK[actual] >= RANK[needed];
}

/** The person (token) behind a request, as written to the audit log. */
export interface Actor {
  tokenId: string;
  name: string;
  role: Role;
}
