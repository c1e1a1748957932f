import type { IncomingMessage } from 'node:http';
import { AppError, type RequestContext, type Router } from '../../src/index.js';
import { SESSION_ID_PATTERN } from './parse.js';

/**
 * Where a web chat request names its session: the session id is the partner's only credential, so it
 * travels in `Authorization: Bearer <sessionId>` on `/chat/api/session{suffix}`, never in the URL that
 * proxies write to their access logs.
 *
 * The old form, `/chat/api/sessions/{sessionId}{suffix}`, still answers for ONE release (pages loaded
 * before an upgrade, scripts): its responses carry `Deprecation` and a `Link` to the new address, and a
 * throttled warning (without the id) is logged. It goes away in the next release (docs/security-abuse.md).
 *
 * `mountSessionRoute(router, 'POST', '/messages', handler)` mounts both; other web chat features add
 * their per-session routes the same way, so both forms keep working until the old one is removed.
 */
export type SessionHandler = (ctx: RequestContext, sessionId: string) => Promise<void>;

/** RFC 9745: the date the old paths were deprecated (this release), as a structured-field date. */
export const PATH_SESSION_DEPRECATED_AT = Date.parse('2026-12-04T00:00:00Z');

export interface SessionRoutes {
  mount(method: string, suffix: string, handler: SessionHandler): void;
}

export function sessionRoutes(router: Router, onDeprecatedUse: (route: string) => void): SessionRoutes {
  return {
    mount(method, suffix, handler) {
      const escaped = suffix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      router.add(method, new RegExp(`^/chat/api/session${escaped}$`), async (ctx) => handler(ctx, requireSessionId(bearerOf(ctx.req))));
      router.add(method, new RegExp(`^/chat/api/sessions/(?<sessionId>[^/]+)${escaped}$`), async (ctx) => {
        ctx.res.setHeader('deprecation', `@${Math.floor(PATH_SESSION_DEPRECATED_AT / 1000)}`);
        ctx.res.setHeader('link', `</chat/api/session${suffix}>; rel="successor-version"`);
        onDeprecatedUse(`${method} /chat/api/sessions/{sessionId}${suffix}`);
        await handler(ctx, requireSessionId(ctx.params.sessionId));
      });
    },
  };
}

function bearerOf(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
}

function requireSessionId(candidate: string | undefined): string {
  // A missing or malformed id cannot name a session, so it is "not found" (never a 400 confirming the format).
  if (!candidate || !SESSION_ID_PATTERN.test(candidate)) throw new AppError('NOT_FOUND', 'No such session.');
  return candidate;
}
