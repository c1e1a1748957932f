import type { Reply } from '../core/types.js';
import { answerOf } from './answers.js';
import { formatDateTime, formatNumber } from './dates.js';
import type { FlowDefinition } from './definition.js';
import type { Session } from './session.js';
import { action, catalogOf, joinParagraphs, type TurnEnv } from './turn.js';

/**
 * What the partner is told once they have sent their comment, and the copy they can keep. Truthful by
 * construction: the wording follows how this deployment forwards comments (EngineContext.forwardMode),
 * and it always says what happens next and whom to ask (the flow's `contact`). Pure.
 */

/** "Questions about this consultation? Contact …: email or url", or null when the flow names nobody. */
export function contactLine(flow: FlowDefinition, session: Pick<Session, 'language'>): string | null {
  const contact = flow.contact;
  if (!contact) return null;
  const c = catalogOf(session as Session);
  const ways = [contact.email, contact.url].filter((way): way is string => typeof way === 'string');
  const how = ways.length === 2 ? c.contactOr(ways[0] ?? '', ways[1] ?? '') : (ways[0] ?? '');
  return c.contactLine(contact.name[session.language], how);
}

/** "The official notice: https://…", or null. */
export function noticeLine(flow: FlowDefinition, session: Pick<Session, 'language'>): string | null {
  return flow.noticeUrl ? catalogOf(session as Session).noticeLine(flow.noticeUrl) : null;
}

/** "What happens next", by forwarding mode. */
export function nextStepLine(env: TurnEnv, session: Session): string {
  return catalogOf(session).receiptNext[env.ctx.forwardMode ?? 'off'];
}

/** The reply to a submit that was just accepted. */
export function receiptReply(env: TurnEnv, session: Session, receipt: string): Reply {
  const c = catalogOf(session);
  return {
    text: joinParagraphs([c.receiptReceived(nextStepLine(env, session), receipt), contactLine(env.flow, session), c.receiptCopyOffer]),
    receipt,
    actions: [action('copy', c.actions.copy)],
  };
}

/** After submitting (status, resume): when it was received, what happens next, whom to ask. */
export function submittedReply(env: TurnEnv, session: Session): Reply | null {
  const submission = session.submission;
  if (!submission) return null;
  const c = catalogOf(session);
  const date = formatDateTime(new Date(submission.submittedAt), session.language, env.flow.timeZone);
  return {
    text: joinParagraphs([c.receiptSentOn(date, nextStepLine(env, session), submission.receipt), contactLine(env.flow, session), c.receiptCopyOffer]),
    receipt: submission.receipt,
    actions: [action('copy', c.actions.copy)],
  };
}

/**
 * The plain-text copy of what was sent: every question's wording and answer, the receipt, what happens
 * next and the time it was received in the questionnaire's time zone. Null before a submission.
 * `trackingNumber`: the docket's, when the caller knows it (the core does not).
 */
export function submissionCopy(env: TurnEnv, session: Session, trackingNumber: string | null = null): string | null {
  const submission = session.submission;
  if (!submission) return null;
  const c = catalogOf(session);
  const lang = session.language;
  const { flow } = env;
  const respondentType = flow.respondentTypes.find((type) => type.id === session.respondentTypeId);
  const questions = flow.questions.map((question, index) => {
    const answer = answerOf(session, question.id);
    return `${c.copyQuestion(formatNumber(index + 1, lang), question.text[lang])}\n${c.copyAnswerLabel}\n${answer ?? c.copyNoAnswer}`;
  });
  return joinParagraphs([
    c.copyHeading(flow.title[lang]),
    [
      c.copyReceipt(submission.receipt),
      c.copySubmittedAt(formatDateTime(new Date(submission.submittedAt), lang, flow.timeZone)),
      c.copyFrom(session.organization ?? c.reviewAnonymous, respondentType?.label[lang] ?? ''),
    ].join('\n'),
    ...questions,
    trackingNumber ? c.copyDocketTracking(trackingNumber) : nextStepLine(env, session),
    contactLine(flow, session),
  ]);
}

/** The `copy` command: the copy as one reply that must reach the partner whole. */
export function copyReply(env: TurnEnv, session: Session): Reply {
  const copy = submissionCopy(env, session);
  if (copy === null) return { text: catalogOf(session).copyNotYet };
  return { text: copy, whole: true, ...(session.submission ? { receipt: session.submission.receipt } : {}) };
}
