import type { Language } from '../../core/types.js';
import { COMMITTEES, FLAGS, type Flag } from '../committees.js';
import { fill, flagLabel, m, type MessageKey } from '../messages.js';
import type { ModerationSubmission } from '../submission-view.js';
import { committeeName, confirmation, doneText, undoFields, type Done } from './confirm.js';
import { html, type SafeHtml } from './html.js';
import { submissionHref } from './links.js';

/**
 * The review and committee controls of a submission page, named for what a moderator means ("Approve for
 * the docket", "Quarantine (keep out of exports)", "Remove the PII warning", "Add to committee…"), each
 * with a one-line description; the section's status region confirms the last action, with an Undo. Pure.
 */

/** The button (and its description) for a flag, given whether it is set now. */
export function flagAction(flag: Flag, on: boolean): { label: MessageKey; help: MessageKey } {
  if (flag === 'cleared') return on ? { label: 'action_unapprove', help: 'action_unapprove_help' } : { label: 'action_approve', help: 'action_approve_help' };
  if (flag === 'quarantined') return on ? { label: 'action_unquarantine', help: 'action_unquarantine_help' } : { label: 'action_quarantine', help: 'action_quarantine_help' };
  return on ? { label: 'action_remove_pii', help: 'action_remove_pii_help' } : { label: 'action_add_pii', help: 'action_add_pii_help' };
}

const ORDER: readonly Flag[] = ['cleared', 'quarantined', 'pii-suspected'];

function hidden(csrfToken: string | undefined, fields: Record<string, string>): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${csrfToken ?? ''}">${Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}`;
}

function undoFor(s: ModerationSubmission, kind: 'flags' | 'committees', done: Done | null, csrfToken: string | undefined) {
  const fields = done ? undoFields(done) : null;
  return fields ? { action: submissionHref(s.id, `/${kind}`), csrfToken, fields } : null;
}

export function reviewControls(language: Language, s: ModerationSubmission, csrfToken: string | undefined, done: Done | null): SafeHtml {
  const t = m(language);
  const mine = done?.kind === 'flag' ? done : null;
  const now = FLAGS.filter((f) => s.flags.includes(f)).map((f) => flagLabel(language, f));
  return html`<section class="controls" id="flags"><h2>${t.reviewState}</h2>
<p class="state">${fill(t.state_now, { state: now.length > 0 ? now.join(', ') : t.state_none })}</p>
${confirmation(language, mine ? doneText(language, mine) : null, undoFor(s, 'flags', mine, csrfToken))}
${ORDER.map((flag) => {
  const on = s.flags.includes(flag);
  const action = flagAction(flag, on);
  const helpId = `help-${flag}`;
  return html`<form method="post" action="${submissionHref(s.id, '/flags')}" class="action">${hidden(csrfToken, { flag, do: on ? 'clear' : 'set' })}
<button type="submit" aria-describedby="${helpId}">${t[action.label]}</button> <span class="hint" id="${helpId}">${t[action.help]}</span></form>`;
})}</section>`;
}

export function committeeControls(language: Language, s: ModerationSubmission, csrfToken: string | undefined, done: Done | null): SafeHtml {
  const t = m(language);
  const mine = done?.kind === 'committee' ? done : null;
  const others = COMMITTEES.filter((c) => !s.committees.includes(c.id));
  return html`<section class="controls" id="committees"><h2>${t.committees}</h2>
${confirmation(language, mine ? doneText(language, mine) : null, undoFor(s, 'committees', mine, csrfToken))}
${s.committees.length === 0 ? html`<p class="muted">${t.none}</p>` : html`<ul class="committee-list">${s.committees.map(
    (id) => html`<li>${committeeName(language, id)} <form method="post" action="${submissionHref(s.id, '/committees')}" class="action inline">${hidden(csrfToken, { committee: id, do: 'clear' })}<button type="submit">${fill(t.action_remove_committee, { name: committeeName(language, id) })}</button></form></li>`,
  )}</ul>`}
${others.length > 0 ? html`<p class="hint" id="help-committee">${t.action_add_committee_help}</p><details class="add-committee"${mine ? html` open` : ''}><summary>${t.action_add_committee}</summary>
<form method="post" action="${submissionHref(s.id, '/committees')}" class="action">${hidden(csrfToken, { do: 'set' })}
<label for="add-committee">${t.committee}</label> <select id="add-committee" name="committee" aria-describedby="help-committee">${others.map((c) => html`<option value="${c.id}">${c.name[language]}</option>`)}</select>
<button type="submit">${t.action_add}</button></form></details>` : ''}</section>`;
}
