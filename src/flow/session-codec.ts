import type { VersionedValue } from '../core/ports.js';
import { AppError } from '../errors.js';
import { OLDEST_SESSION_SCHEMA_VERSION, upgradeSession, type RawSession } from './session-migrations.js';
import { SESSION_SCHEMA_VERSION, sessionSchema, type Session } from './session.js';

/**
 * Sessions ⇄ the opaque values session stores keep.
 *
 * - `encodeSession` refuses (SESSION_INVALID) a session that does not match the current schema: a bug
 *   must never reach storage.
 * - `decodeSession` reads any schema version ever shipped and upgrades it (session-migrations.ts);
 *   `upgradedFrom` says from which version, so the caller saves the upgraded form.
 * - A value written by a NEWER version of the bot (a rolling deploy, or a rollback) is refused with
 *   SESSION_TOO_NEW and never rewritten: this code cannot know what the newer fields mean.
 * - A value that is not JSON, or does not match its schema after upgrading, is SESSION_CORRUPT, not "no
 *   session": a silent reset would throw away a partner's half-finished draft.
 * Error messages never contain session content (answers are partner data); the parse error is the cause.
 */
export interface DecodedSession {
  session: Session;
  /** The stored schema version when it was older than this code's, else null. */
  upgradedFrom: number | null;
}

export function encodeSession(session: Session): VersionedValue {
  const checked = sessionSchema.safeParse(session);
  if (!checked.success) {
    throw new AppError('SESSION_INVALID', 'Refusing to store a session that does not match the session schema', { cause: checked.error });
  }
  return { version: session.version, data: JSON.stringify(session) };
}

export function decodeSession(stored: VersionedValue): DecodedSession {
  let raw: unknown;
  try {
    raw = JSON.parse(stored.data);
  } catch (error) {
    throw new AppError('SESSION_CORRUPT', 'Stored session is not valid JSON', { cause: error });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AppError('SESSION_CORRUPT', 'Stored session is not a JSON object');
  }
  const schemaVersion = (raw as RawSession).schemaVersion;
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < OLDEST_SESSION_SCHEMA_VERSION) {
    throw new AppError('SESSION_CORRUPT', 'Stored session has no known schema version');
  }
  if (schemaVersion > SESSION_SCHEMA_VERSION) {
    throw new AppError(
      'SESSION_TOO_NEW',
      `Stored session has schema version ${schemaVersion}, newer than this code's ${SESSION_SCHEMA_VERSION}; it was left untouched`,
    );
  }
  const upgraded = schemaVersion < SESSION_SCHEMA_VERSION ? upgradeSession(raw as RawSession, schemaVersion) : raw;
  const checked = sessionSchema.safeParse(upgraded);
  if (!checked.success) {
    throw new AppError('SESSION_CORRUPT', `Stored session (schema version ${schemaVersion}) does not match its schema`, { cause: checked.error });
  }
  // The store's counter is the one compare-and-set checks; the copy inside the JSON follows it.
  return { session: { ...checked.data, version: stored.version }, upgradedFrom: schemaVersion < SESSION_SCHEMA_VERSION ? schemaVersion : null };
}
