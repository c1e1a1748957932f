import type { PiiHint } from '../../core/submission.js';
import type { Language } from '../../core/types.js';
import type { FlowDefinition } from '../../flow/definition.js';
import type { AuditEntry, ExportCounts, Stats } from '../repository.js';
import { COMMITTEES, FLAGS } from '../committees.js';
import { SORTS, REVIEW_FILTERS, type Sort, type SubmissionFilters } from '../filters.js';
import type { ForwardRow } from '../../forwarding/repository.js';
import type { Neighbours } from '../repository.js';
import { forwardStateLabel } from './forwarding.js';
import { timeHtml, zoneName } from './times.js';
import { fill, flagLabel, m, piiKindLabel, type MessageKey } from '../messages.js';
import { publishedOrganization, type ModerationAnswer, type ModerationSubmission } from '../submission-view.js';
import { ORGANIZATION_FIELD_ID } from '../../core/submission.js';
import { barChart, timeChart } from './charts.js';
import { html, join, type SafeHtml } from './html.js';
import { submissionHref } from './links.js';
import { confirmation, doneText, type Done } from './confirm.js';
import { committeeControls, reviewControls } from './actions.js';
import { readingBadges, readingText } from './badges.js';
import { auditActionLabel } from './audit-labels.js';

/** Page bodies (pure: data in, escaped HTML out). */

export function loginBody(language: Language, failed: boolean, next: string): SafeHtml {
  const t = m(language);
  return html`<form method="post" action="/moderate/login" class="login">
${failed ? html`<p class="error" role="alert">${t.loginFailed}</p>` : ''}
<p>${t.loginHelp}</p>
<label for="token">${t.tokenLabel}</label>
<input id="token" name="token" type="password" autocomplete="off" required>
<input type="hidden" name="next" value="${next}">
<button type="submit">${t.loginButton}</button></form>`;
}

/** The respondent type as partners chose it (the flow's label), falling back to the stored id. */
function respondentTypeLabel(flow: FlowDefinition, id: string, language: Language): string {
  return flow.respondentTypes.find((type) => type.id === id)?.label[language] ?? id;
}

export function overviewBody(language: Language, stats: Stats, flow: FlowDefinition, deadlineAt: Date): SafeHtml {
  const t = m(language);
  const respondentLabel = (id: string) => respondentTypeLabel(flow, id, language);
  const section = (title: string, bars: Array<{ label: string; value: number; href?: string }>) =>
    html`<section><h2>${title}</h2>${bars.length === 0 ? html`<p>${t.none}</p>` : html`${barChart(title, bars)}${dataTable(bars, language)}`}</section>`;
  // Every tile and bar opens the list filtered to what it counts (issue 20 item 4).
  const list = (query: Record<string, string>) => `/moderate/submissions${Object.keys(query).length > 0 ? `?${new URLSearchParams(query).toString()}` : ''}`;
  const tile = (label: string, value: number, href: string) => html`<div><dt>${label}</dt><dd><a href="${href}">${value}</a></dd></div>`;
  return html`<dl class="totals">${tile(t.totalSubmissions, stats.total, list({}))}
${tile(t.flagged, stats.flagged, list({ review: 'flagged' }))}
${tile(t.awaitingReview, stats.awaitingReview, list({ review: 'awaiting' }))}
<div><dt>${t.deadline}</dt><dd>${timeHtml(deadlineAt.toISOString(), language, flow.timeZone)}</dd></div></dl>
<section><h2>${t.overTime}</h2>${timeChart(t.overTime, stats.byDay.map((d) => ({ day: d.day, value: d.count })), deadlineAt.toISOString().slice(0, 10), t.deadline)}
${dataTable(stats.byDay.map((d) => ({ label: d.day, value: d.count, href: list({ from: d.day, to: d.day }) })), language)}</section>
${section(
  t.perQuestion,
  flow.questions.map((_, i) => ({ label: `${t.question} ${i + 1}`, value: stats.byQuestion.find((q) => q.index === i + 1)?.count ?? 0, href: list({ question: String(i + 1) }) })),
)}
${section(t.byRespondentType, stats.byRespondentType.map((r) => ({ label: respondentLabel(r.respondentType), value: r.count, href: list({ respondentType: r.respondentType }) })))}
${section(t.byChannel, stats.byChannel.map((c) => ({ label: c.channel, value: c.count, href: list({ channel: c.channel }) })))}
${section(t.byFlag, stats.byFlag.map((f) => ({ label: flagLabel(language, f.flag), value: f.count, href: list({ flag: f.flag }) })))}
${section(t.byCommittee, stats.byCommittee.map((c) => ({ label: COMMITTEES.find((x) => x.id === c.committee)?.name[language] ?? c.committee, value: c.count, href: list({ committee: c.committee }) })))}`;
}

