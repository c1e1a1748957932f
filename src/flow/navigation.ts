import { lastQuestionIndex } from './answers.js';
import type { TurnOutcome } from './engine-types.js';
import { currentPrompt, stepPrompt } from './prompts.js';
import { buildReview } from './review.js';
import type { Session, Step } from './session.js';
import { formatNumber } from './dates.js';
import { catalogOf, charCount, turn, withLead, type Turn, type TurnEnv } from './turn.js';

/**
 * Moving between steps, and the standard "no" answer. Every move returns the new session plus the
 * prompt of the step it lands on, so the partner always sees where they are.
 */

type Lead = ReadonlyArray<string | null | undefined | false>;

/** Go to a step before the questions (intro, organization, respondentType, contactEmail). */
export function enterStep(env: TurnEnv, session: Session, step: Step, lead: Lead = [], outcome: TurnOutcome = 'moved'): Turn {
  const next: Session = { ...session, step, returnToReview: false };
  return turn(next, outcome, withLead(lead, stepPrompt(env, next)));
}

export function enterQuestion(
  env: TurnEnv,
  session: Session,
  questionIndex: number,
  returnToReview: boolean,
  lead: Lead = [],
  outcome: TurnOutcome = 'moved',
): Turn {
  const next: Session = { ...session, step: 'question', questionIndex, returnToReview };
  return turn(next, outcome, withLead(lead, stepPrompt(env, next)));
}

export function enterReview(env: TurnEnv, session: Session, lead: Lead = [], outcome: TurnOutcome = 'moved'): Turn {
  const next: Session = { ...session, step: 'review', returnToReview: false };
  return turn(next, outcome, withLead(lead, buildReview(env, next)));
}

/** Leaving a question forwards: to the next one, or to the review (last question, or came from review). */
export function leaveQuestion(env: TurnEnv, session: Session, lead: Lead = [], outcome: TurnOutcome = 'moved'): Turn {
  if (session.returnToReview || session.questionIndex >= lastQuestionIndex(env.flow)) {
    return enterReview(env, session, lead, outcome);
  }
  return enterQuestion(env, session, session.questionIndex + 1, false, lead, outcome);
}

/**
 * A refusal: the session is returned untouched, with a short reason and the current step's buttons, so
 * the partner is never left without a way on.
 */
export function refuse(env: TurnEnv, session: Session, text: string, outcome: TurnOutcome = 'refused'): Turn {
  const actions = currentPrompt(env, session).actions;
  return turn(session, outcome, actions ? { text, actions } : { text });
}

/**
 * The one answer-length check (appending, replacing, revising): when `candidate` is longer than
 * MAX_ANSWER_CHARS the turn is refused with the limit stated and `existing` stays saved; null when it fits.
 */
export function refuseIfTooLong(env: TurnEnv, session: Session, questionNumber: number, candidate: string, existing: string): Turn | null {
  const length = charCount(candidate);
  if (length <= env.ctx.maxAnswerChars) return null;
  const lang = session.language;
  const text = catalogOf(session).answerTooLong(
    formatNumber(questionNumber, lang),
    formatNumber(length, lang),
    formatNumber(env.ctx.maxAnswerChars, lang),
    formatNumber(charCount(existing), lang),
  );
  return refuse(env, session, text);
}

export function unknownCommand(env: TurnEnv, session: Session): Turn {
  return refuse(env, session, catalogOf(session).unknownCommand, 'unknown-command');
}

/** The receipt line used when anything but status/help/language arrives after submission. */
export function refuseAfterSubmission(env: TurnEnv, session: Session): Turn {
  const c = catalogOf(session);
  return refuse(env, session, c.afterSubmissionNavigation(session.submission?.receipt ?? ''));
}
