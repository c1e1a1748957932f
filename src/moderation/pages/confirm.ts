import type { Language } from '../../core/types.js';
import { ORGANIZATION_FIELD_ID } from '../../core/submission.js';
import { COMMITTEES, FLAGS, type Flag } from '../committees.js';
import { fill, m, type MessageKey } from '../messages.js';
import { html, type SafeHtml } from './html.js';

/**
 * What a dashboard action says after its POST → 303 → GET: the redirect carries a `?done=` code from a
 * fixed list (never partner text), and the page renders the matching confirmation in a status region in
 * the section the form was in (the redirect's anchor), with an Undo where the opposite is safe. Pure.
 *
 * Codes: `flag-set.<flag>`, `flag-cleared.<flag>`, `committee-set.<id>`, `committee-cleared.<id>`,
 * `redaction-saved.<n|organization>`, `redaction-removed.<n|organization>`; on the Docket page
 * `forward-tracking`, `forward-retry`, `forward-not-resolvable.<state>`, `forward-bad-tracking`.
 */
export type Done =
  | { kind: 'flag'; on: boolean; flag: Flag }
  | { kind: 'committee'; on: boolean; committee: string }
  | { kind: 'redaction'; on: boolean; target: number | 'organization' };

export function doneCode(done: Done): string {
  if (done.kind === 'flag') return `flag-${done.on ? 'set' : 'cleared'}.${done.flag}`;
  if (done.kind === 'committee') return `committee-${done.on ? 'set' : 'cleared'}.${done.committee}`;
  return `redaction-${done.on ? 'saved' : 'removed'}.${done.target}`;
}

/** The section a form lives in, and where its redirect lands. */
export function doneAnchor(done: Done): string {
  if (done.kind === 'flag') return 'flags';
  if (done.kind === 'committee') return 'committees';
  return done.target === 'organization' ? 'organization' : `answer-${done.target}`;
}

/** A `done` code back into what happened; anything not on the fixed list is ignored (null). */
export function parseDone(raw: string | null, questionCount: number): Done | null {
  const match = /^(flag|committee|redaction)-(set|cleared|saved|removed)\.([a-z0-9-]{1,60})$/.exec(raw ?? '');
  if (!match) return null;
  const [, kind, verb, what] = match as unknown as [string, string, string, string];
  if (kind === 'flag' && (verb === 'set' || verb === 'cleared')) {
    const flag = FLAGS.find((f) => f === what);
    return flag ? { kind: 'flag', on: verb === 'set', flag } : null;
  }
  if (kind === 'committee' && (verb === 'set' || verb === 'cleared')) {
    return COMMITTEES.some((c) => c.id === what) ? { kind: 'committee', on: verb === 'set', committee: what } : null;
  }
  if (kind === 'redaction' && (verb === 'saved' || verb === 'removed')) {
    if (what === 'organization') return { kind: 'redaction', on: verb === 'saved', target: 'organization' };
    const n = Number(what);
    return Number.isInteger(n) && n >= 1 && n <= questionCount && String(n) === what ? { kind: 'redaction', on: verb === 'saved', target: n } : null;
  }
  return null;
}

export function committeeName(language: Language, id: string): string {
  return COMMITTEES.find((c) => c.id === id)?.name[language] ?? id;
}

/** The words for what happened: the same on the page that confirms it and in the audit log. */
export function doneText(language: Language, done: Done): string {
  const t = m(language);
  if (done.kind === 'flag') return t[`done_flag_${done.on ? 'set' : 'cleared'}_${done.flag.replace(/-/g, '_')}` as MessageKey];
  if (done.kind === 'committee') return fill(done.on ? t.done_committee_set : t.done_committee_cleared, { name: committeeName(language, done.committee) });
  if (done.target === 'organization') return done.on ? t.done_redaction_saved_org : t.done_redaction_removed_org;
  return fill(done.on ? t.done_redaction_saved : t.done_redaction_removed, { n: done.target });
}

/** The form a flag or committee Undo posts: the opposite of what was just done. Redactions have none (the old text is gone). */
export function undoFields(done: Done): Record<string, string> | null {
  if (done.kind === 'flag') return { flag: done.flag, do: done.on ? 'clear' : 'set' };
  if (done.kind === 'committee') return { committee: done.committee, do: done.on ? 'clear' : 'set' };
  return null;
}

/** The status region: always present in a section (so it is announced when filled), filled after an action there. */
export function confirmation(language: Language, text: string | null, undo: { action: string; csrfToken: string | undefined; fields: Record<string, string> } | null): SafeHtml {
  const t = m(language);
  if (text === null) return html`<div class="confirm" role="status" aria-live="polite"></div>`;
  return html`<div class="confirm filled" role="status" aria-live="polite"><p><strong>${text}</strong></p>${
    undo
      ? html`<form method="post" action="${undo.action}" class="undo"><input type="hidden" name="_csrf" value="${undo.csrfToken ?? ''}">${Object.entries(undo.fields).map(
          ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
        )}<button type="submit">${t.undo}</button></form>`
      : ''
  }</div>`;
}

export function isOrganizationTarget(questionId: string): boolean {
  return questionId === ORGANIZATION_FIELD_ID;
}