function dataTable(rows: Array<{ label: string; value: number; href?: string }>, language: Language): SafeHtml {
  return html`<details><summary>${m(language).data}</summary><table><tbody>${rows.map(
    (r) => html`<tr><th scope="row">${r.href ? html`<a href="${r.href}">${r.label}</a>` : r.label}</th><td>${r.value}</td></tr>`,
  )}</tbody></table></details>`;
}

function option(value: string, label: string, selected: string | undefined): SafeHtml {
  return html`<option value="${value}"${selected === value ? html` selected` : ''}>${label}</option>`;
}

export function filtersForm(language: Language, flow: FlowDefinition, f: SubmissionFilters, raw: URLSearchParams, action: string, isAdmin = false): SafeHtml {
  const t = m(language);
  return html`<form method="get" action="${action}" class="filters" role="search"><fieldset><legend>${t.filters}</legend>
<label>${t.search} <input type="search" name="q" id="q" value="${f.q ?? ''}"></label>
<label>${t.question} <select name="question">${option('', t.any, '')}${flow.questions.map((_, i) => option(String(i + 1), String(i + 1), f.question === undefined ? undefined : String(f.question)))}</select></label>
<label>${t.respondentType} <select name="respondentType">${option('', t.any, '')}${flow.respondentTypes.map((r) => option(r.id, r.label[language], f.respondentType))}</select></label>
<label>${t.channel} <select name="channel">${option('', t.any, '')}${['webchat', 'slack', 'teams'].map((c) => option(c, c, f.channel))}</select></label>
<label>${t.flag} <select name="flag">${option('', t.any, '')}${FLAGS.map((x) => option(x, flagLabel(language, x), f.flag))}</select></label>
<label>${t.committee} <select name="committee">${option('', t.any, '')}${COMMITTEES.map((c) => option(c.id, c.name[language], f.committee))}</select></label>
<label>${t.reviewFilter} <select name="review">${option('', t.any, '')}${REVIEW_FILTERS.map((x) => option(x, t[`review_${x}` as MessageKey], f.review))}</select></label>
<label>${t.sortLabel} <select name="sort">${SORTS.map((x) => option(x, t[`sort_${x}` as MessageKey], raw.get('sort') ?? 'newest'))}</select></label>
<label>${t.from} <input type="date" name="from" value="${raw.get('from') ?? ''}"></label>
<label>${t.to} <input type="date" name="to" value="${raw.get('to') ?? ''}"></label>
<label class="checkbox"><input type="checkbox" name="includeQuarantined" value="1"${f.includeQuarantined ? html` checked` : ''}> ${t.includeQuarantined}</label>
${isAdmin ? html`<label class="checkbox"><input type="checkbox" name="searchOriginal" value="1"${f.searchOriginal ? html` checked` : ''}> ${t.searchOriginal}</label>` : ''}
<button type="submit">${t.apply}</button> <a href="${action}">${t.reset}</a></fieldset></form>`;
}

/** What the download links and form need: counts per export (see ExportCounts), and the review rule. */
export interface ExportSummary {
  /** Counts for CSV and JSONL (quarantined left out unless asked). */
  working: ExportCounts;
  /** Counts for regulations.json as downloaded by default. */
  docket: ExportCounts;
  /** after-review: the docket file holds only cleared submissions unless includeUnreviewed is ticked. */
  onlyClearedByDefault: boolean;
  isAdmin: boolean;
}

