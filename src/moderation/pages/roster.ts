import type { Channel, Language } from '../../core/types.js';
import type { ReminderPlan } from '../../reminders/plan.js';
import { reachOf } from '../../roster/reach.js';
import type { Partner, RosterProgress, SendProgress, VisitorCounts } from '../../roster/types.js';
import { fill, m, type MessageKey } from '../messages.js';
import { barChart } from './charts.js';
import { html, type SafeHtml } from './html.js';
import { timeHtml } from './times.js';

/**
 * The staff page: the campaign's progress as a chart with its numbers, the CSV upload, the reminder plan
 * (shown and editable), the forms that lead to a preview before anything is sent, every send's progress
 * bar (a native <progress> with the counts written out, so nothing relies on the bar alone), the
 * partners with how each can be reached, and the anonymous web chat visitors as a count. Pure.
 */
const STATUS_KEYS: Array<[keyof RosterProgress, MessageKey]> = [
  ['invited', 'status_invited'],
  ['started', 'status_started'],
  ['submitted', 'status_submitted'],
  ['optedOut', 'status_opted_out'],
  ['unreachable', 'status_unreachable'],
];

/** The notices a redirect back to the page may name (`?notice=`): never free text from the URL. */
export const ROSTER_NOTICES: Record<string, MessageKey> = {
  queued: 'noticeQueued',
  duplicate: 'noticeDuplicate',
  refused: 'noticeRefused',
  nothing: 'noticeNothing',
  'plan-saved': 'planSaved',
  'csv-too-large': 'csvTooLarge',
  'csv-no-file': 'csvNoFile',
};

export interface RosterView {
  progress: RosterProgress;
  sends: SendProgress[];
  partners: Partner[];
  visitors: VisitorCounts;
  plan: ReminderPlan;
  channels: ReadonlySet<Channel>;
  minGapMs: number;
  csrfToken: string | undefined;
  notice: string | null;
  /** A form that was refused (shown as an alert), e.g. the plan's problems. */
  problem: string | null;
  /** The questionnaire's time zone: times are shown there, UTC on hover. */
  timeZone?: string;
}

function statusLabel(language: Language, status: string): string {
  return m(language)[`status_${status.replace('-', '_')}` as MessageKey] ?? status;
}

export function audienceLabel(language: Language, audience: string): string {
  return m(language)[`audience_${audience.replace('-', '_')}` as MessageKey] ?? audience;
}

function sendRow(language: Language, send: SendProgress, timeZone = 'UTC'): SafeHtml {
  const t = m(language);
  const total = send.queued + send.sent + send.failed + send.skipped + send.unknown;
  const finished = total - send.queued;
  return html`<tr><td>${t[`sendKind_${send.kind}` as MessageKey]}</td><td>${audienceLabel(language, send.audience)}</td><td>${timeHtml(send.createdAt, language, timeZone)}</td>
<td><progress max="${String(Math.max(total, 1))}" value="${String(finished)}">${finished} / ${total}</progress> ${finished} / ${total} (${send.done ? t.sendDone : t.sendRunning})</td>
<td>${send.sent} / ${send.failed} / ${send.skipped} / ${send.unknown} / ${send.queued}</td></tr>`;
}

/** "Slack", "Email", or "Not reachable: their channel is not set up on this server". */
export function reachLabel(language: Language, partner: Partner, channels: ReadonlySet<Channel>): string {
  const t = m(language);
  const reach = reachOf(
    { platform: partner.platform, remindersOptedOut: partner.remindersOptedOut, unreachableCode: partner.unreachableCode, connected: partner.reachable, hasEmail: partner.hasEmail, emailConfirmed: partner.emailConfirmed, lastSentAtMs: null },
    // A partner not yet invited can still be invited by email at an imported address; later, only a confirmed one is used.
    { channels, purpose: partner.status === 'invited' && partner.invitedAt === null ? 'invite' : 'reminder' },
  );
  if ('channel' in reach) return t[`channel_${reach.channel}` as MessageKey];
  return fill(t.notReachable, { reason: t[`reason_${reach.reason}` as MessageKey] });
}

