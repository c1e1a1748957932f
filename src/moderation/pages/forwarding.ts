import type { Language } from '../../core/types.js';
import type { ForwardRow, ForwardState } from '../../forwarding/repository.js';
import { m, type MessageKey } from '../messages.js';
import { html, type SafeHtml } from './html.js';
import { submissionHref } from './links.js';
import { timeHtml } from './times.js';

/** The docket column of a submission and the forwarding list page, with a filter by state. Pure. */
export const FORWARD_STATES: readonly ForwardState[] = ['pending', 'sending', 'forwarded', 'dead', 'unknown', 'held'];

export function forwardStateLabel(language: Language, state: ForwardState): string {
  return m(language)[`forward_${state}` as MessageKey];
}

export function forwardLine(language: Language, row: ForwardRow | null): SafeHtml {
  const t = m(language);
  if (!row) return html`<p class="forward">${t.forwardLabel}: ${t.forwardNone}</p>`;
  return html`<p class="forward">${t.forwardLabel}: <strong>${forwardStateLabel(language, row.state)}</strong>${
    row.trackingNumber ? html` — ${t.forwardTracking} ${row.trackingNumber}` : ''
  }${row.apiMessage ? html` — ${t.forwardMessage}: ${row.apiMessage}` : ''}</p>`;
}

export function forwardingBody(language: Language, rows: ForwardRow[], state: ForwardState | undefined, timeZone = 'UTC'): SafeHtml {
  const t = m(language);
  const link = (value: ForwardState | undefined, label: string) =>
    value === state ? html`<strong>${label}</strong>` : html`<a href="/moderate/forwarding${value ? `?state=${value}` : ''}">${label}</a>`;
  return html`<nav aria-label="${t.forwardTitle}"><p>${link(undefined, t.forwardAll)} · ${FORWARD_STATES.map((s, i) => html`${i > 0 ? ' · ' : ''}${link(s, forwardStateLabel(language, s))}`)}</p></nav>
<p>${t.forwardResolveHint}</p>
<table><thead><tr><th scope="col">${t.submission}</th><th scope="col">${t.forwardLabel}</th><th scope="col">${t.forwardTracking}</th><th scope="col">${t.forwardAttempts}</th><th scope="col">${t.forwardMessage}</th><th scope="col">${t.forwardUpdated}</th></tr></thead>
<tbody>${rows.map(
    (row) => html`<tr><td><a href="${submissionHref(row.submissionId)}">${row.submissionId}</a></td><td>${forwardStateLabel(language, row.state)}</td><td>${row.trackingNumber ?? '—'}</td><td>${row.attempts}</td><td>${row.apiMessage ?? '—'}</td><td>${timeHtml(row.updatedAt, language, timeZone)}</td></tr>`,
  )}</tbody></table>`;
}
