import type { FlowDefinition } from './definition.js';
import type { Session } from './session.js';

/** The saved answer to a question, or null when there is none (missing or only whitespace). */
export function answerOf(session: Session, questionId: string): string | null {
  const text = session.answers[questionId];
  return text !== undefined && text.trim().length > 0 ? text : null;
}

export function answeredCount(flow: FlowDefinition, session: Session): number {
  return flow.questions.filter((question) => answerOf(session, question.id) !== null).length;
}

/** True once consent, organization, respondent type and email have all been given (in any order). */
export function profileComplete(session: Session): boolean {
  return (
    session.consentedAt !== null &&
    session.organization !== undefined &&
    session.respondentTypeId !== null &&
    session.contactEmail !== undefined
  );
}

export function lastQuestionIndex(flow: FlowDefinition): number {
  return flow.questions.length - 1;
}
