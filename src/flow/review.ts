import { ORGANIZATION_FIELD_ID, type NewSubmission, type PiiHint, type PiiKind } from '../core/submission.js';
import type { Reply, ReplyAction, ReviewItem, ReviewView } from '../core/types.js';
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
const PII_KIND_ORDER: readonly PiiKind[] = ['email', 'phone', 'ssn', 'street-address'];

export function piiHintsOf(flow: FlowDefinition, session: Session): PiiHint[] {
  const organization = session.organization ? scanForPii(ORGANIZATION_FIELD_ID, session.organization) : [];
  return [
    ...organization,
    ...flow.questions.flatMap((question) => {
      const answer = answerOf(session, question.id);
      return answer === null ? [] : scanForPii(question.id, answer);
    }),
  ];
}

export function totalAnswerChars(flow: FlowDefinition, session: Session): number {
  return flow.questions.reduce((sum, question) => sum + charCount(answerOf(session, question.id) ?? ''), 0);
}

function piiWarning(env: TurnEnv, session: Session): ReviewView['pii'] {
  const c = catalogOf(session);
  const hints = piiHintsOf(env.flow, session);
  if (hints.length === 0) return null;
  const lines: string[] = [];
  const questionNumbers: number[] = [];
  // The organization name is partner text too (issue 18): its kinds come first, on a line of their own.
  const inOrganization = new Set(hints.filter((hint) => hint.questionId === ORGANIZATION_FIELD_ID).map((hint) => hint.kind));
  const organizationKinds = PII_KIND_ORDER.filter((kind) => inOrganization.has(kind));
  if (organizationKinds.length > 0) lines.push(c.reviewPiiOrganizationLine(c.listJoin(organizationKinds.map((kind) => c.piiKinds[kind]))));
  for (const [index, question] of env.flow.questions.entries()) {
    // One line per question, each kind once: which question and what kind, never the matched text.
    const found = new Set(hints.filter((hint) => hint.questionId === question.id).map((hint) => hint.kind));
    const kinds = PII_KIND_ORDER.filter((kind) => found.has(kind));
    if (kinds.length === 0) continue;
    questionNumbers.push(index + 1);
    lines.push(c.reviewPiiLine(formatNumber(index + 1, session.language), c.listJoin(kinds.map((kind) => c.piiKinds[kind]))));
  }
  return {
    title: c.reviewPiiTitle,
    heading: c.reviewPiiHeading,
    lines,
    advice: questionNumbers[0] === undefined ? c.reviewPiiOrganizationAdvice : c.reviewPiiAdvice(formatNumber(questionNumbers[0], session.language)),
    questionNumbers,
  };
}

/** The review, structured (see ReviewView); `buildReview` also writes it out as one text. */
export function reviewViewOf(env: TurnEnv, session: Session): ReviewView {
  const c = catalogOf(session);
  const lang = session.language;
  const { flow } = env;
  const respondentType = flow.respondentTypes.find((type) => type.id === session.respondentTypeId);
  const items: ReviewItem[] = flow.questions.map((question, index) => {
    const answer = answerOf(session, question.id);
    const n = formatNumber(index + 1, lang);
    return {
      number: index + 1,
      label: c.questionHeading(n, formatNumber(flow.questions.length, lang)),
      heading: c.reviewQuestion(n, question.text[lang]),
      question: question.text[lang],
      note: answer !== null && session.reworded.includes(question.id) ? c.reviewReworded : null,
      answer,
      placeholder: answer !== null ? null : session.skipped.includes(question.id) ? c.reviewSkipped : c.reviewNotAnswered,
      answerChars: answer === null ? 0 : charCount(answer),
      editCommand: c.typedEdit(n),
    };
  });
  const retired =
    session.retiredAnswers.length === 0
      ? null
      : {
          heading: c.reviewRetiredHeading,
          items: session.retiredAnswers.map((entry, index) => ({ label: c.reviewRetiredAnswer(formatNumber(index + 1, lang)), answer: entry.answer })),
        };

  const total = totalAnswerChars(flow, session);
  const limit = formatNumber(flow.commentLimitChars, lang);
  const overLimit = total > flow.commentLimitChars;
  const lengthText = overLimit ? c.reviewOverLimit(formatNumber(total, lang), limit) : c.reviewLength(formatNumber(total, lang), limit);

  const past = isPastDeadline(env.ctx.deadlineAt, env.now);
  const howTo = past
    ? `${c.submitAfterDeadline(formatDateTime(env.ctx.deadlineAt, lang, flow.timeZone))}\n${c.reviewHowToAfterDeadline}`
    : c.reviewHowTo;
  return {
    heading: c.reviewHeading,
    from: c.reviewFrom(session.organization ?? c.reviewAnonymous, respondentType?.label[lang] ?? ''),
    pii: piiWarning(env, session),
    items,
    retired,
    length: { text: lengthText, totalChars: total, limitChars: flow.commentLimitChars, overLimit },
    publicReminder: c.reviewPublicReminder,
    howTo,
  };
}

/** The review as plain text, in the order every channel shows it (the warning first). */
export function reviewText(view: ReviewView): string {
  const pii = view.pii ? [view.pii.title, view.pii.heading, ...view.pii.lines.map((line) => `- ${line}`), view.pii.advice].join('\n') : null;
  const questions = view.items.map((item) =>
    [item.heading, item.note, item.answer ?? item.placeholder].filter((line): line is string => typeof line === 'string').join('\n'),
  );
  const retired = view.retired ? [view.retired.heading, ...view.retired.items.map((entry) => `${entry.label}\n${entry.answer}`)].join('\n\n') : null;
  return joinParagraphs([`${view.heading}\n${view.from}`, pii, ...questions, retired, view.length.text, view.publicReminder, view.howTo]);
}

export function buildReview(env: TurnEnv, session: Session): Reply {
  const c = catalogOf(session);
  const lang = session.language;
  const view = reviewViewOf(env, session);
  // No submit button after the deadline: it could only be refused.
  const past = isPastDeadline(env.ctx.deadlineAt, env.now);
  const actions: ReplyAction[] = past ? [] : [action('submit', c.actions.submit, { emphasis: 'primary' })];
  env.flow.questions.forEach((_question, index) =>
    actions.push(action(`edit ${index + 1}`, c.actionEdit(formatNumber(index + 1, lang)), { group: 'edit' })),
  );
  actions.push(action('cancel', c.actions.cancel, { emphasis: 'secondary' }));
  return { text: reviewText(view), actions, review: view };
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
