import type { ServerResponse } from 'node:http';
import type { Language } from '../core/types.js';
import { readBody } from '../http/body.js';
import type { RequestContext, Router } from '../http/router.js';
import { t } from '../i18n/catalog.js';
import { html, type SafeHtml } from '../moderation/pages/html.js';
import { chatLink } from './links.js';
import type { EmailOptIn } from './opt-in.js';
import type { Unsubscribe } from './unsubscribe.js';

/**
 * The pages the links in emails open, in the partner's language (the one they chatted in):
 *   GET  /email/confirm?token=…      → a Confirm button (mail scanners open links: a GET changes nothing)
 *   POST /email/confirm?token=…      → confirmed (the address now gets reminders for that draft)
 *   GET  /email/unsubscribe?token=…  → a Stop reminders button
 *   POST /email/unsubscribe?token=…  → stopped, at once: this is also the RFC 8058 one-click POST that mail
 *                                      providers send (body List-Unsubscribe=One-Click), so it needs nothing else
 * A link that is not valid (used, expired, cut short) gets a kind page saying so, status 404.
 */
const FORM_LIMIT_BYTES = 4 * 1024;

function page(res: ServerResponse, status: number, language: Language, heading: string, body: SafeHtml): void {
  const c = t(language).email;
  const text = html`<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex">
<title>${heading} · ${c.pageTitle}</title></head>
<body><main><h1>${heading}</h1>${body}</main></body></html>`.value;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function mountEmailPages(router: Router, deps: { optIn: EmailOptIn; unsubscribe: Unsubscribe; publicUrl: () => string }): void {
  const tokenOf = (ctx: RequestContext) => ctx.url.searchParams.get('token') ?? '';
  const invalid = (ctx: RequestContext) => {
    const c = t(ctx.language).email;
    page(ctx.res, 404, ctx.language, c.pageTitle, html`<p>${c.linkInvalid}</p><p><a href="${chatLink(deps.publicUrl())}">${c.backToChat}</a></p>`);
  };
  const drain = async (ctx: RequestContext) => {
    await readBody(ctx.req, FORM_LIMIT_BYTES);
  };
  const form = (ctx: RequestContext, button: string) =>
    html`<form method="post" action="${ctx.url.pathname}?token=${tokenOf(ctx)}"><button type="submit">${button}</button></form>`;

  router.add('GET', '/email/confirm', async (ctx) => {
    const found = await deps.optIn.peekConfirmation(tokenOf(ctx));
    if (!found) return invalid(ctx);
    const c = t(found.language).email;
    page(ctx.res, 200, found.language, c.confirmHeading, html`<p>${c.confirmText(found.email)}</p>${form(ctx, c.confirmButton)}`);
  });
  router.add('POST', '/email/confirm', async (ctx) => {
    await drain(ctx);
    const found = await deps.optIn.confirm(tokenOf(ctx));
    if (!found) return invalid(ctx);
    const c = t(found.language).email;
    page(ctx.res, 200, found.language, c.confirmedHeading, html`<p>${c.confirmedText(found.email)}</p><p><a href="${chatLink(deps.publicUrl())}">${c.backToChat}</a></p>`);
  });
  router.add('GET', '/email/unsubscribe', async (ctx) => {
    const found = await deps.unsubscribe.peek(tokenOf(ctx));
    if (!found) return invalid(ctx);
    const c = t(found.language).email;
    page(ctx.res, 200, found.language, c.unsubscribeHeading, html`<p>${c.unsubscribeText(found.email)}</p>${form(ctx, c.unsubscribeButton)}`);
  });
  router.add('POST', '/email/unsubscribe', async (ctx) => {
    await drain(ctx);
    const found = await deps.unsubscribe.unsubscribe(tokenOf(ctx));
    if (!found) return invalid(ctx);
    const c = t(found.language).email;
    page(ctx.res, 200, found.language, c.unsubscribedHeading, html`<p>${c.unsubscribedText(found.email)}</p>`);
  });
}
