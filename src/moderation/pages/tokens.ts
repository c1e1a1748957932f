import type { Language } from '../../core/types.js';
import { m } from '../messages.js';
import { ROLES } from '../roles.js';
import { tokenStatus } from '../token-admin.js';
import type { TokenRecord } from '../tokens.js';
import { html, type SafeHtml } from './html.js';

/** The `/moderate/tokens` page (admin): the new token once, the create form, the list with revoke buttons. Pure. */
export function tokensBody(
  language: Language,
  view: {
    tokens: TokenRecord[];
    csrfToken: string | undefined;
    nowMs: number;
    created: { name: string; token: string } | null;
    notice: string | null;
    error: string | null;
  },
): SafeHtml {
  const t = m(language);
  const csrf = html`<input type="hidden" name="_csrf" value="${view.csrfToken ?? ''}">`;
  const statusLabel = (record: TokenRecord) => {
    const status = tokenStatus(record, view.nowMs);
    return status === 'active' ? t.tokenActive : status === 'revoked' ? t.tokenRevokedStatus : t.tokenExpiredStatus;
  };
  return html`<p>${t.tokensHelp}</p>
${view.notice ? html`<p role="status" class="notice">${view.notice}</p>` : ''}
${view.error ? html`<p role="alert" class="error">${view.error}</p>` : ''}
${view.created
    ? html`<section class="new-token" aria-labelledby="new-token-title"><h2 id="new-token-title">${t.tokenCreatedFor} ${view.created.name}</h2>
<p>${t.tokenShownOnce}</p><p><code id="new-token">${view.created.token}</code></p></section>`
    : ''}
<section aria-labelledby="create-token-title"><h2 id="create-token-title">${t.tokenCreateTitle}</h2>
<form method="post" action="/moderate/tokens" class="token-create">${csrf}
<label for="token-name">${t.tokenName}</label> <input id="token-name" name="name" required maxlength="100">
<label for="token-role">${t.tokenRole}</label> <select id="token-role" name="role">${ROLES.map((role) => html`<option value="${role}"${role === 'moderator' ? html` selected` : ''}>${role}</option>`)}</select>
<label for="token-expires">${t.tokenExpiresIn}</label> <input id="token-expires" name="expiresInDays" type="number" min="1" max="3650" step="1" inputmode="numeric">
<button type="submit">${t.tokenCreateButton}</button></form></section>
${view.tokens.length === 0
    ? html`<p>${t.tokenNone}</p>`
    : html`<table class="tokens"><thead><tr><th>${t.tokenName}</th><th>${t.tokenRole}</th><th>${t.tokenStatus}</th><th>${t.tokenCreatedAt}</th><th>${t.tokenExpiresAt}</th><th>${t.tokenId}</th><th></th></tr></thead>
<tbody>${view.tokens.map(
        (record) => html`<tr><td>${record.name}</td><td>${record.role}</td><td>${statusLabel(record)}</td><td>${record.createdAt}</td><td>${record.expiresAt ?? t.tokenNever}</td><td><code>${record.id}</code></td>
<td>${tokenStatus(record, view.nowMs) === 'revoked'
          ? ''
          : html`<form method="post" action="/moderate/tokens/${record.id}/revoke">${csrf}<button type="submit" aria-label="${t.tokenRevokeFor} ${record.name}">${t.tokenRevokeButton}</button></form>`}</td></tr>`,
      )}</tbody></table>`}`;
}
