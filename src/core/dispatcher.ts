import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { AppError, errorSummary } from '../errors.js';
import type { FlowDefinition } from '../flow/definition.js';
import { newSession, step } from '../flow/engine.js';
import type { EngineContext, EngineInput, StepResult } from '../flow/engine-types.js';
import type { Session } from '../flow/session.js';
import { languageOfLocale } from '../i18n/catalog.js';
import { DEDUPE_TTL_MS, sessionTtlMs } from './deadline.js';
import type { Clock, CommentStore, SessionStore } from './ports.js';
import { conversationKeyToString, type ConversationKey, type InboundEvent, type Reply } from './types.js';

/**
 * One event in, replies out. The order is fixed (see ARCHITECTURE.md):
 *   1. claim the delivery id and load the session — ONE store round trip;
 *   2. run one pure engine step;
 *   3. save with a version check — ONE round trip (skipped when nothing changed);
 *      on a version conflict (another event for the same conversation won the race), reload and
 *      re-run the step on the newer session, so neither partner message is lost;
 *   4. perform effects (write the submission), computed from the state that was saved;
 *   5. return the replies for the adapter to send.
 * If anything fails before the session is saved, the delivery id is released so a platform retry works.
 */
export interface DispatcherDeps {
  flow: FlowDefinition;
  sessionStore: SessionStore;
  commentStore: CommentStore;
  clock: Clock;
  logger: Logger;
  engineContext: EngineContext;
  /** Injected for tests; defaults to 128 random bits. */
  newDraftId?: () => string;
  maxConflictRetries?: number;
}

export type DispatchResult =
  | { status: 'processed'; replies: Reply[]; session: Session }
  | { status: 'duplicate' }
  | { status: 'not-found' };

export interface DispatchOptions {
  /** Web chat: messages to a session that does not exist are refused instead of starting one. */
  requireExistingSession?: boolean;
}

export interface Dispatcher {
  dispatch(event: InboundEvent, options?: DispatchOptions): Promise<DispatchResult>;
}

const DEFAULT_MAX_CONFLICT_RETRIES = 8;

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const newDraftId = deps.newDraftId ?? (() => randomBytes(16).toString('hex'));
  const maxRetries = deps.maxConflictRetries ?? DEFAULT_MAX_CONFLICT_RETRIES;
  const { sessionStore, logger } = deps;

  async function runAndSave(key: ConversationKey, event: InboundEvent, loaded: Session | null, input: EngineInput) {
    let current = loaded;
    for (let attempt = 0; attempt <= maxRetries; attempt += 1) {
      const now = deps.clock.now();
      const before = current ?? startSession(event, now);
      const withProfile = applyProfile(before, event);
      const result = step(deps.flow, withProfile, input, now, deps.engineContext);
      const changed = current === null || JSON.stringify(result.session) !== JSON.stringify(before);
      if (!changed) return { result, saved: before };
      const saved: Session = { ...result.session, version: before.version + 1 };
      const ttlMs = sessionTtlMs(deps.engineContext.deadlineAt, now);
      if (await sessionStore.saveIfVersion(key, saved, before.version, ttlMs)) return { result, saved };
      logger.debug({ channel: key.channel, attempt }, 'session version conflict; retrying on the newer session');
      current = await sessionStore.load(key);
    }
    throw new AppError('SESSION_CONFLICT', 'The conversation changed too many times at once; the event was not applied.');
  }

  function startSession(event: InboundEvent, now: Date): Session {
    return newSession(deps.flow, { channel: event.key.channel, draftId: newDraftId(), now, language: languageOfLocale(event.profile?.locale) });
  }

  async function performEffects(key: ConversationKey, event: InboundEvent, outcome: { result: StepResult; saved: Session }) {
    let replies = outcome.result.replies;
    let session = outcome.saved;
    for (const effect of outcome.result.effects) {
      if (effect.type !== 'saveSubmission') continue;
      try {
        const saved = await deps.commentStore.saveSubmission({
          ...effect.submission,
          conversationKey: conversationKeyToString(key),
        });
        logger.info(
          { channel: key.channel, flowId: effect.submission.flowId, created: saved.created },
          'submission stored',
        );
      } catch (error) {
        // The session already says "submitted": undo that so the partner can try again. Nothing is lost:
        // the draft stays in the session store.
        logger.error({ channel: key.channel, err: errorSummary(error) }, 'submission could not be stored');
        const reverted = await runAndSave(key, event, session, { kind: 'submitFailed' });
        replies = reverted.result.replies;
        session = reverted.saved;
      }
    }
    return { replies, session };
  }

  return {
    async dispatch(event, options = {}) {
      const { key } = event;
      const claimed = await sessionStore.claimAndLoad(key, event.deliveryId, DEDUPE_TTL_MS);
      if (!claimed.fresh) {
        logger.info({ channel: key.channel }, 'duplicate delivery dropped');
        return { status: 'duplicate' };
      }
      if (options.requireExistingSession && claimed.session === null) {
        await sessionStore.releaseDelivery(key, event.deliveryId);
        return { status: 'not-found' };
      }
      let outcome: { result: StepResult; saved: Session };
      try {
        outcome = await runAndSave(key, event, claimed.session, event.input);
      } catch (error) {
        await sessionStore.releaseDelivery(key, event.deliveryId).catch(() => undefined);
        throw error;
      }
      logger.info(
        { channel: key.channel, outcome: outcome.result.outcome, step: outcome.saved.step },
        'turn processed',
      );
      const done = await performEffects(key, event, outcome);
      return { status: 'processed', replies: done.replies, session: done.session };
    },
  };
}

function applyProfile(session: Session, event: InboundEvent): Session {
  const timeZone = event.profile?.timeZone;
  if (!timeZone || session.timeZone === timeZone) return session;
  return { ...session, timeZone };
}
