import type { Logger } from 'pino';
import { errorSummary } from '../errors.js';
import { createLogThrottle } from '../log-throttle.js';
import { RateLimitedError, type RateCheck, type RateLimiter } from './rate-limit.js';

/**
 * The abuse limits of the partner side, per client AND site-wide, as sliding windows (rate-limit.ts):
 * - session: new web chat conversations;
 * - turn: web chat messages and "remind me" changes;
 * - submission: submits that would store a submission (every channel: web chat per client address,
 *   Slack and Teams per user, since the platform authenticates the user).
 * A client is the address from client-address.ts (TRUST_PROXY decides when X-Forwarded-For is believed).
 * The per-client numbers leave room for a workshop of ~30 people behind one office address; the
 * site-wide ones stop a flood from many addresses without touching an ordinary day's traffic.
 *
 * Over a limit, `admit*` throws RateLimitedError (429 + Retry-After + a kind message). When the
 * limiter's store is unreachable the request is let through and a throttled warning logged: the
 * session store (the same Redis) then refuses the turn anyway, with its own clear 503.
 */
export interface LimitRule {
  limit: number;
  windowMs: number;
}

export interface AbuseLimitRules {
  session: { client: LimitRule; site: LimitRule };
  turn: { client: LimitRule; site: LimitRule };
  submission: { client: LimitRule; site: LimitRule };
}

const MINUTE_MS = 60_000;

export const DEFAULT_ABUSE_LIMITS: AbuseLimitRules = {
  session: { client: { limit: 30, windowMs: 10 * MINUTE_MS }, site: { limit: 300, windowMs: MINUTE_MS } },
  turn: { client: { limit: 240, windowMs: MINUTE_MS }, site: { limit: 6000, windowMs: MINUTE_MS } },
  submission: { client: { limit: 20, windowMs: 10 * MINUTE_MS }, site: { limit: 100, windowMs: 10 * MINUTE_MS } },
};

export type LimitKind = keyof AbuseLimitRules;

export interface AbuseLimits {
  /** Resolves when `clientId` may go ahead; throws RateLimitedError otherwise. */
  admit(kind: LimitKind, clientId: string): Promise<void>;
}

export function createAbuseLimits(deps: { limiter: RateLimiter; nowMs: () => number; logger: Logger; rules?: AbuseLimitRules }): AbuseLimits {
  const rules = deps.rules ?? DEFAULT_ABUSE_LIMITS;
  const refusedLog = createLogThrottle({ windowMs: MINUTE_MS, burst: 5, nowMs: deps.nowMs });
  const failedLog = createLogThrottle({ windowMs: MINUTE_MS, burst: 1, nowMs: deps.nowMs });
  return {
    async admit(kind, clientId) {
      const rule = rules[kind];
      const checks: RateCheck[] = [
        { bucket: `${kind}:client:${clientId}`, ...rule.client },
        { bucket: `${kind}:site`, ...rule.site },
      ];
      let decision;
      try {
        decision = await deps.limiter.take(checks, deps.nowMs());
      } catch (error) {
        const admitted = failedLog.admit(kind);
        if (admitted) deps.logger.warn({ limit: kind, err: errorSummary(error), ...admitted }, 'rate limiter unavailable; request let through');
        return;
      }
      if (decision.allowed) return;
      const scope = decision.bucket.endsWith(':site') ? 'site' : 'client';
      // Never the client's address: a count per limit and scope is what operators need.
      const admitted = refusedLog.admit(`${kind}:${scope}`);
      if (admitted) deps.logger.warn({ limit: kind, scope, retryAfterMs: decision.retryAfterMs, ...admitted }, 'rate limit reached');
      throw new RateLimitedError(decision.retryAfterMs, decision.bucket);
    },
  };
}
