import type { Logger } from 'pino';
import type { FlowDefinition } from '../flow/definition.js';
import type { Router } from '../http/router.js';
import { mountModerationApi } from './api.js';
import { mountDashboard } from './dashboard.js';
import type { ForwardingRepository } from '../forwarding/repository.js';
import type { StaffPages } from './context.js';
import type { AuthDeps } from './http-auth.js';
import type { ModerationRepository } from './repository.js';
import { errorSummary } from '../errors.js';
import { BOOTSTRAP_TOKEN_ID, ENV_TOKEN_ID, newToken } from './tokens.js';
import { createAuthGuard } from './auth-throttle.js';
import { mountTokenApi } from './tokens-api.js';
import type { ClientAddressOf } from '../http/client-address.js';
import type { RateLimiter } from '../http/rate-limit.js';

/**
 * Moderation: the JSON API under /api and the dashboard under /moderate, on the comment store's database.
 *
 * Bootstrap (at startup, before the routes answer):
 * - `MODERATOR_TOKEN` set → stored (hashed) as the admin token `env-moderator-token`, replacing an older one,
 *   and the startup `bootstrap` token (printed at an earlier first start) is revoked with its sessions;
 * - `MODERATOR_TOKEN` no longer set → the `env-moderator-token` it left behind is revoked (the old secret
 *   must not keep working once the operator removed it);
 * - otherwise, on the embedded PGlite default, a new random admin token `bootstrap` replaces the previous
 *   one and is returned as `bootstrapToken`, for main.ts to print ONCE to stdout (never to the logs);
 * - otherwise (Postgres, no MODERATOR_TOKEN) nothing: create tokens with `npm run admin -- token create`.
 */
export interface ModerationOptions {
  router: Router;
  repository: ModerationRepository;
  /** The staff's roster and reminders, for the roster page (`/moderate/roster`). */
  staff?: StaffPages;
  forwarding?: ForwardingRepository;
  /** Forwarding is set up (COMMENT_API_*): the submission pages tell the truth about the docket. */
  forwardingConfigured?: boolean;
  wakeForwarding?: () => void;
  kind: 'pglite' | 'postgres';
  flow: FlowDefinition;
  deadlineAt: Date;
  moderatorToken: string | undefined;
  /** https:// public URL → Secure cookies. */
  publicUrl: string | undefined;
  /** FORWARD_MODE: after-review → regulations.json holds only cleared submissions unless includeUnreviewed=1. */
  forwardMode: 'after-review' | 'auto';
  nowMs: () => number;
  logger: Logger;
  /** Failed-token throttle (shared across instances through Redis when configured) and who is calling. */
  limiter?: RateLimiter;
  clientAddress?: ClientAddressOf;
  /** Tests: how often the aggregated failed-sign-in counts are written to the audit log (default 60 s). */
  authAuditFlushMs?: number;
}

export interface Moderation {
  /** The admin token generated at this startup (embedded default without MODERATOR_TOKEN), else null. */
  bootstrapToken: string | null;
  /** Who is calling (token or dashboard cookie), for other staff routes mounted next to moderation's. */
  auth: AuthDeps;
  /** Writes the failed sign-in counts gathered so far to the audit log. */
  flushAuthAudit(): Promise<void>;
  stop(): Promise<void>;
}

export async function mountModeration(options: ModerationOptions): Promise<Moderation> {
  let bootstrapToken: string | null = null;
  const startup = { tokenId: 'startup', name: 'bot startup', role: 'admin' };
  const existing = new Map((await options.repository.listTokens()).map((record) => [record.id, record]));
  const revokeIfActive = async (id: string, reason: string) => {
    const record = existing.get(id);
    if (!record || record.revokedAt !== null) return;
    await options.repository.revokeToken(id);
    await options.repository.audit(startup, 'token-revoked', null, { tokenId: id, reason });
  };
  if (options.moderatorToken !== undefined) {
    await options.repository.upsertFixedToken(ENV_TOKEN_ID, options.moderatorToken, 'admin', 'MODERATOR_TOKEN');
    await revokeIfActive(BOOTSTRAP_TOKEN_ID, 'MODERATOR_TOKEN is set');
  } else {
    await revokeIfActive(ENV_TOKEN_ID, 'MODERATOR_TOKEN is no longer set');
    if (options.kind === 'pglite') {
      // Replacing the hash revokes the token printed at the previous start, and ends its sessions.
      bootstrapToken = newToken();
      await options.repository.upsertFixedToken(BOOTSTRAP_TOKEN_ID, bootstrapToken, 'admin', 'startup admin token');
      if (existing.has(BOOTSTRAP_TOKEN_ID)) await options.repository.audit(startup, 'token-revoked', null, { tokenId: BOOTSTRAP_TOKEN_ID, reason: 'a new startup token was printed' });
    }
  }
  const guard = options.limiter
    ? createAuthGuard({ limiter: options.limiter, repo: options.repository, nowMs: options.nowMs, logger: options.logger, ...(options.authAuditFlushMs ? { flushMs: options.authAuditFlushMs } : {}) })
    : undefined;
  const mc = {
    repo: options.repository,
    ...(options.staff ? { staff: options.staff } : {}),
    ...(options.forwarding ? { forwarding: options.forwarding } : {}),
    forwardingConfigured: options.forwardingConfigured ?? false,
    ...(options.wakeForwarding ? { wakeForwarding: options.wakeForwarding } : {}),
    flow: options.flow,
    deadlineAt: options.deadlineAt,
    forwardMode: options.forwardMode,
    logger: options.logger,
    auth: {
      repo: options.repository,
      nowMs: options.nowMs,
      secureCookies: options.publicUrl?.startsWith('https://') ?? false,
      ...(guard && options.clientAddress ? { guard, clientAddress: options.clientAddress } : {}),
    },
  };
  mountModerationApi(options.router, mc);
  mountTokenApi(options.router, mc);
  mountDashboard(options.router, mc);
  void backfillPublicRecord(options.repository, options.logger);
  options.logger.info({ bootstrapToken: bootstrapToken !== null, envToken: options.moderatorToken !== undefined }, 'moderation mounted');
  return {
    bootstrapToken,
    auth: mc.auth,
    flushAuthAudit: () => guard?.flush() ?? Promise.resolve(),
    stop: () => guard?.stop() ?? Promise.resolve(),
  };
}

/**
 * Submissions stored before migration 0110 get what submit now does (near-duplicate index, organization
 * PII scan) in the background, oldest first,
 * in small transactions (startup is not held up; new submissions are indexed at submit meanwhile). On
 * several instances each does the same idempotent work. A failure is logged and left for the next start.
 */
async function backfillPublicRecord(repository: ModerationRepository, logger: Logger): Promise<void> {
  let indexed = 0;
  try {
    for (let batch = await repository.backfillPublicRecord(100); batch > 0; batch = await repository.backfillPublicRecord(100)) indexed += batch;
    if (indexed > 0) logger.info({ indexed }, 'public record backfill: older submissions indexed and their organization names scanned');
  } catch (error) {
    logger.warn({ indexed, err: errorSummary(error) }, 'public record backfill stopped; it resumes at the next start');
  }
}
