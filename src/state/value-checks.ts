import type { VersionedValue } from '../core/ports.js';
import { AppError } from '../errors.js';

/**
 * The checks every SessionStore makes before writing, so they agree on what is a caller bug (thrown,
 * nothing touched) — see the SessionStore contract in src/core/ports.ts. The stores never look inside
 * `data`: the session codec owns it.
 */

/** Returns the TTL as a whole number of milliseconds (Redis PX needs an integer ≥ 1). */
export function checkTtlMs(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new AppError('INVALID_TTL', `TTL must be a positive number of milliseconds, got ${String(ttlMs)}`);
  }
  return Math.ceil(ttlMs);
}

export function checkSave(value: VersionedValue, expectedVersion: number): void {
  if (!Number.isInteger(expectedVersion) || expectedVersion < 0) {
    throw new AppError('SESSION_VERSION_INVALID', `expectedVersion must be a whole number ≥ 0, got ${String(expectedVersion)}`);
  }
  if (value.version !== expectedVersion + 1) {
    throw new AppError(
      'SESSION_VERSION_INVALID',
      `value.version must be expectedVersion + 1 (expected ${expectedVersion + 1}, got ${String(value.version)})`,
    );
  }
  if (typeof value.data !== 'string' || value.data.length === 0) {
    throw new AppError('SESSION_INVALID', 'Refusing to store an empty session value');
  }
}
