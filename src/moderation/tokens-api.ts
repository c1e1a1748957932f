import { readJsonBody } from '../http/body.js';
import { sendJson } from '../http/respond.js';
import type { Router } from '../http/router.js';
import type { ModerationContext } from './context.js';
import { checkCsrf, requireApi } from './http-auth.js';
import { sendInvalid, sendNotFound } from './responses.js';
import { createStaffToken, parseTokenRequest, revokeStaffToken } from './token-admin.js';

/**
 * Staff tokens over HTTP, admin only (cookie callers send X-CSRF-Token):
 *   POST   /api/tokens        { "role", "name", "expiresInDays"? } → 201 { "id", "token" }  (the token, once)
 *   GET    /api/tokens        → 200 { items: [{ id, role, name, createdAt, revokedAt, expiresAt }] }  (never tokens)
 *   DELETE /api/tokens/{id}   → 200 the revoked record; 404 for an unknown id
 * A created token works at once; a revoked or expired one is refused at once (every request looks it up).
 */
const BODY_LIMIT_BYTES = 16 * 1024;
const TOKEN_PATH = /^\/api\/tokens\/(?<id>[A-Za-z0-9_-]{1,100})$/;

export function mountTokenApi(router: Router, mc: ModerationContext): void {
  router.add('POST', '/api/tokens', async (ctx) => {
    const caller = await requireApi(ctx, mc.auth, 'admin');
    if (!caller || !checkCsrf(ctx, caller, ctx.req.headers['x-csrf-token'], true)) return;
    const body = (await readJsonBody(ctx.req, BODY_LIMIT_BYTES)) as Record<string, unknown> | null;
    const parsed = parseTokenRequest({ role: body?.role, name: body?.name, expiresInDays: body?.expiresInDays });
    if (!parsed.ok) return sendInvalid(ctx, [...parsed.problems, 'body: send { "role": "staff" | "moderator" | "admin", "name": "Ana (outreach)", "expiresInDays"?: 90 }']);
    const { token, record } = await createStaffToken(mc.repo, caller.actor, parsed.value, mc.auth.nowMs());
    sendJson(ctx.res, 201, { id: record.id, token });
  });

  router.add('GET', '/api/tokens', async (ctx) => {
    if (!(await requireApi(ctx, mc.auth, 'admin'))) return;
    sendJson(ctx.res, 200, { items: await mc.repo.listTokens() });
  });

  router.add('DELETE', TOKEN_PATH, async (ctx) => {
    const caller = await requireApi(ctx, mc.auth, 'admin');
    if (!caller || !checkCsrf(ctx, caller, ctx.req.headers['x-csrf-token'], true)) return;
    const revoked = await revokeStaffToken(mc.repo, caller.actor, ctx.params.id ?? '');
    if (!revoked) return sendNotFound(ctx, 'tokenNotFound');
    sendJson(ctx.res, 200, revoked);
  });
}
