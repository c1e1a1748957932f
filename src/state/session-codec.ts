import { AppError } from '../errors.js';
import { sessionSchema, type Session } from '../flow/session.js';

/**
 * Shared by every SessionStore so they agree on what is valid:
 * - what may be written (a schema-valid session whose version is exactly expectedVersion + 1, a positive TTL),
 * - how a stored entry is read back (JSON, checked against `sessionSchema`).
 *
 * A stored entry that is not valid JSON or does not match the current schema is NOT treated as "no
 * session": that would silently restart a partner's half-finished draft. It throws `SESSION_CORRUPT`
 * (with the parse error as `cause`); the caller decides whether to `delete` it. Error messages never
 * contain session content (answers are partner data).
 */

/** Returns the TTL as a whole number of milliseconds (Redis PX needs an integer ≥ 1). */
export function checkTtlMs(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new AppError('INVALID_TTL', `TTL must be a positive number of milliseconds, got ${String(ttlMs)}`);
  }
  return Math.ceil(ttlMs);
}

/** Validates a save request and returns the JSON to store. Throws on caller bugs; never touches storage. */
export function encodeSessionForSave(session: Session, expectedVersion: number): string {
  if (!Number.isInteger(expectedVersion) || expectedVersion < 0) {
    throw new AppError('SESSION_VERSION_INVALID', `expectedVersion must be a whole number ≥ 0, got ${String(expectedVersion)}`);
  }
  if (session.version !== expectedVersion + 1) {
    throw new AppError(
      'SESSION_VERSION_INVALID',
      `session.version must be expectedVersion + 1 (expected ${expectedVersion + 1}, got ${String(session.version)})`,
    );
  }
  const checked = sessionSchema.safeParse(session);
  if (!checked.success) {
    throw new AppError('SESSION_INVALID', 'Refusing to store a session that does not match the session schema', {
      cause: checked.error,
    });
  }
  return JSON.stringify(session);
}

/** Parses a stored entry. A fresh object every call, so callers never share references with the store. */
export function decodeStoredSession(json: string): Session {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new AppError('SESSION_CORRUPT', 'Stored session is not valid JSON', { cause: error });
  }
  const checked = sessionSchema.safeParse(raw);
  if (!checked.success) {
    throw new AppError('SESSION_CORRUPT', 'Stored session does not match the current session schema', {
      cause: checked.error,
    });
  }
  return checked.data;
}
