import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { RequestContext, Router } from '../http/router.js';
import type { ModerationContext } from './context.js';
import { checkCsrf, readCookie, redirect, type Caller } from './http-auth.js';
import { m } from './messages.js';
import type { SafeHtml } from './pages/html.js';
import { tokensBody } from './pages/tokens.js';
import { SESSION_COOKIE } from './sessions.js';
import { createStaffToken, parseTokenRequest, revokeStaffToken } from './token-admin.js';

/**
 * `/moderate/tokens` (admin): create, list and revoke staff tokens in the browser, with the rules of the
 * API (token-admin.ts). Forms answer POST → 303 → GET, so a refresh never creates a second token.
 *
 * The new token must reach the GET after the redirect, once, on whichever instance answers it, without the
 * server keeping it: it travels in a short-lived cookie (Path=/moderate/tokens, HttpOnly, SameSite=Strict,
 * 5 minutes), encrypted (AES-256-GCM) with a key derived from the admin's own session cookie, and the GET
 * that shows it deletes the cookie. A refresh shows the list without it.
 */
export interface PageTools {
  requirePage(ctx: RequestContext, role: 'admin'): Promise<Caller | null>;
  page(ctx: RequestContext, caller: Caller, title: string, body: SafeHtml, status?: number): void;
  readForm(ctx: RequestContext): Promise<URLSearchParams>;
}

const REVEAL_COOKIE = 'rfm_reveal';
const REVEAL_TTL_S = 300;
const REVOKE_PATH = /^\/moderate\/tokens\/(?<id>[A-Za-z0-9_-]{1,100})\/revoke$/;

export function mountTokenPages(router: Router, mc: ModerationContext, tools: PageTools): void {
  const revealCookie = (value: string, maxAgeS: number) =>
    `${REVEAL_COOKIE}=${value}; Path=/moderate/tokens; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${mc.auth.secureCookies ? '; Secure' : ''}`;

  const show = async (ctx: RequestContext, caller: Caller, extra: { created?: { name: string; token: string } | null; notice?: string | null; error?: string | null }, status = 200) => {
    const t = m(ctx.language);
    tools.page(
      ctx,
      caller,
      t.tokensTitle,
      tokensBody(ctx.language, {
        tokens: await mc.repo.listTokens(),
        csrfToken: caller.csrfToken,
        nowMs: mc.auth.nowMs(),
        created: extra.created ?? null,
        notice: extra.notice ?? null,
        error: extra.error ?? null,
      }),
      status,
    );
  };

  router.add('GET', '/moderate/tokens', async (ctx) => {
    const caller = await tools.requirePage(ctx, 'admin');
    if (!caller) return;
    const sealed = readCookie(ctx.req, REVEAL_COOKIE);
    const session = readCookie(ctx.req, SESSION_COOKIE);
    const created = sealed && session ? unseal(sealed, session) : null;
    if (sealed) ctx.res.setHeader('set-cookie', revealCookie('', 0));
    const notice = ctx.url.searchParams.has('revoked') ? m(ctx.language).tokenRevokedNotice : null;
    await show(ctx, caller, { created, notice });
  });

  router.add('POST', '/moderate/tokens', async (ctx) => {
    const caller = await tools.requirePage(ctx, 'admin');
    if (!caller) return;
    const form = await tools.readForm(ctx);
    if (!checkCsrf(ctx, caller, form.get('_csrf'), false)) return;
    const days = (form.get('expiresInDays') ?? '').trim();
    const parsed = parseTokenRequest({ role: form.get('role'), name: form.get('name'), expiresInDays: days === '' ? undefined : Number(days) });
    if (!parsed.ok) return show(ctx, caller, { error: m(ctx.language).tokenInvalid }, 400);
    const { token, record } = await createStaffToken(mc.repo, caller.actor, parsed.value, mc.auth.nowMs());
    const session = readCookie(ctx.req, SESSION_COOKIE);
    // A Bearer caller has no session to seal the token to: it gets the page at once (the API suits it better).
    if (caller.via !== 'session' || !session) return show(ctx, caller, { created: { name: record.name, token } }, 201);
    redirect(ctx.res, '/moderate/tokens', { 'set-cookie': revealCookie(seal({ name: record.name, token }, session), REVEAL_TTL_S) });
  });

  router.add('POST', REVOKE_PATH, async (ctx) => {
    const caller = await tools.requirePage(ctx, 'admin');
    if (!caller) return;
    const form = await tools.readForm(ctx);
    if (!checkCsrf(ctx, caller, form.get('_csrf'), false)) return;
    const revoked = await revokeStaffToken(mc.repo, caller.actor, ctx.params.id ?? '');
    if (!revoked) return show(ctx, caller, { error: m(ctx.language).tokenNotFound }, 404);
    redirect(ctx.res, '/moderate/tokens?revoked=1');
  });
}

function keyFor(sessionCookie: string): Buffer {
  return createHash('sha256').update(`rfm-token-reveal:${sessionCookie}`, 'utf8').digest();
}

function seal(value: { name: string; token: string }, sessionCookie: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(sessionCookie), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

function unseal(sealed: string, sessionCookie: string): { name: string; token: string } | null {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', keyFor(sessionCookie), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    const parsed = JSON.parse(text) as { name?: unknown; token?: unknown };
    return typeof parsed.name === 'string' && typeof parsed.token === 'string' ? { name: parsed.name, token: parsed.token } : null;
  } catch {
    return null;
  }
}
