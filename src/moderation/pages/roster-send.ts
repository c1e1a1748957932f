import type { Language } from '../../core/types.js';
import type { SendPreview } from '../../reminders/service.js';
import { REACH_CHANNELS, UNREACHABLE_REASONS } from '../../roster/reach.js';
import type { ImportReport } from '../../roster/types.js';
import { fill, m, type MessageKey } from '../messages.js';
import { html, type SafeHtml } from './html.js';
import { audienceLabel, scrollTable } from './roster.js';

/**
 * What staff see before anything is sent (who it reaches by channel, who it cannot and why, the message
 * itself) with the confirm form, and the report of a CSV upload. Pure.
 *
 * The confirm form carries a one-time token (the send's id): the same form posted twice sends once.
 */
export function previewBody(
  language: Language,
  view: { preview: SendPreview; message: string; token: string; csrfToken: string | undefined },
): SafeHtml {
  const t = m(language);
  const { preview } = view;
  const held = preview.cannotReach.frequencyCap;
  const cannot = UNREACHABLE_REASONS.reduce((sum, reason) => sum + preview.cannotReach[reason], 0);
  const canOverride = preview.kind === 'reminder' && held > 0;
  const reachList = html`<ul>${REACH_CHANNELS.map((channel) => html`<li>${t[`channel_${channel}` as MessageKey]}: <strong>${preview.reach[channel]}</strong></li>`)}</ul>`;
  const cannotList = html`<ul>${UNREACHABLE_REASONS.filter((reason) => preview.cannotReach[reason] > 0).map(
    (reason) => html`<li>${t[`reason_${reason}` as MessageKey]}: <strong>${preview.cannotReach[reason]}</strong></li>`,
  )}</ul>`;
  const paragraphs = preview.message.text.split('\n\n').map((paragraph) => html`<p>${paragraph}</p>`);
  const confirm =
    preview.reachable > 0 || canOverride
      ? html`<form method="post" action="/moderate/roster/send" class="stack">
<input type="hidden" name="_csrf" value="${view.csrfToken ?? ''}"><input type="hidden" name="token" value="${view.token}">
<input type="hidden" name="kind" value="${preview.kind}"><input type="hidden" name="audience" value="${preview.audience}">
<input type="hidden" name="message" value="${view.message}">
${canOverride ? html`<label class="checkbox"><input type="checkbox" name="overrideCap" value="1"> ${fill(t.previewOverride, { n: held })}</label>` : ''}
<button type="submit">${fill(t.previewConfirm, { n: preview.reachable })}</button> <a href="/moderate/roster">${t.previewCancel}</a></form>`
      : html`<p role="status">${t.previewNothing}</p><p><a href="/moderate/roster">${t.backToRoster}</a></p>`;
  return html`<dl class="meta"><div><dt>${t.previewAudience}</dt><dd>${preview.kind === 'invite' ? t.inviteAll : audienceLabel(language, preview.audience)}</dd></div></dl>
<section aria-labelledby="reach-title"><h2 id="reach-title">${fill(t.previewReaches, { n: preview.reachable })}</h2>${reachList}</section>
<section aria-labelledby="cannot-title"><h2 id="cannot-title">${fill(t.previewCannotReach, { n: cannot })}</h2>${cannot > 0 ? cannotList : ''}
${preview.kind === 'invite' ? html`<p>${fill(t.previewAlreadyInvited, { n: preview.alreadyInvited })}</p>` : ''}
<p>${preview.minGapHours > 0 ? fill(t.capHelp, { hours: preview.minGapHours }) : t.capOff}</p></section>
<section aria-labelledby="message-title"><h2 id="message-title">${t.previewMessage}</h2>
<blockquote class="message-preview" lang="${preview.message.language}">${paragraphs}</blockquote>
<p>${t.previewMessageNote} ${preview.message.actions.join(', ')}</p></section>
${confirm}`;
}

export function previewProblemBody(language: Language, problem: string): SafeHtml {
  const t = m(language);
  return html`<p role="alert" class="error">${t.previewProblem} ${problem}</p><p><a href="/moderate/roster">${t.backToRoster}</a></p>`;
}

export function importReportBody(language: Language, report: ImportReport): SafeHtml {
  const t = m(language);
  const summary = fill(t.importSummary, { imported: report.imported, created: report.created, updated: report.updated, errors: report.errors.length });
  return html`<p role="status">${summary}</p>${
    report.errors.length === 0
      ? html`<p>${t.importNoProblems}</p>`
      : scrollTable(
          t.importTitle,
          html`<table><thead><tr><th scope="col">${t.importLine}</th><th scope="col">${t.importProblem}</th></tr></thead>
<tbody>${report.errors.map((error) => html`<tr><td>${error.line}</td><td>${error.message}</td></tr>`)}</tbody></table>`,
        )
  }<p><a href="/moderate/roster">${t.backToRoster}</a></p>`;
}
