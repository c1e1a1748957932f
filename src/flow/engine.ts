import { isDeepStrictEqual } from 'node:util';
import type { Channel, Language, Reply } from '../core/types.js';
import { onCommand } from './command-handlers.js';
import { parseCommand, type Command } from './commands.js';
import { formatNumber } from './dates.js';
import type { FlowDefinition } from './definition.js';
import type { EngineContext, EngineInput, StepResult } from './engine-types.js';
import { onChoice, onText } from './inputs.js';
import { confirmationPrompt, currentPrompt, introPrompt, questionPrompt } from './prompts.js';
import { onReplaceAnswer, onReviseMessage } from './revisions.js';
import { seenQuestionsOf } from './fingerprint.js';
import { SESSION_SCHEMA_VERSION, type Session } from './session.js';
import { action, catalogOf, turn, withLead, type Turn, type TurnEnv } from './turn.js';

/**
 * The conversation engine: a PURE function from (flow, session, input, time, limits) to (new session,
 * replies, effects). No I/O, no clock, no randomness, and the input session is never mutated, so every
 * behaviour is a table test and the dispatcher can safely re-run a step after a version conflict.
 *
 * The engine never touches `session.version`: the dispatcher bumps it when it saves.
 */

export { daysLeft } from './dates.js';
export { describeStep, progressOf } from './progress.js';
export { receiptFor } from './receipt.js';

export interface NewSessionOptions {
  channel: Channel;
  /** Chosen by the caller (random); the engine derives everything else from it deterministically. */
  draftId: string;
  now: Date;
  language?: Language;
  /** Learned from the platform, if known. */
  timeZone?: string | null;
}

export function newSession(flow: FlowDefinition, options: NewSessionOptions): Session {
  const at = options.now.toISOString();
  return {
    schemaVersion: SESSION_SCHEMA_VERSION,
    version: 0,
    draftId: options.draftId,
    flowId: flow.id,
    flowVersion: flow.version,
    seenQuestions: seenQuestionsOf(flow),
    channel: options.channel,
    language: options.language ?? 'en',
    step: 'intro',
    questionIndex: 0,
    returnToReview: false,
    pendingConfirmation: null,
    consentedAt: null,
    respondentTypeId: null,
    answers: {},
    skipped: [],
    reworded: [],
    retiredAnswers: [],
    flowUpdatedNotice: false,
    submission: null,
    createdAt: at,
    updatedAt: at,
    timeZone: options.timeZone ?? null,
  };
}

export function step(flow: FlowDefinition, session: Session, input: EngineInput, now: Date, ctx: EngineContext): StepResult {
  const env: TurnEnv = { flow, now, ctx };
  const result = afterFlowUpgrade(session, input, dispatch(env, session, input));
  // Handlers build new objects with spreads; cloning at the end guarantees no structure is shared with
  // the caller's session, whatever a handler did.
  if (isDeepStrictEqual(result.session, session)) return { ...result, session: structuredClone(session) };
  return { ...result, session: { ...structuredClone(result.session), updatedAt: now.toISOString() } };
}

/**
 * Bookkeeping of flow upgrades (flow-upgrade.ts), in one place rather than in every handler:
 * - the first reply after an upgrade starts with a note that the questionnaire changed;
 * - a reworded question stops being marked once its answer changes (the partner has looked at it).
 */
function afterFlowUpgrade(before: Session, input: EngineInput, result: Turn): Turn {
  let { session, replies } = result;
  if (before.reworded.length > 0) {
    const reworded = session.reworded.filter((id) => session.answers[id] === before.answers[id]);
    if (reworded.length !== session.reworded.length) session = { ...session, reworded };
  }
  if (before.flowUpdatedNotice && input.kind !== 'submitFailed' && session.flowUpdatedNotice) {
    const [first, ...rest] = replies;
    replies = first ? [withLead([catalogOf(before).flowUpdated], first), ...rest] : [{ text: catalogOf(before).flowUpdated }];
    session = { ...session, flowUpdatedNotice: false };
  }
  return session === result.session && replies === result.replies ? result : { ...result, session, replies };
}

type Move = { kind: 'command'; command: Command } | { kind: 'text'; text: string } | { kind: 'choice'; value: string };

function dispatch(env: TurnEnv, session: Session, input: EngineInput): Turn {
  switch (input.kind) {
    case 'submitFailed':
      return onSubmitFailed(session, input.permanent === true);
    case 'start':
      return onStart(env, session);
    case 'action': {
      // Buttons are always commands (their id is the typed form); a button is never answer text.
      const command = parseCommand(input.actionId);
      return handle(env, session, command ? { kind: 'command', command } : { kind: 'choice', value: input.actionId });
    }
    case 'text': {
      const command = parseCommand(input.text);
      // The first message of a partner never seen before (a Slack or Teams DM "hi"): the intro, not a nudge.
      if (!command && isBrandNew(session)) return onStart(env, session);
      return handle(env, session, command ? { kind: 'command', command } : { kind: 'text', text: input.text });
    }
    case 'replaceAnswer':
      return onReplaceAnswer(env, session, input.questionNumber, input.text);
    case 'reviseMessage':
      return onReviseMessage(env, session, input.previousText, input.text);
  }
}

function handle(env: TurnEnv, session: Session, move: Move): Turn {
  return session.pendingConfirmation ? handleWhilePending(env, session, move) : handleMove(env, session, move);
}

