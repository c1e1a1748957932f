import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClientAddressOf } from '../http/client-address.js';
import { RateLimitedError } from '../http/rate-limit.js';
import { sendJson } from '../http/respond.js';
import type { AuthGuard } from './auth-throttle.js';
import type { RequestContext } from '../http/router.js';
import { m } from './messages.js';
import { hasRole, type Actor, type Role } from './roles.js';
import type { ModerationRepository } from './repository.js';
import { csrfMatches, SESSION_COOKIE, SESSION_TTL_MS } from './sessions.js';

/**
 * Who is calling: `Authorization: Bearer <token>` (API clients, scripts) or the dashboard session cookie.
 * A Bearer header that does not verify is a 401 even when a cookie is also sent. Bad tokens count
 * against the client (auth-throttle.ts): past the limit its token attempts get 429 + Retry-After.
 *
 * CSRF: requests authenticated by cookie that change state must carry the session's CSRF token (form
 * field `_csrf` or header `X-CSRF-Token`); Bearer requests cannot be forged by another site (browsers never
 * add that header on their own), so they need none. SameSite=Strict is a second line of defence.
 */
export interface Caller {
  actor: Actor;
  via: 'bearer' | 'session';
  /** Present for session callers. */
  csrfToken?: string;
}

export interface AuthDeps {
  repo: ModerationRepository;
  nowMs: () => number;
  secureCookies: boolean;
  /** The caller's address (TRUST_PROXY-aware) and the failed-token throttle; both absent = no throttle. */
  clientAddress?: ClientAddressOf;
  guard?: AuthGuard;
}

export async function identify(req: IncomingMessage, deps: AuthDeps): Promise<Caller | null> {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const clientId = deps.guard && deps.clientAddress ? deps.clientAddress(req) : null;
    if (clientId !== null) await refuseWhileBlocked(deps, clientId, 'bearer');
    const match = /^Bearer\s+(\S{16,400})\s*$/i.exec(header);
    const actor = match?.[1] ? await deps.repo.findActorByToken(match[1], deps.nowMs()) : null;
    if (!actor && clientId !== null) await deps.guard?.failed(clientId, 'bearer');
    return actor ? { actor, via: 'bearer' } : null;
  }
  const sessionId = readCookie(req, SESSION_COOKIE);
  if (sessionId === undefined || sessionId.length > 100) return null;
  const session = await deps.repo.findSession(sessionId, deps.nowMs());
  return session ? { actor: session.actor, via: 'session', csrfToken: session.csrfToken } : null;
}

/** Throws RATE_LIMITED (429 + Retry-After) while the client is over its failed-token limit. */
export async function refuseWhileBlocked(deps: AuthDeps, clientId: string, kind: 'login' | 'bearer'): Promise<void> {
  const waitMs = await deps.guard?.blockedFor(clientId);
  if (waitMs === null || waitMs === undefined) return;
  deps.guard?.refused(clientId, kind);
  throw new RateLimitedError(waitMs, 'auth-fail:client');
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

export function sessionCookie(value: string, secure: boolean, maxAgeMs = SESSION_TTL_MS): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(maxAgeMs / 1000)}${secure ? '; Secure' : ''}`;
}

/** API guard: 401 JSON without a valid caller, 403 for a role too low; otherwise the caller. */
export async function requireApi(ctx: RequestContext, deps: AuthDeps, role: Role): Promise<Caller | null> {
  const caller = await identify(ctx.req, deps);
  const text = m(ctx.language);
  if (!caller) {
    sendJson(ctx.res, 401, { error: { code: 'UNAUTHORIZED', message: text.errUnauthorized } }, { 'www-authenticate': 'Bearer' });
    return null;
  }
  if (!hasRole(caller.actor.role, role)) {
    sendJson(ctx.res, 403, { error: { code: 'FORBIDDEN', message: text.errForbidden } });
    return null;
  }
  return caller;
}

/** For state-changing requests: a session caller must present its CSRF token; false = a 403 was sent. */
export function checkCsrf(ctx: RequestContext, caller: Caller, given: unknown, asJson: boolean): boolean {
  if (caller.via === 'bearer') return true;
  if (caller.csrfToken !== undefined && csrfMatches(caller.csrfToken, given) && sameOrigin(ctx.req)) return true;
  const text = m(ctx.language).errCsrf;
  if (asJson) sendJson(ctx.res, 403, { error: { code: 'CSRF_FAILED', message: text } });
  else sendText(ctx.res, 403, text);
  return false;
}

/**
 * Browsers say where a request comes from: `Sec-Fetch-Site` (modern browsers) must be same-origin (or none,
 * typed by the user); otherwise an `Origin` must name this host. Our Referrer-Policy (no-referrer) makes
 * browsers send `Origin: null` on form posts, so "null" alone is not taken as cross-site.
 */
export function sameOrigin(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none';
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null') return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

export function redirect(res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(303, { location, 'cache-control': 'no-store', ...headers });
  res.end();
}
