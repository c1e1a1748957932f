import rfiFlow from '../../conversations/rfi-racial-equity-2022.js';
import { parseFlow } from '../../conversations/index.js';
import type { Language, TurnInput } from '../../src/core/types.js';
import type { EngineContext, EngineInput, StepResult } from '../../src/flow/engine-types.js';
import { newSession, step } from '../../src/flow/engine.js';
import type { Session } from '../../src/flow/session.js';

/** Shared fixtures for the engine tests: the real flow, fixed clocks, and sessions parked at each step. */

export const flow = parseFlow(rfiFlow, 'conversations/rfi-racial-equity-2022.ts');

/** Setup happens at NOW; the step under test runs at LATER, so a changed session shows LATER's updatedAt. */
export const NOW = new Date('2022-03-03T15:00:00Z');
export const LATER = new Date('2022-03-04T16:30:00Z');
export const DEADLINE = new Date('2022-03-15T23:59:59-04:00');
export const AFTER_DEADLINE = new Date('2022-03-16T12:00:00Z');

export const ctx: EngineContext = { deadlineAt: DEADLINE, maxAnswerChars: 20_000 };

export const DRAFT_ID = 'draft-0123456789abcdef';

export const text = (value: string): TurnInput => ({ kind: 'text', text: value });
export const act = (actionId: string): TurnInput => ({ kind: 'action', actionId });

/** Freezes every level, so a mutation of the input session by the engine throws (ESM is strict mode). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value as Record<string, unknown>)) deepFreeze(inner);
  }
  return value;
}

/** One engine step on a frozen copy of the session. */
export function run(session: Session, input: EngineInput, options: { now?: Date; context?: Partial<EngineContext> } = {}): StepResult {
  return step(flow, deepFreeze(structuredClone(session)), input, options.now ?? LATER, { ...ctx, ...options.context });
}

/** Feeds inputs one by one, bumping the version as the dispatcher does when it saves. */
export function drive(session: Session, inputs: EngineInput[], options: { now?: Date; context?: Partial<EngineContext> } = {}): Session {
  let current = session;
  for (const input of inputs) {
    const result = step(flow, current, input, options.now ?? NOW, { ...ctx, ...options.context });
    current = { ...result.session, version: result.session.version + 1 };
  }
  return current;
}

export function fresh(language: Language = 'en'): Session {
  return newSession(flow, { channel: 'webchat', draftId: DRAFT_ID, now: NOW, language });
}

export type TableStep =
  | 'intro'
  | 'organization'
  | 'respondentType'
  | 'contactEmail'
  | 'question'
  | 'review'
  | 'review+pendingCancel'
  | 'submitted';

/**
 * A session parked at a step, reached through the engine itself (so it is a state a partner can really
 * be in). "question" is question 3, with questions 1 and 2 answered: back, next and edit 2 all move.
 */
export function sessionAt(where: TableStep, language: Language = 'en'): Session {
  const paths: Record<TableStep, TurnInput[]> = {
    intro: [{ kind: 'start' }],
    organization: [{ kind: 'start' }, text('agree')],
    respondentType: [{ kind: 'start' }, text('agree'), text('Acme Community Partners')],
    contactEmail: [{ kind: 'start' }, text('agree'), text('Acme Community Partners'), text('2')],
    question: [
      { kind: 'start' },
      text('agree'),
      text('Acme Community Partners'),
      text('2'),
      text('partner@example.org'),
      text('First answer.'),
      text('next'),
      text('Second answer.'),
      text('next'),
    ],
    review: [],
    'review+pendingCancel': [],
    submitted: [],
  };
  if (where === 'review') return drive(sessionAt('question', language), [text('review')]);
  if (where === 'review+pendingCancel') return drive(sessionAt('review', language), [text('cancel')]);
  if (where === 'submitted') return drive(sessionAt('review', language), [text('submit')]);
  return drive(fresh(language), paths[where]);
}
