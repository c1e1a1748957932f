import type { Language } from '../../core/types.js';
import { m } from '../messages.js';
import { hasRole, type Actor } from '../roles.js';
import { html, type SafeHtml } from './html.js';

/** The page frame: one stylesheet and one script, both files (the CSP forbids inline code). Pure. */
export function layout(options: { language: Language; title: string; actor?: Actor; csrfToken?: string; body: SafeHtml }): SafeHtml {
  const t = m(options.language);
  const { actor } = options;
  const nav = actor
    ? html`<nav aria-label="${t.title}"><ul>
<li><a href="/moderate">${t.navOverview}</a></li>
<li><a href="/moderate/roster">${t.navRoster}</a></li>
${hasRole(actor.role, 'moderator') ? html`<li><a href="/moderate/submissions">${t.navSubmissions}</a></li><li><a href="/moderate/questions/1">${t.navQuestions}</a></li><li><a href="/moderate/forwarding">${t.navForwarding}</a></li>` : ''}
${hasRole(actor.role, 'admin') ? html`<li><a href="/moderate/audit">${t.navAudit}</a></li><li><a href="/moderate/tokens">${t.navTokens}</a></li>` : ''}
</ul>
<form method="post" action="/moderate/logout" class="logout"><span>${t.signedInAs} ${actor.name} (${actor.role})</span>
<input type="hidden" name="_csrf" value="${options.csrfToken ?? ''}"><button type="submit">${t.logout}</button></form></nav>`
    : '';
  return html`<!doctype html>
<html lang="${options.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · ${t.title}</title><link rel="stylesheet" href="/moderate/static/moderate.css">
<script src="/moderate/static/moderate.js" defer></script></head>
<body><a class="skip" href="#main">${t.skip}</a><header><strong>${t.title}</strong>${nav}</header>
<main id="main"><h1>${options.title}</h1>${options.body}</main></body></html>`;
}
