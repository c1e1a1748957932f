import type { RequestContext, Router } from '../http/router.js';
import { listOutbox, readOutboxMessage } from '../email/outbox.js';
import { identify, redirect, type AuthDeps, type Caller } from './http-auth.js';
import { m } from './messages.js';
import { layout } from './pages/layout.js';
import { outboxListBody, outboxMessageBody } from './pages/outbox.js';
import { html, type SafeHtml } from './pages/html.js';
import type { ModerationRepository } from './repository.js';
import { hasRole } from './roles.js';

/**
 * The development email outbox, for admins (emails hold addresses and private links):
 *   GET /moderate/outbox          → the newest emails written to DATA_DIR/outbox/
 *   GET /moderate/outbox/{file}   → one email: headers and text, its links clickable
 * Mounted only when the outbox is on (development without SMTP_URL). Each read is audited.
 */
const LIST_LIMIT = 200;

export function mountOutboxPages(router: Router, deps: { auth: AuthDeps; dir: string; audit: ModerationRepository['audit'] }): void {
  const send = (ctx: RequestContext, status: number, caller: Caller, title: string, body: SafeHtml) => {
    const text = layout({ language: ctx.language, title, actor: caller.actor, ...(caller.csrfToken === undefined ? {} : { csrfToken: caller.csrfToken }), body }).value;
    ctx.res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
    ctx.res.end(text);
  };
  const requireAdmin = async (ctx: RequestContext): Promise<Caller | null> => {
    const caller = await identify(ctx.req, deps.auth);
    if (!caller) {
      redirect(ctx.res, `/moderate/login?next=${encodeURIComponent(ctx.url.pathname)}`);
      return null;
    }
    if (!hasRole(caller.actor.role, 'admin')) {
      const t = m(ctx.language);
      send(ctx, 403, caller, t.forbidden, html`<p>${t.forbidden}</p>`);
      return null;
    }
    return caller;
  };

  router.add('GET', '/moderate/outbox', async (ctx) => {
    const caller = await requireAdmin(ctx);
    if (!caller) return;
    const messages = await listOutbox(deps.dir, LIST_LIMIT);
    await deps.audit(caller.actor, 'view-outbox', null, { count: messages.length });
    send(ctx, 200, caller, m(ctx.language).navOutbox, outboxListBody(ctx.language, messages));
  });

  router.add('GET', /^\/moderate\/outbox\/(?<name>[^/]+)$/, async (ctx) => {
    const caller = await requireAdmin(ctx);
    if (!caller) return;
    const t = m(ctx.language);
    const message = await readOutboxMessage(deps.dir, ctx.params.name ?? '');
    if (!message) return send(ctx, 404, caller, t.navOutbox, html`<p>${t.outboxNotFound}</p><p><a href="/moderate/outbox">${t.outboxBack}</a></p>`);
    await deps.audit(caller.actor, 'view-outbox', null, { file: message.name });
    send(ctx, 200, caller, message.subject || t.navOutbox, outboxMessageBody(ctx.language, message));
  });
}
