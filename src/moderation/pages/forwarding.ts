import type { Language } from '../../core/types.js';
import type { ForwardRow, ForwardState } from '../../forwarding/repository.js';
import { fill, m, type MessageKey } from '../messages.js';
import { html, type SafeHtml } from './html.js';
import { submissionHref } from './links.js';
import { timeHtml } from './times.js';

/** The docket status of a submission and the forwarding list page, with a filter by state. Pure. */
export const FORWARD_STATES: readonly ForwardState[] = ['pending', 'sending', 'forwarded', 'dead', 'unknown', 'held'];

export function forwardStateLabel(language: Language, state: ForwardState): string {
  return m(language)[`forward_${state}` as MessageKey];
}

/** What the server knows beyond the outbox row: is forwarding set up, and does it wait for approval. */
export interface DocketSetup {
  /** COMMENT_API_URL, COMMENT_API_KEY and COMMENT_DOCKET_DOCUMENT_ID are all set. */
  configured: boolean;
  mode: 'after-review' | 'auto';
}

export type DocketState = 'not-configured' | 'waiting-approval' | 'queued' | 'sending' | 'on-docket' | 'failed' | 'unknown' | 'held' | 'not-queued';

export function regulationsCommentUrl(trackingNumber: string): string {
  return `https://www.regulations.gov/comment/${encodeURIComponent(trackingNumber)}`;
}

/**
 * The one truthful docket state of a submission: a forwarded row is on the docket whatever the setup
 * now; otherwise an unconfigured server says so; a missing row waits for approval (after-review) or is
 * held (quarantined).
 */
export function docketState(setup: DocketSetup, flags: readonly string[], row: ForwardRow | null): DocketState {
  if (row?.state === 'forwarded') return 'on-docket';
  if (!setup.configured) return 'not-configured';
  if (!row) {
    if (flags.includes('quarantined')) return 'held';
    return setup.mode === 'after-review' && !flags.includes('cleared') ? 'waiting-approval' : 'not-queued';
  }
  const byRow: Record<Exclude<ForwardState, 'forwarded'>, DocketState> = { pending: 'queued', sending: 'sending', dead: 'failed', unknown: 'unknown', held: 'held' };
  return byRow[row.state];
}

const STATE_TEXT: Record<DocketState, MessageKey> = {
  'not-configured': 'docket_not_configured',
  'waiting-approval': 'docket_waiting_approval',
  queued: 'docket_queued',
  sending: 'docket_sending',
  'on-docket': 'docket_on_docket',
  failed: 'docket_failed',
  unknown: 'docket_unknown',
  held: 'docket_held',
  'not-queued': 'docket_not_queued',
};

export function docketLine(language: Language, setup: DocketSetup, flags: readonly string[], row: ForwardRow | null): SafeHtml {
  const t = m(language);
  const state = docketState(setup, flags, row);
  const tracking = row?.trackingNumber;
  const detail =
    state === 'on-docket' && tracking
      ? html` <a href="${regulationsCommentUrl(tracking)}" rel="noopener noreferrer">${tracking}</a>`
      : state === 'failed' || state === 'unknown' || state === 'not-queued'
        ? html`${row?.apiMessage ? html` ${t.forwardMessage}: ${row.apiMessage}.` : ''} <a href="/moderate/forwarding${row ? `?state=${row.state}` : ''}">${t.docket_fix}</a>`
        : '';
  return html`<p class="forward" id="docket" data-docket-state="${state}">${t.forwardLabel}: <strong>${t[STATE_TEXT[state]]}</strong>${detail}</p>`;
}

export type ForwardDone = { kind: 'tracking'; row: ForwardRow | null } | { kind: 'retry' } | { kind: 'not-resolvable'; state: ForwardState } | { kind: 'bad-tracking' };

function forwardDoneText(language: Language, done: ForwardDone): string {
  const t = m(language);
  if (done.kind === 'tracking') return fill(t.done_forward_tracking, { tracking: done.row?.trackingNumber ?? '' });
  if (done.kind === 'retry') return t.done_forward_retry;
  if (done.kind === 'not-resolvable') {
    const label = forwardStateLabel(language, done.state);
    return fill(t.done_forward_not_resolvable, { state: label.charAt(0).toLocaleLowerCase(language) + label.slice(1) });
  }
  return t.done_forward_bad_tracking;
}

export function forwardingBody(language: Language, rows: ForwardRow[], state: ForwardState | undefined, csrfToken: string | undefined, done: ForwardDone | null, timeZone = 'UTC'): SafeHtml {
  const t = m(language);
  const link = (value: ForwardState | undefined, label: string) =>
    value === state ? html`<strong>${label}</strong>` : html`<a href="/moderate/forwarding${value ? `?state=${value}` : ''}">${label}</a>`;
  const open = rows.filter((row) => row.state === 'dead' || row.state === 'unknown');
  return html`<nav aria-label="${t.forwardTitle}"><p>${link(undefined, t.forwardAll)} · ${FORWARD_STATES.map((s, i) => html`${i > 0 ? ' · ' : ''}${link(s, forwardStateLabel(language, s))}`)}</p></nav>
<div class="confirm${done ? ' filled' : ''}" role="status" aria-live="polite">${done ? html`<p><strong>${forwardDoneText(language, done)}</strong></p>` : ''}</div>
<table><thead><tr><th scope="col">${t.submission}</th><th scope="col">${t.forwardLabel}</th><th scope="col">${t.forwardTracking}</th><th scope="col">${t.forwardAttempts}</th><th scope="col">${t.forwardMessage}</th><th scope="col">${t.forwardUpdated}</th></tr></thead>
<tbody>${rows.map(
    (row) => html`<tr><td><a href="${submissionHref(row.submissionId)}">${row.submissionId}</a></td><td>${forwardStateLabel(language, row.state)}</td><td>${
      row.trackingNumber ? html`<a href="${regulationsCommentUrl(row.trackingNumber)}" rel="noopener noreferrer">${row.trackingNumber}</a>` : '—'
    }</td><td>${row.attempts}</td><td>${row.apiMessage ?? '—'}</td><td>${timeHtml(row.updatedAt, language, timeZone)}</td></tr>`,
  )}</tbody></table>
${open.length > 0 ? html`<section id="resolve"><h2>${t.forwardActions}</h2><p class="hint">${t.forwardResolveHelp}</p>
<ul class="resolve-list">${open.map((row, i) => resolveForms(language, row, i, state, csrfToken))}</ul></section>` : ''}`;
}

function resolveForms(language: Language, row: ForwardRow, i: number, state: ForwardState | undefined, csrfToken: string | undefined): SafeHtml {
  const t = m(language);
  const action = `/moderate/forwarding/${encodeURIComponent(row.submissionId)}/resolve`;
  const keep = html`<input type="hidden" name="_csrf" value="${csrfToken ?? ''}">${state ? html`<input type="hidden" name="state" value="${state}">` : ''}`;
  return html`<li><p><a href="${submissionHref(row.submissionId)}">${row.submissionId}</a>: ${forwardStateLabel(language, row.state)}${row.apiMessage ? html` (${row.apiMessage})` : ''}</p>
<form method="post" action="${action}" class="action">${keep}<label for="tracking-${i}">${t.forwardTrackingInput}</label>
<input id="tracking-${i}" name="trackingNumber" required pattern="[A-Za-z0-9\\-]{3,60}" maxlength="60" autocomplete="off">
<button type="submit">${t.forwardIsOnDocket}</button></form>
<form method="post" action="${action}" class="action">${keep}<input type="hidden" name="retry" value="1"><button type="submit">${t.forwardPostAgain}</button></form></li>`;
}
