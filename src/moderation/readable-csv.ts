import type { Language } from '../core/types.js';
import type { FlowDefinition } from '../flow/definition.js';
import { COMMITTEES } from './committees.js';
import { csvRow } from './csv.js';
import { fill, flagLabel, m } from './messages.js';
import { formatLocalTime } from './pages/times.js';
import { languageLabel, reviewState } from './pages/views.js';
import { publishedAnswer, publishedOrganization, type ModerationSubmission } from './submission-view.js';

/**
 * `GET /api/export.csv?columns=readable` (issue 20 item 8): a CSV leadership can read without a key.
 * Headers are the question wording ("Question 3: What data is missing?") in the caller's language;
 * cells hold labels, not slugs (respondent types as partners chose them, review state and flags,
 * committee names); each question has a "redacted" column (yes / no; empty when not answered); times
 * are in the questionnaire's time zone, named in the header, with UTC beside them. The text is the
 * published (redacted) text, exactly as in the default CSV. The default columns never change: scripts
 * depend on them. Pure.
 */
export interface ReadableCsv {
  language: Language;
  flow: FlowDefinition;
}

export function readableHeader(r: ReadableCsv): string {
  const t = m(r.language);
  const questions = r.flow.questions.flatMap((q, i) => [fill(t.csvQuestion, { n: i + 1, text: q.text[r.language] }), fill(t.csvRedacted, { n: i + 1 })]);
  return csvRow([
    t.csvReceipt,
    fill(t.csvSubmittedLocal, { zone: r.flow.timeZone }),
    t.csvSubmittedUtc,
    t.csvOrganization,
    t.csvRespondentType,
    t.csvReview,
    t.csvCommittees,
    t.csvChannel,
    t.csvLanguage,
    ...questions,
    t.csvId,
  ]);
}

export function readableLine(s: ModerationSubmission, r: ReadableCsv): string {
  const t = m(r.language);
  const answers = r.flow.questions.flatMap((_, i) => {
    const found = s.answers.find((a) => a.index === i + 1);
    if (!found || found.answer === null || found.answer === '') return [null, null];
    return [publishedAnswer(found), found.redacted !== null ? t.csvYes : t.csvNo];
  });
  const review = [reviewState(r.language, s), ...s.flags.filter((f) => f === 'pii-suspected' && (s.flags.includes('cleared') || s.flags.includes('quarantined'))).map((f) => flagLabel(r.language, f))];
  return csvRow([
    s.receipt,
    formatLocalTime(s.submittedAt, r.language, r.flow.timeZone),
    s.submittedAt.slice(0, 19).replace('T', ' '),
    publishedOrganization(s) ?? t.csvAnonymous,
    r.flow.respondentTypes.find((x) => x.id === s.respondentType)?.label[r.language] ?? s.respondentType,
    review.join('; '),
    s.committees.map((id) => COMMITTEES.find((c) => c.id === id)?.name[r.language] ?? id).join('; '),
    s.channel,
    languageLabel(r.language, s.language),
    ...answers,
    s.id,
  ]);
}
