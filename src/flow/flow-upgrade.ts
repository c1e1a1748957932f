import { AppError } from '../errors.js';
import { answerOf, lastQuestionIndex } from './answers.js';
import type { FlowDefinition } from './definition.js';
import { seenQuestionsOf } from './fingerprint.js';
import type { Session } from './session.js';

/**
 * Brings a draft up to date with the running flow when the flow changed since the draft was last saved
 * (a questionnaire fix shipped mid-consultation). Pure; the dispatcher calls it after loading a session.
 *
 * - Answers stay keyed by question id, so they follow their question wherever it moved.
 * - The open question is found again by id (a removed one gives way to the next question that still exists).
 * - An answered question whose wording changed is listed in `reworded`: the partner sees a short note with
 *   it (and at review) until they change that answer.
 * - An answer to a question that no longer exists moves to `retiredAnswers`: kept in the draft and shown at
 *   review, never silently dropped, and not sent as an answer to a question nobody asks any more.
 * - A draft saved under a NEWER flow version (a rollback, or an older instance during a deploy) is
 *   refused with SESSION_TOO_NEW and left untouched.
 * - Drafts saved before sessions recorded wording (schema 1) cannot tell which questions were reworded:
 *   if the flow version differs, every answered question is marked, so the partner checks them all.
 * A submitted draft only has its version brought forward: what was sent is in the comment store.
 *
 * Returns null when the draft is already up to date.
 */
export function upgradeToFlow(flow: FlowDefinition, session: Session): Session | null {
  const sameFlow = session.flowId === flow.id;
  if (sameFlow && session.flowVersion > flow.version) {
    throw new AppError(
      'SESSION_TOO_NEW',
      `Stored session was saved under flow version ${session.flowVersion}, newer than the running ${flow.version}; it was left untouched`,
    );
  }
  const current = seenQuestionsOf(flow);
  if (sameFlow && session.flowVersion === flow.version) {
    return session.seenQuestions === null ? { ...session, seenQuestions: current } : null;
  }
  const base: Session = { ...session, flowId: flow.id, flowVersion: flow.version, seenQuestions: current };
  if (session.step === 'submitted') return base;

  const fingerprintNow = new Map(current.map((entry) => [entry.id, entry.fingerprint]));
  const fingerprintThen = new Map((session.seenQuestions ?? []).map((entry) => [entry.id, entry.fingerprint]));

  const answers: Record<string, string> = {};
  const retired = [...session.retiredAnswers];
  for (const [questionId, text] of Object.entries(session.answers)) {
    if (fingerprintNow.has(questionId)) answers[questionId] = text;
    else if (text.trim().length > 0) retired.push({ questionId, answer: text });
  }

  const reworded = new Set(session.reworded.filter((id) => fingerprintNow.has(id)));
  for (const question of flow.questions) {
    if (answerOf(session, question.id) === null) continue;
    const then = fingerprintThen.get(question.id);
    const unknown = session.seenQuestions === null;
    if (unknown || (then !== undefined && then !== fingerprintNow.get(question.id))) reworded.add(question.id);
  }

  const questionIndex = remapOpenQuestion(flow, session);
  const openMoved = session.step === 'question' && flow.questions[questionIndex]?.id !== openQuestionId(session);
  return {
    ...base,
    answers,
    retiredAnswers: retired,
    skipped: session.skipped.filter((id) => fingerprintNow.has(id)),
    reworded: flow.questions.map((question) => question.id).filter((id) => reworded.has(id)),
    questionIndex,
    // "Clear question N?" must not suddenly point at another question.
    pendingConfirmation: session.pendingConfirmation === 'clear' && openMoved ? null : session.pendingConfirmation,
    flowUpdatedNotice: true,
  };
}

/** The id of the open question as the draft knew it, when the draft recorded the flow's questions. */
function openQuestionId(session: Session): string | undefined {
  return session.seenQuestions?.[session.questionIndex]?.id;
}

function remapOpenQuestion(flow: FlowDefinition, session: Session): number {
  const last = Math.max(lastQuestionIndex(flow), 0);
  const seen = session.seenQuestions;
  if (seen === null) {
    // Schema-1 drafts did not record which question was open, and an index means nothing once questions
    // were removed or added: reopen the first question the partner has neither answered nor skipped.
    const open = flow.questions.findIndex((question) => answerOf(session, question.id) === null && !session.skipped.includes(question.id));
    return open === -1 ? Math.min(session.questionIndex, last) : open;
  }
  // The open question, else the first question after it (in the old order) that still exists.
  for (const entry of seen.slice(session.questionIndex)) {
    const index = flow.questions.findIndex((question) => question.id === entry.id);
    if (index !== -1) return index;
  }
  return Math.min(session.questionIndex, last);
}