function handleMove(env: TurnEnv, session: Session, move: Move): Turn {
  switch (move.kind) {
    case 'command':
      return onCommand(env, session, move.command);
    case 'text':
      return onText(env, session, move.text);
    case 'choice':
      return onChoice(env, session, move.value);
  }
}

/**
 * A yes/no question is open (cancel or clear).
 * - yes / no answer it.
 * - help, status, resume and language leave it open (they only look around).
 * - Anything else that does something (an answer, a move) drops the question, keeping the draft, and says
 *   so. Anything that does nothing (unknown, out of place) keeps the question open and repeats it.
 */
function handleWhilePending(env: TurnEnv, session: Session, move: Move): Turn {
  const pending = session.pendingConfirmation;
  const c = catalogOf(session);
  if (move.kind === 'command') {
    switch (move.command.name) {
      case 'yes':
        return pending === 'clear' ? confirmClear(env, session) : confirmCancel(env, session);
      case 'no': {
        const kept: Session = { ...session, pendingConfirmation: null };
        return turn(kept, 'command', withLead([pending === 'clear' ? c.clearKept : c.cancelKept], currentPrompt(env, kept)));
      }
      case 'resume':
      case 'language':
        return handleMove(env, session, move);
      case 'help':
      case 'status':
        return remindPending(env, session, handleMove(env, session, move));
      default:
        break;
    }
  }
  const dropped: Session = { ...session, pendingConfirmation: null };
  const result = handleMove(env, dropped, move);
  if (isDeepStrictEqual(result.session, dropped)) return remindPending(env, session, { ...result, session });
  // The same question asked again (e.g. "cancel" while cancel is pending): just ask it.
  if (isDeepStrictEqual(result.session, session)) return result;
  const keptLine = pending === 'clear' ? c.clearKept : c.cancelKept;
  const [first, ...rest] = result.replies;
  return { ...result, replies: first ? [withLead([keptLine], first), ...rest] : [{ text: keptLine }] };
}

/** Adds "type yes or no" and the yes/no buttons to the last reply. */
function remindPending(env: TurnEnv, session: Session, result: Turn): Turn {
  const c = catalogOf(session);
  const confirm = confirmationPrompt(env, session);
  const replies = result.replies.map((reply, index): Reply => {
    if (index !== result.replies.length - 1) return reply;
    // A structured review carries the reminder too, at its end, where a channel shows how to go on.
    const review = reply.review ? { review: { ...reply.review, howTo: `${reply.review.howTo}\n\n${c.stillWaiting}` } } : {};
    return { ...reply, ...review, text: `${reply.text}\n\n${c.stillWaiting}`, ...(confirm.actions ? { actions: confirm.actions } : {}) };
  });
  return { ...result, replies };
}

/** Cancel confirmed: a fresh draft with a new id, so a later submission gets a new receipt. */
function confirmCancel(env: TurnEnv, session: Session): Turn {
  const fresh: Session = {
    ...newSession(env.flow, {
      channel: session.channel,
      draftId: nextDraftId(session.draftId),
      now: env.now,
      language: session.language,
      timeZone: session.timeZone,
    }),
    // The store's optimistic-concurrency counter continues: it belongs to the conversation, not the draft.
    version: session.version,
  };
  return turn(fresh, 'cancelled', withLead([catalogOf(session).cancelled], introPrompt(env, fresh)));
}

/** "abc" → "abc.1" → "abc.2": deterministic (the engine has no randomness) and never reused. */
export function nextDraftId(draftId: string): string {
  const match = /^(.*)\.(\d+)$/.exec(draftId);
  return match ? `${match[1]}.${Number(match[2]) + 1}` : `${draftId}.1`;
}

function confirmClear(env: TurnEnv, session: Session): Turn {
  const question = env.flow.questions[session.questionIndex];
  const answers = Object.fromEntries(Object.entries(session.answers).filter(([id]) => id !== question?.id));
  const cleared: Session = { ...session, pendingConfirmation: null, answers };
  const n = formatNumber(session.questionIndex + 1, session.language);
  return turn(cleared, 'command', withLead([catalogOf(session).cleared(n)], questionPrompt(env, cleared)));
}

function isBrandNew(session: Session): boolean {
  return session.version === 0 && session.step === 'intro' && session.pendingConfirmation === null;
}

/** 'start': the intro on a brand-new session; otherwise "welcome back" and where the partner left off. */
function onStart(env: TurnEnv, session: Session): Turn {
  if (isBrandNew(session)) {
    return turn(session, 'started', introPrompt(env, session));
  }
  return turn(session, 'resumed', withLead([catalogOf(session).welcomeBack], currentPrompt(env, session)));
}

/**
 * The dispatcher could not store the submission: undo "submitted" so nothing is lost and submit works
 * again. `permanent`: the store refused it and nothing is retried by itself, so the partner is told what
 * to do instead of "we will save it for you".
 */
function onSubmitFailed(session: Session, permanent: boolean): Turn {
  const c = catalogOf(session);
  if (session.step !== 'submitted') return turn(session, 'submit-failed', { text: c.submitFailedNotPending });
  const reverted: Session = { ...session, step: 'review', submission: null, pendingConfirmation: null };
  const actions = [action('submit', c.actions.submit, { emphasis: 'primary' }), action('review', c.actions.review)];
  return turn(reverted, 'submit-failed', { text: permanent ? c.submitRefusedPermanently : c.submitFailed, actions });
}
