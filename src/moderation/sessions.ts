import { timingSafeEqual } from 'node:crypto';
import type { Actor } from './roles.js';

/**
 * Dashboard sessions: a random 256-bit id in an httpOnly, SameSite=Strict cookie; only its hash is stored,
 * together with the session's CSRF token (sent back in every state-changing form). A session dies with
 * its token (revocation deletes it) and after `SESSION_TTL_MS`.
 */
export const SESSION_COOKIE = 'rfm_session';
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

export interface DashboardSession {
  actor: Actor;
  csrfToken: string;
}

export function csrfMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
