import type { Logger } from 'pino';
import { createLogThrottle } from '../log-throttle.js';
import type { RateCheck, RateLimiter } from '../http/rate-limit.js';
import type { AuditActor, ModerationRepository } from './repository.js';

/**
 * Failed sign-ins (dashboard login form) and bad Bearer tokens, per client address:
 * - throttled: after `limit` failures within `windowMs` a client's further attempts are refused (429 +
 *   Retry-After) until the window has room again, whatever token they present. Dashboard sessions
 *   already open are not affected. The count lives in the shared rate limiter (Redis when configured),
 *   so every instance sees the same count.
 * - audited with counts: the first failure of a client is written to the audit log at once (action
 *   `auth-failed`); later ones are added up and written as one row per client and kind every `flushMs`
 *   (`{ kind, client, failed, refused, since }`), so a flood of guesses is a handful of rows, not millions.
 *   The address is in the audit log (staff-only) and never in the application log.
 */
export type AuthFailureKind = 'login' | 'bearer';

export interface AuthGuard {
  /** ms the client must wait before trying a token again, or null when it may try now. */
  blockedFor(clientId: string): Promise<number | null>;
  /** A token that did not verify. */
  failed(clientId: string, kind: AuthFailureKind): Promise<void>;
  /** An attempt refused because the client was blocked (counted in the next audit row). */
  refused(clientId: string, kind: AuthFailureKind): void;
  /** Writes the counts gathered so far (also runs every `flushMs`). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export const AUTH_FAILURE_LIMIT = { limit: 20, windowMs: 10 * 60_000 };

const ACTOR: AuditActor = { tokenId: 'unauthenticated', name: 'failed sign-in', role: 'none' };

interface Tally {
  kind: AuthFailureKind;
  client: string;
  sinceMs: number;
  failed: number;
  refused: number;
  lastMs: number;
}

export function createAuthGuard(deps: {
  limiter: RateLimiter;
  repo: Pick<ModerationRepository, 'audit'>;
  nowMs: () => number;
  logger: Logger;
  flushMs?: number;
  rule?: { limit: number; windowMs: number };
}): AuthGuard {
  const rule = deps.rule ?? AUTH_FAILURE_LIMIT;
  const check = (clientId: string): RateCheck[] => [{ bucket: `auth-fail:client:${clientId}`, ...rule }];
  /** Clients with failures not yet written, by "kind client". Bounded: a flood of addresses is flushed early. */
  const pending = new Map<string, Tally>();
  /** Clients whose first failure was written; later ones wait for the flush. Forgotten after a quiet window. */
  const seen = new Map<string, number>();
  const logThrottle = createLogThrottle({ windowMs: 60_000, burst: 3, nowMs: deps.nowMs });
  let flushing: Promise<void> = Promise.resolve();

  const tally = (clientId: string, kind: AuthFailureKind): Tally => {
    const key = `${kind} ${clientId}`;
    let entry = pending.get(key);
    if (!entry) {
      entry = { kind, client: clientId, sinceMs: deps.nowMs(), failed: 0, refused: 0, lastMs: deps.nowMs() };
      pending.set(key, entry);
      if (pending.size > 1000) void flush();
    }
    entry.lastMs = deps.nowMs();
    return entry;
  };

  const writeRows = async (rows: Tally[]) => {
    for (const row of rows) {
      await deps.repo.audit(ACTOR, 'auth-failed', null, {
        kind: row.kind,
        client: row.client,
        failed: row.failed,
        refused: row.refused,
        since: new Date(row.sinceMs).toISOString(),
        until: new Date(row.lastMs).toISOString(),
      });
    }
  };

  const flush = (): Promise<void> => {
    flushing = flushing.then(async () => {
      const rows = [...pending.values()];
      pending.clear();
      const quietSinceMs = deps.nowMs() - rule.windowMs;
      for (const [key, lastMs] of seen) if (lastMs < quietSinceMs) seen.delete(key);
      await writeRows(rows).catch((error: unknown) => {
        deps.logger.warn({ rows: rows.length, err: error instanceof Error ? error.name : 'unknown' }, 'failed sign-ins could not be written to the audit log');
      });
    });
    return flushing;
  };

  const timer = setInterval(() => void flush(), deps.flushMs ?? 60_000);
  timer.unref();

  return {
    async blockedFor(clientId) {
      try {
        const decision = await deps.limiter.peek(check(clientId), deps.nowMs());
        return decision.allowed ? null : decision.retryAfterMs;
      } catch {
        return null;
      }
    },
    async failed(clientId, kind) {
      await deps.limiter.take(check(clientId), deps.nowMs()).catch(() => undefined);
      const key = `${kind} ${clientId}`;
      const admitted = logThrottle.admit(kind);
      if (admitted) deps.logger.warn({ kind, ...admitted }, 'staff token refused');
      if (!seen.has(key)) {
        seen.set(key, deps.nowMs());
        // The first failure of a client is written at once: one typo shows up in the audit log without delay.
        await writeRows([{ kind, client: clientId, sinceMs: deps.nowMs(), lastMs: deps.nowMs(), failed: 1, refused: 0 }]);
        return;
      }
      seen.set(key, deps.nowMs());
      tally(clientId, kind).failed += 1;
    },
    refused(clientId, kind) {
      seen.set(`${kind} ${clientId}`, deps.nowMs());
      tally(clientId, kind).refused += 1;
    },
    flush,
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}
