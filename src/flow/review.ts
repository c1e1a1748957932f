import { PII_KINDS, type NewSubmission, type PiiHint, type PiiKind } from '../core/submission.js';
import type { Reply } from '../core/types.js';
import { answerOf } from './answers.js';
import { formatDateTime, formatNumber, isPastDeadline } from './dates.js';
import type { FlowDefinition } from './definition.js';
import { scanForPii } from './pii.js';
import type { Session } from './session.js';
import { action, catalogOf, charCount, joinParagraphs, type TurnEnv } from './turn.js';

/**
 * The review step: everything the partner is about to make public, in one message, with what to check
 * (length against the docket's comment box, answers that look like personal information) and the
 * public-record notice once more. Answer text is echoed raw; each adapter escapes it for its platform.
 */

/** Kinds are listed in a fixed order, so the same answer always reads the same way. */
const PII_KIND_ORDER: readonly PiiKind[] = PII_KINDS;

export function piiHintsOf(flow: FlowDefinition, session: Session): PiiHint[] {
  return flow.questions.flatMap((question) => {
    const answer = answerOf(session, question.id);
    return answer === null ? [] : scanForPii(question.id, answer);
  });
}

export function totalAnswerChars(flow: FlowDefinition, session: Session): number {
  return flow.questions.reduce((sum, question) => sum + charCount(answerOf(session, question.id) ?? ''), 0);
}

function piiSection(env: TurnEnv, session: Session): string | null {
  const c = catalogOf(session);
  const hints = piiHintsOf(env.flow, session);
  if (hints.length === 0) return null;
  const lines: string[] = [];
  let firstFlagged: number | null = null;
  for (const [index, question] of env.flow.questions.entries()) {
    // One line per question, each kind once: which question and what kind, never the matched text.
    const found = new Set(hints.filter((hint) => hint.questionId === question.id).map((hint) => hint.kind));
    const kinds = PII_KIND_ORDER.filter((kind) => found.has(kind));
    if (kinds.length === 0) continue;
    firstFlagged ??= index + 1;
    lines.push(`- ${c.reviewPiiLine(formatNumber(index + 1, session.language), c.listJoin(kinds.map((kind) => c.piiKinds[kind])))}`);
  }
  return [c.reviewPiiHeading, ...lines, c.reviewPiiAdvice(formatNumber(firstFlagged ?? 1, session.language))].join('\n');
}

export function buildReview(env: TurnEnv, session: Session): Reply {
  const c = catalogOf(session);
  const lang = session.language;
  const { flow } = env;
  const respondentType = flow.respondentTypes.find((type) => type.id === session.respondentTypeId);
  const from = c.reviewFrom(session.organization ?? c.reviewAnonymous, respondentType?.label[lang] ?? '');

  const questions = flow.questions.map((question, index) => {
    const answer = answerOf(session, question.id);
    const shown = answer ?? (session.skipped.includes(question.id) ? c.reviewSkipped : c.reviewNotAnswered);
    const reworded = answer !== null && session.reworded.includes(question.id) ? `\n${c.reviewReworded}` : '';
    return `${c.reviewQuestion(formatNumber(index + 1, lang), question.text[lang])}${reworded}\n${shown}`;
  });
  const retired =
    session.retiredAnswers.length === 0
      ? null
      : [c.reviewRetiredHeading, ...session.retiredAnswers.map((entry, index) => `${c.reviewRetiredAnswer(formatNumber(index + 1, lang))}\n${entry.answer}`)].join('\n\n');

  const total = totalAnswerChars(flow, session);
  const limit = formatNumber(flow.commentLimitChars, lang);
  const length = total > flow.commentLimitChars ? c.reviewOverLimit(formatNumber(total, lang), limit) : c.reviewLength(formatNumber(total, lang), limit);

  const past = isPastDeadline(env.ctx.deadlineAt, env.now);
  const howTo = past
    ? `${c.submitAfterDeadline(formatDateTime(env.ctx.deadlineAt, lang, flow.timeZone))}\n${c.reviewHowToAfterDeadline}`
    : c.reviewHowTo;

  // No submit button after the deadline: it could only be refused.
  const actions = past ? [] : [action('submit', c.actions.submit)];
  flow.questions.forEach((_question, index) => actions.push(action(`edit ${index + 1}`, c.actionEdit(formatNumber(index + 1, lang)))));
  actions.push(action('cancel', c.actions.cancel));

  return {
    text: joinParagraphs([`${c.reviewHeading}\n${from}`, ...questions, retired, length, piiSection(env, session), c.reviewPublicReminder, howTo]),
    actions,
  };
}

/** The submission written to the comment store (the dispatcher adds the private conversation key). */
export function buildSubmission(env: TurnEnv, session: Session, receipt: string): Omit<NewSubmission, 'conversationKey'> {
  const { flow } = env;
  return {
    id: session.draftId,
    receipt,
    flowId: flow.id,
    flowVersion: flow.version,
    answers: flow.questions.map((question, index) => ({
      questionId: question.id,
      index: index + 1,
      question: question.text[session.language],
      answer: answerOf(session, question.id),
    })),
    organization: session.organization ?? null,
    respondentType: session.respondentTypeId ?? '',
    language: session.language,
    channel: session.channel,
    submittedAt: env.now.toISOString(),
    piiHints: piiHintsOf(flow, session),
    contactEmail: session.contactEmail ?? null,
  };
}
