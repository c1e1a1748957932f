import { createHash, randomBytes } from 'node:crypto';
import type { Role } from './roles.js';

/**
 * Staff tokens. A token is 256 random bits (base64url, prefixed `rfm_` so it is recognisable in a
 * secret scanner); only its SHA-256 is stored. SHA-256 without salt is enough here because the
 * tokens are high-entropy: nobody can guess one from its hash.
 */
export const BOOTSTRAP_TOKEN_ID = 'bootstrap';
export const ENV_TOKEN_ID = 'env-moderator-token';

export function newToken(): string {
  return `rfm_${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export interface TokenRecord {
  id: string;
  role: Role;
  name: string;
  createdAt: string;
  revokedAt: string | null;
  /** When it stops working (ISO), or null for never. */
  expiresAt: string | null;
}

/** How long a token may live when it expires: 1 day to 10 years. */
export const MAX_EXPIRES_IN_DAYS = 3650;

export function isExpiresInDays(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_EXPIRES_IN_DAYS;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