/** A table in a region that scrolls sideways on a phone (focusable, so keyboard users can scroll it too). */
export function scrollTable(label: string, table: SafeHtml): SafeHtml {
  return html`<div class="table-scroll" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
}

function planForm(language: Language, plan: ReminderPlan, minGapMs: number, csrf: SafeHtml): SafeHtml {
  const t = m(language);
  const hours = minGapMs / 3_600_000;
  return html`<section aria-labelledby="plan-title"><h2 id="plan-title">${t.planTitle}</h2><p>${t.planHelp}</p>
<p>${hours > 0 ? fill(t.capHelp, { hours }) : t.capOff}</p>
<form method="post" action="/moderate/roster/plan" class="stack">${csrf}
<label for="plan-days">${t.planDays}</label><input id="plan-days" name="daysBefore" inputmode="numeric" required value="${plan.daysBefore.join(', ')}">
<label for="plan-hour">${t.planHour}</label><input id="plan-hour" name="localHour" type="number" min="0" max="23" required value="${plan.localHour}">
<label for="plan-quiet-start">${t.planQuietStart}</label><input id="plan-quiet-start" name="quietStart" type="number" min="0" max="23" required value="${plan.quietHours.start}">
<label for="plan-quiet-end">${t.planQuietEnd}</label><input id="plan-quiet-end" name="quietEnd" type="number" min="0" max="23" required value="${plan.quietHours.end}">
<label class="checkbox"><input name="weekends" type="checkbox" value="1"${plan.weekends ? html` checked` : ''}> ${t.planWeekends}</label>
<button type="submit">${t.planSave}</button></form></section>`;
}

function sendForms(language: Language): SafeHtml {
  const t = m(language);
  const audiences = (['unfinished', 'not-started', 'in-progress'] as const).map((a) => html`<option value="${a}">${audienceLabel(language, a)}</option>`);
  // GET forms: a preview changes nothing; only its confirm button (a POST with a one-time token) sends.
  return html`<section aria-labelledby="remind-title"><h2 id="remind-title">${t.remindNow}</h2>
<form method="get" action="/moderate/roster/preview" class="stack"><input type="hidden" name="kind" value="reminder">
<label for="remind-audience">${t.audience}</label><select id="remind-audience" name="audience">${audiences}</select>
<label for="remind-message">${t.staffMessage}</label><textarea id="remind-message" name="message" maxlength="1000" rows="2"></textarea>
<button type="submit">${t.previewButton}</button></form>
<h3>${t.inviteAll}</h3><p>${t.inviteHelp}</p>
<form method="get" action="/moderate/roster/preview" class="stack"><input type="hidden" name="kind" value="invite">
<label for="invite-message">${t.staffMessage}</label><textarea id="invite-message" name="message" maxlength="1000" rows="2"></textarea>
<button type="submit">${t.previewInvite}</button></form></section>`;
}

function csvForm(language: Language, csrf: SafeHtml): SafeHtml {
  const t = m(language);
  return html`<section aria-labelledby="csv-title"><h2 id="csv-title">${t.csvTitle}</h2><p id="csv-help">${t.csvHelp}</p>
<form method="post" action="/moderate/roster/import" enctype="multipart/form-data" class="stack">${csrf}
<label for="csv-file">${t.csvFile}</label><input id="csv-file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="csv-help">
<button type="submit">${t.csvUpload}</button></form></section>`;
}

function partnersTable(language: Language, view: RosterView): SafeHtml {
  const t = m(language);
  if (view.partners.length === 0) return html`<p>${t.rosterEmpty}</p>`;
  return scrollTable(
    t.rosterPartners,
    html`<table><thead><tr><th scope="col">${t.partnerName}</th><th scope="col">${t.partnerOrganization}</th><th scope="col">${t.partnerPlatform}</th><th scope="col">${t.partnerReach}</th><th scope="col">${t.partnerStatus}</th><th scope="col">${t.partnerLastContact}</th></tr></thead>
<tbody>${view.partners.map(
      (p) =>
        html`<tr><td>${p.name ?? p.userId ?? '—'}</td><td>${p.organization ?? '—'}</td><td>${p.platform}</td><td>${reachLabel(language, p, view.channels)}</td><td>${statusLabel(language, p.status)}</td><td>${p.lastContactAt?.slice(0, 16).replace('T', ' ') ?? '—'}</td></tr>`,
    )}</tbody></table>`,
  );
}

export function rosterBody(language: Language, view: RosterView): SafeHtml {
  const t = m(language);
  // Times in the questionnaire's zone, UTC on hover (issue 20 item 5).
  const zone = view.timeZone ?? 'UTC';
  const bars = STATUS_KEYS.map(([key, label]) => ({ label: t[label], value: view.progress[key] }));
  const csrf = html`<input type="hidden" name="_csrf" value="${view.csrfToken ?? ''}">`;
  return html`${view.notice ? html`<p role="status" class="notice">${view.notice}</p>` : ''}${view.problem ? html`<p role="alert" class="error">${view.problem}</p>` : ''}
<dl class="totals"><div><dt>${t.rosterTotal}</dt><dd>${view.progress.total}</dd></div>
${bars.map((bar) => html`<div><dt>${bar.label}</dt><dd>${bar.value}</dd></div>`)}</dl>
<section><h2>${t.rosterProgress}</h2>${barChart(t.rosterProgress, bars)}</section>
${sendForms(language)}
<section><h2>${t.rosterSends}</h2>${
    view.sends.length === 0
      ? html`<p>${t.rosterNoSends}</p>`
      : scrollTable(
          t.rosterSends,
          html`<table><thead><tr><th scope="col">${t.action}</th><th scope="col">${t.sendAudience}</th><th scope="col">${t.when}</th><th scope="col">${t.sendProgress}</th><th scope="col">${t.sendCounts}</th></tr></thead>
<tbody>${view.sends.map((send) => sendRow(language, send, zone))}</tbody></table>`,
        )
  }</section>
${planForm(language, view.plan, view.minGapMs, csrf)}
${csvForm(language, csrf)}
<section aria-labelledby="partners-title"><h2 id="partners-title">${t.rosterPartners}</h2>${partnersTable(language, view)}</section>
<section aria-labelledby="visitors-title"><h2 id="visitors-title">${t.visitorsTitle}</h2><p>${fill(t.visitorsHelp, { ...view.visitors })}</p></section>`;
}
