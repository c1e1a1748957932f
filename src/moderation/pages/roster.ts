import type { Language } from '../../core/types.js';
import type { Partner, RosterProgress, SendProgress } from '../../roster/types.js';
import { m, type MessageKey } from '../messages.js';
import { barChart } from './charts.js';
import { html, type SafeHtml } from './html.js';
import { timeHtml } from './times.js';

/**
 * The staff page: the campaign's progress as a chart with its numbers, every send's progress bar (a
 * native <progress> with the counts written out, so nothing relies on the bar alone), the forms to invite
 * and remind, and the partners. Pure.
 */
const STATUS_KEYS: Array<[keyof RosterProgress, MessageKey]> = [
  ['invited', 'status_invited'],
  ['started', 'status_started'],
  ['submitted', 'status_submitted'],
  ['optedOut', 'status_opted_out'],
  ['unreachable', 'status_unreachable'],
];

function statusLabel(language: Language, status: string): string {
  return m(language)[`status_${status.replace('-', '_')}` as MessageKey] ?? status;
}

function sendRow(language: Language, send: SendProgress, timeZone: string): SafeHtml {
  const t = m(language);
  const total = send.queued + send.sent + send.failed + send.skipped + send.unknown;
  const finished = total - send.queued;
  const audienceKey = `audience_${send.audience.replace('-', '_')}` as MessageKey;
  return html`<tr><td>${t[`sendKind_${send.kind}` as MessageKey]}</td><td>${t[audienceKey] ?? send.audience}</td><td>${timeHtml(send.createdAt, language, timeZone)}</td>
<td><progress max="${String(Math.max(total, 1))}" value="${String(finished)}">${finished} / ${total}</progress> ${finished} / ${total} (${send.done ? t.sendDone : t.sendRunning})</td>
<td>${send.sent} / ${send.failed} / ${send.skipped} / ${send.unknown} / ${send.queued}</td></tr>`;
}

export function rosterBody(
  language: Language,
  view: { progress: RosterProgress; sends: SendProgress[]; partners: Partner[]; csrfToken: string | undefined; notice: string | null; timeZone?: string },
): SafeHtml {
  const t = m(language);
  // Times in the questionnaire's zone, UTC on hover (issue 20 item 5).
  const zone = view.timeZone ?? 'UTC';
  const bars = STATUS_KEYS.map(([key, label]) => ({ label: t[label], value: view.progress[key] }));
  const csrf = html`<input type="hidden" name="_csrf" value="${view.csrfToken ?? ''}">`;
  const audiences = (['unfinished', 'not-started', 'in-progress'] as const).map(
    (a) => html`<option value="${a}">${t[`audience_${a.replace('-', '_')}` as MessageKey]}</option>`,
  );
  return html`${view.notice ? html`<p role="status" class="notice">${view.notice}</p>` : ''}
<dl class="totals"><div><dt>${t.rosterTotal}</dt><dd>${view.progress.total}</dd></div>
${bars.map((bar) => html`<div><dt>${bar.label}</dt><dd>${bar.value}</dd></div>`)}</dl>
<section><h2>${t.rosterProgress}</h2>${barChart(t.rosterProgress, bars)}</section>
<section><h2>${t.remindNow}</h2>
<form method="post" action="/moderate/roster/remind">${csrf}
<label>${t.audience} <select name="audience">${audiences}</select></label>
<label>${t.staffMessage} <textarea name="message" maxlength="1000" rows="2"></textarea></label>
<button type="submit">${t.send}</button></form>
<form method="post" action="/moderate/roster/invite">${csrf}<button type="submit">${t.inviteAll}</button></form></section>
<section><h2>${t.rosterSends}</h2>${
    view.sends.length === 0
      ? html`<p>${t.rosterNoSends}</p>`
      : html`<table><thead><tr><th scope="col">${t.action}</th><th scope="col">${t.sendAudience}</th><th scope="col">${t.when}</th><th scope="col">${t.sendProgress}</th><th scope="col">${t.sendCounts}</th></tr></thead>
<tbody>${view.sends.map((send) => sendRow(language, send, zone))}</tbody></table>`
  }</section>
<section><h2>${t.rosterPartners}</h2><table><thead><tr><th scope="col">${t.partnerName}</th><th scope="col">${t.partnerPlatform}</th><th scope="col">${t.partnerStatus}</th><th scope="col">${t.partnerLastContact}</th></tr></thead>
<tbody>${view.partners.map(
    (p) => html`<tr><td>${p.name ?? p.organization ?? p.userId ?? '—'}</td><td>${p.platform}</td><td>${statusLabel(language, p.status)}</td><td>${p.lastContactAt ? timeHtml(p.lastContactAt, language, zone) : '—'}</td></tr>`,
  )}</tbody></table></section>`;
}