/** "7 of 8; 1 quarantined left out" — plain words, no colour or icon needed to read it. */
export function exportCountsLine(language: Language, template: string, counts: ExportCounts): string {
  const t = m(language);
  const included = counts.matching - counts.quarantined - counts.unreviewed;
  const parts = [fill(template, { included, matching: counts.matching })];
  if (counts.quarantined > 0) parts.push(fill(t.exportLeftOutQuarantined, { n: counts.quarantined }));
  if (counts.unreviewed > 0) parts.push(fill(t.exportLeftOutUnreviewed, { n: counts.unreviewed }));
  return parts.join('; ');
}

/** What the workbench list shows besides the page of items (issue 20 item 4). */
export interface ListView {
  /** Every submission matching the filters (all pages). */
  total: number;
  sort: Sort;
  /** Docket state per listed submission id; null when forwarding is not configured. */
  docket: ReadonlyMap<string, ForwardRow | null> | null;
  timeZone: string;
}

/** The list's own query (filters and sort, no cursor): carried to each submission for previous/next. */
/** What the list's links carry along: its filters and sort, never paging, the export choice or a page's confirmation (`done`, `of`). */
const NOT_CARRIED = new Set(['cursor', 'limit', 'includeUnreviewed', 'done', 'of']);

export function listQuery(raw: URLSearchParams): URLSearchParams {
  return new URLSearchParams([...raw].filter(([k, v]) => !NOT_CARRIED.has(k) && v !== ''));
}

/** The review state a moderator means, in one word: quarantined over approved over PII suspected. */
export function reviewState(language: Language, s: ModerationSubmission): string {
  const t = m(language);
  if (s.flags.includes('quarantined')) return t.reviewState_quarantined;
  if (s.flags.includes('cleared')) return t.reviewState_cleared;
  if (s.flags.includes('pii-suspected')) return t.reviewState_awaiting;
  return t.reviewState_open;
}

export function languageLabel(language: Language, value: string): string {
  return value === 'en' || value === 'es' ? m(language)[`lang_${value}`] : value;
}

function docketCell(language: Language, docket: ListView['docket'], id: string): string {
  const t = m(language);
  if (docket === null) return t.docketNotConfigured;
  const row = docket.get(id) ?? null;
  if (!row) return t.docketNotQueued;
  return `${forwardStateLabel(language, row.state)}${row.trackingNumber ? ` (${row.trackingNumber})` : ''}`;
}

