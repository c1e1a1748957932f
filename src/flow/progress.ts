import type { FlowDefinition } from './definition.js';
import type { Session } from './session.js';

/**
 * Where a conversation stands, for the web chat's state endpoint and the status reply.
 * index = the open question (1-based) on a question; 0 before the questions; total after them.
 */
export function progressOf(flow: FlowDefinition, session: Session): { index: number; total: number } {
  const total = flow.questions.length;
  if (session.step === 'question') return { index: Math.min(session.questionIndex + 1, total), total };
  if (session.step === 'review' || session.step === 'submitted') return { index: total, total };
  return { index: 0, total };
}

/** A stable, language-free name of the step: "intro", "organization", …, "question:3", "review", "submitted". */
export function describeStep(session: Session): string {
  return session.step === 'question' ? `question:${session.questionIndex + 1}` : session.step;
}
