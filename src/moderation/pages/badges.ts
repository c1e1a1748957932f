import type { Language } from '../../core/types.js';
import { m } from '../messages.js';
import type { ModerationAnswer, ModerationSubmission } from '../submission-view.js';
import { html, type SafeHtml } from './html.js';

/**
 * The state of one answer in the reading view, as text badges (never colour alone): quarantined, approved
 * for the docket, redacted, PII warning. Pure.
 */
export function readingBadges(language: Language, s: ModerationSubmission, a: ModerationAnswer | undefined): SafeHtml {
  const t = m(language);
  const badges: Array<[string, string]> = [];
  if (s.flags.includes('quarantined')) badges.push(['quarantined', t.badge_quarantined]);
  if (s.flags.includes('cleared')) badges.push(['approved', t.badge_approved]);
  if (a?.redacted !== null && a?.redacted !== undefined) badges.push(['redacted', t.badge_redacted]);
  if (s.flags.includes('pii-suspected')) badges.push(['pii', t.badge_pii]);
  if (badges.length === 0) return html``;
  return html` <span class="badges">${badges.map(([kind, label]) => html`<span class="badge badge-${kind}">${label}</span> `)}</span>`;
}

/** Quarantined answers are collapsed until the moderator opens them. */
export function readingText(language: Language, s: ModerationSubmission, text: SafeHtml | string): SafeHtml {
  const body = html`<div class="answer-text">${text}</div>`;
  if (!s.flags.includes('quarantined')) return body;
  return html`<details class="quarantined"><summary>${m(language).showQuarantined}</summary>${body}</details>`;
}
