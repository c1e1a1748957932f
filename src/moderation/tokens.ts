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
}
