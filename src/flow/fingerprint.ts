import { createHash } from 'node:crypto';
import type { FlowDefinition } from './definition.js';
import type { SeenQuestion } from './session.js';

/**
 * A short, stable fingerprint of a question's wording in every language. Sessions keep one per question
 * (not the wording itself, which would grow every stored draft by kilobytes), so a later flow version
 * can tell which questions were reworded. Deterministic: the engine stays pure.
 */
export function questionFingerprint(question: FlowDefinition['questions'][number]): string {
  return createHash('sha256').update(JSON.stringify([question.text.en, question.text.es])).digest('base64url').slice(0, 16);
}

const byFlow = new WeakMap<FlowDefinition, readonly SeenQuestion[]>();

/** The flow's questions as a session records them (computed once per loaded flow; a fresh array each call). */
export function seenQuestionsOf(flow: FlowDefinition): SeenQuestion[] {
  let seen = byFlow.get(flow);
  if (!seen) {
    seen = flow.questions.map((question) => ({ id: question.id, fingerprint: questionFingerprint(question) }));
    byFlow.set(flow, seen);
  }
  return seen.map((entry) => ({ ...entry }));
}