export function listBody(
  language: Language,
  flow: FlowDefinition,
  filters: SubmissionFilters,
  raw: URLSearchParams,
  items: ModerationSubmission[],
  nextCursor: string | null,
  exports: ExportSummary,
  view: ListView,
): SafeHtml {
  const t = m(language);
  const exportQuery = listQuery(raw);
  exportQuery.delete('sort');
  const itemQuery = listQuery(raw).toString();
  const nextQuery = new URLSearchParams(raw);
  if (nextCursor) nextQuery.set('cursor', nextCursor);
  const readableQuery = new URLSearchParams(exportQuery);
  readableQuery.set('columns', 'readable');
  const regulationsQuery = [...exportQuery].map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`);
  const committeeNames = (s: ModerationSubmission) =>
    s.committees.length === 0 ? t.noCommittees : s.committees.map((id) => COMMITTEES.find((c) => c.id === id)?.name[language] ?? id).join(', ');
  return html`${filtersForm(language, flow, filters, raw, '/moderate/submissions', exports.isAdmin)}
<p class="exports"><a href="/api/export.csv?${exportQuery.toString()}" download>${t.exportCsv}</a> ·
<a href="/api/export.csv?${readableQuery.toString()}" download>${t.exportCsvReadable}</a> ·
<a href="/api/export.jsonl?${exportQuery.toString()}" download>${t.exportJsonl}</a></p>
<p class="hint">${t.exportReadableHint}</p>
<p class="export-counts" id="export-counts-working">${exportCountsLine(language, t.exportCountsCsv, exports.working)}</p>
<form method="get" action="/api/export/regulations.json" class="exports">${regulationsQuery}
<label>${t.documentId} <input name="documentId" required pattern="[A-Za-z0-9_\\-]{3,80}"></label>
${exports.onlyClearedByDefault ? html`<label class="checkbox"><input type="checkbox" name="includeUnreviewed" value="1" aria-describedby="include-unreviewed-help"> ${t.includeUnreviewed}</label>
<span class="hint" id="include-unreviewed-help">${t.includeUnreviewedHelp}</span>` : ''}
<button type="submit">${t.exportRegulations}</button></form>
<p class="export-counts" id="export-counts-docket">${exportCountsLine(language, t.exportCountsRegulations, exports.docket)}</p>
<p class="hint">${t.keyboardHelp}</p>
<p class="result-count" id="result-count" role="status">${view.total === 1 ? t.listCountOne : fill(t.listCount, { total: view.total })} ${fill(t.listShowing, { shown: items.length })}
${t.sortLabel}: ${t[`sort_${view.sort}` as MessageKey]}.</p>
<p class="hint">${fill(t.timesIn, { zone: zoneName(view.timeZone) })}</p>
${items.length === 0 ? html`<p>${t.noResults}</p>` : ''}
<ol class="submissions" data-keyboard-list>${items.map((s) => html`<li><a href="${submissionHref(s.id)}${itemQuery ? `?${itemQuery}` : ''}"><strong>${s.receipt}</strong>
· ${publishedOrganization(s) ?? t.anonymous} · ${respondentTypeLabel(flow, s.respondentType, language)} · ${s.channel}</a> · ${timeHtml(s.submittedAt, language, view.timeZone)}
${s.possibleDuplicateOf ? html` <span class="tag">${t.possibleDuplicate} ${s.possibleDuplicateOf.receipt}</span>` : ''}
<dl class="badges"><div><dt>${t.colReview}</dt><dd class="tag">${reviewState(language, s)}</dd></div>
<div><dt>${t.colDocket}</dt><dd class="tag">${docketCell(language, view.docket, s.id)}</dd></div>
<div><dt>${t.language}</dt><dd class="tag">${languageLabel(language, s.language)}</dd></div>
<div><dt>${t.committees}</dt><dd class="tag">${committeeNames(s)}</dd></div>
${s.flags.length > 0 ? html`<div><dt>${t.flags}</dt><dd class="flags">${s.flags.map((f) => html`<span class="tag">${flagLabel(language, f)}</span>`)}</dd></div>` : ''}</dl>
<p class="excerpt">${excerpt(s)}</p></li>`)}</ol>
${nextCursor ? html`<p><a href="/moderate/submissions?${nextQuery.toString()}" rel="next">${t.nextPage}</a></p>` : ''}`;
}

/** Previous / next within the list the moderator came from, keeping its filters and sort. */
export function submissionNav(language: Language, query: URLSearchParams, around: Neighbours): SafeHtml {
  const t = m(language);
  const q = query.toString();
  const href = (id: string) => `${submissionHref(id)}${q ? `?${q}` : ''}`;
  return html`<nav class="submission-nav" aria-label="${t.submissionNav}"><p>
${around.previous ? html`<a href="${href(around.previous.id)}" rel="prev">${fill(t.previousSubmission, { receipt: around.previous.receipt })}</a>` : html`<span class="muted">${t.firstInList}</span>`} ·
<a href="/moderate/submissions${q ? `?${q}` : ''}">${t.backToList}</a> ·
${around.next ? html`<a href="${href(around.next.id)}" rel="next">${fill(t.nextSubmission, { receipt: around.next.receipt })}</a>` : html`<span class="muted">${t.lastInList}</span>`}</p></nav>`;
}

function excerpt(s: ModerationSubmission): string {
  const first = s.answers.find((a) => a.answer);
  const text = first ? (first.redacted ?? first.answer ?? '') : '';
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/** The answer with PII hits wrapped in <mark>; offsets come from the scanner, text is escaped piecewise. */
export function highlighted(answer: string, hints: readonly PiiHint[], language: Language): SafeHtml {
  const parts: SafeHtml[] = [];
  let at = 0;
  const sorted = [...hints].sort((a, b) => a.start - b.start);
  for (const hint of sorted) {
    if (hint.start < at || hint.end > answer.length) continue;
    parts.push(html`${answer.slice(at, hint.start)}`);
    const kind = piiKindLabel(language, hint.kind);
    parts.push(html`<mark title="${m(language).piiFound}: ${kind}">${answer.slice(hint.start, hint.end)}</mark><span class="sr-only"> (${kind})</span>`);
    at = hint.end;
  }
  parts.push(html`${answer.slice(at)}`);
  return join(parts);
}

export function answerBlock(language: Language, s: ModerationSubmission, a: ModerationAnswer, csrfToken: string | undefined, editable: boolean, done: Done | null = null): SafeHtml {
  const t = m(language);
  const hints = s.piiHints.filter((h) => h.questionId === a.questionId);
  const mine = done?.kind === 'redaction' && done.target === a.index ? done : null;
  return html`<section class="answer" id="answer-${a.index}"><h2>${a.index}. ${a.question}</h2>
${editable ? confirmation(language, mine ? doneText(language, mine) : null, null) : ''}
${a.answer === null || a.answer === '' ? html`<p class="muted">${t.notAnswered}</p>` : html`
${hints.length > 0 ? html`<p class="pii-note">${t.piiLegend}</p>` : ''}
${a.redacted !== null ? html`<h3>${t.redacted}</h3><div class="answer-text">${a.redacted}</div><h3>${t.original}</h3>` : ''}
<div class="answer-text">${highlighted(a.answer, hints, language)}</div>
${editable ? html`<details${a.redacted !== null ? html` open` : ''}><summary>${t.redactLabel}</summary><form method="post" action="${submissionHref(s.id, '/redactions')}" class="redact">
<input type="hidden" name="_csrf" value="${csrfToken ?? ''}"><input type="hidden" name="questionId" value="${a.questionId}">
<label for="r-${a.questionId}">${t.redactLabel}</label>
<textarea id="r-${a.questionId}" name="text" rows="4">${a.redacted ?? a.answer}</textarea>
<button type="submit" name="do" value="save">${t.saveRedaction}</button>
${a.redacted !== null ? html`<button type="submit" name="do" value="remove">${t.removeRedaction}</button>` : ''}</form></details>` : ''}`}
</section>`;
}

export function submissionBody(language: Language, flow: FlowDefinition, s: ModerationSubmission, csrfToken: string | undefined, done: Done | null = null): SafeHtml {
  const t = m(language);
  return html`<dl class="meta"><div><dt>${t.receipt}</dt><dd>${s.receipt}</dd></div>
<div><dt>${t.submittedAt}</dt><dd>${timeHtml(s.submittedAt, language, flow.timeZone)}</dd></div>
<div><dt>${t.organization}</dt><dd>${organizationValue(language, s)}</dd></div>
<div><dt>${t.respondentType}</dt><dd>${respondentTypeLabel(flow, s.respondentType, language)}</dd></div>
<div><dt>${t.channel}</dt><dd>${s.channel}</dd></div><div><dt>${t.language}</dt><dd>${s.language}</dd></div>
${s.contactEmail !== undefined ? html`<div><dt>${t.contactEmail}</dt><dd>${s.contactEmail ?? t.noContact}</dd></div>` : ''}</dl>
${duplicateHint(language, s)}
${organizationRedaction(language, s, csrfToken, done)}
${reviewControls(language, s, csrfToken, done)}
${committeeControls(language, s, csrfToken, done)}
${s.answers.map((a) => answerBlock(language, s, a, csrfToken, true, done))}`;
}

/** The organization as moderators read it: the redacted version (if any) above the original, PII marked. */
function organizationValue(language: Language, s: ModerationSubmission): SafeHtml {
  const t = m(language);
  if (s.organization === null) return html`${t.anonymous}`;
  const hints = s.piiHints.filter((h) => h.questionId === ORGANIZATION_FIELD_ID);
  const original = highlighted(s.organization, hints, language);
  if (s.organizationRedacted === null) return original;
  return html`${s.organizationRedacted === '' ? t.anonymous : s.organizationRedacted} <span class="muted">(${t.redacted})</span><br><span class="muted">${t.original}:</span> ${original}`;
}

function organizationRedaction(language: Language, s: ModerationSubmission, csrfToken: string | undefined, done: Done | null): SafeHtml {
  const t = m(language);
  if (s.organization === null) return html``;
  const flagged = s.piiHints.some((h) => h.questionId === ORGANIZATION_FIELD_ID);
  const mine = done?.kind === 'redaction' && done.target === 'organization' ? done : null;
  return html`<details class="organization-redaction" id="organization"${flagged || s.organizationRedacted !== null || mine ? html` open` : ''}><summary>${t.redactLabel}: ${t.organization}</summary>
${confirmation(language, mine ? doneText(language, mine) : null, null)}
${flagged ? html`<p class="pii-note">${t.piiLegend}</p>` : ''}
<form method="post" action="${submissionHref(s.id, '/redactions')}" class="redact">
<input type="hidden" name="_csrf" value="${csrfToken ?? ''}"><input type="hidden" name="questionId" value="${ORGANIZATION_FIELD_ID}">
<label for="r-organization">${t.organizationRedactLabel}</label>
<input id="r-organization" name="text" value="${s.organizationRedacted ?? s.organization}" maxlength="500">
<button type="submit" name="do" value="save">${t.saveRedaction}</button>
${s.organizationRedacted !== null ? html`<button type="submit" name="do" value="remove">${t.removeRedaction}</button>` : ''}</form></details>`;
}

function duplicateHint(language: Language, s: ModerationSubmission): SafeHtml {
  const t = m(language);
  const dup = s.possibleDuplicateOf;
  if (!dup) return html``;
  return html`<p class="hint duplicate" role="note">${t.possibleDuplicate} <a href="${submissionHref(dup.id)}">${dup.receipt}</a>
(${fill(t.possibleDuplicateShare, { percent: Math.round(dup.similarity * 100) })}).</p>`;
}

export function questionBody(language: Language, flow: FlowDefinition, index: number, items: ModerationSubmission[], nextUrl: string | null): SafeHtml {
  const t = m(language);
  const question = flow.questions[index - 1];
  return html`<nav aria-label="${t.question}" class="question-nav">${flow.questions.map(
    (_, i) => html`<a href="/moderate/questions/${i + 1}"${i + 1 === index ? html` aria-current="page"` : ''}>${t.question} ${i + 1}</a> `,
  )}</nav>
<p class="question-text">${question?.text[language] ?? ''}</p>
${items.length === 0 ? html`<p>${t.noResults}</p>` : ''}
<ol class="readings" data-keyboard-list>${items.map((s) => {
    const a = s.answers.find((x) => x.index === index);
    return html`<li><p class="meta-line"><a href="${submissionHref(s.id, `#answer-${index}`)}">${s.receipt}</a> · ${publishedOrganization(s) ?? t.anonymous} · ${respondentTypeLabel(flow, s.respondentType, language)}${readingBadges(language, s, a)}</p>
${readingText(language, s, a ? (a.redacted ?? highlighted(a.answer ?? '', s.piiHints.filter((h) => h.questionId === a.questionId), language)) : '')}</li>`;
  })}</ol>
${nextUrl ? html`<p><a href="${nextUrl}" rel="next">${t.nextPage}</a></p>` : ''}`;
}

export function auditBody(language: Language, flow: FlowDefinition, entries: AuditEntry[], olderUrl: string | null): SafeHtml {
  const t = m(language);
  return html`<table class="audit"><thead><tr><th>${t.when}</th><th>${t.who}</th><th>${t.role}</th><th>${t.action}</th><th>${t.submission}</th><th>${t.detail}</th></tr></thead>
<tbody>${entries.map(
    (e) => html`<tr><td>${timeHtml(e.at, language, flow.timeZone)}</td><td>${e.actorName}</td><td>${e.actorRole}</td><td>${auditActionLabel(language, flow, e) ?? ''} <code>${e.action}</code></td>
<td>${e.submissionId ? html`<a href="${submissionHref(e.submissionId)}">${e.submissionId}</a>` : ''}</td><td><code>${JSON.stringify(e.detail).slice(0, 300)}</code></td></tr>`,
  )}</tbody></table>
${olderUrl ? html`<p><a href="${olderUrl}">${t.older}</a></p>` : ''}`;
}
