import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { noMetrics, type Clock, type CommentStore, type Metrics, type PartnerActivity, type PendingSubmit, type SessionStore, type StaffCommands, type VersionedValue } from '../core/ports.js';
import { conversationKeyToString, type ConversationKey, type InboundEvent, type Language, type Reply } from '../core/types.js';
import type { ConversationView, EditableAnswer, QuestionnaireInfo } from '../core/view.js';
import { AppError, errorSummary, isAppError } from '../errors.js';
import type { FlowDefinition } from '../flow/definition.js';
import { newSession, step } from '../flow/engine.js';
import type { EngineContext, EngineInput, StepResult } from '../flow/engine-types.js';
import { upgradeToFlow } from '../flow/flow-upgrade.js';
import { submissionCopy } from '../flow/receipts.js';
import { decodeSession, encodeSession } from '../flow/session-codec.js';
import type { Session } from '../flow/session.js';
import { languageOfLocale } from '../i18n/catalog.js';
import { DEDUPE_TTL_MS, sessionTtlMs } from './deadline.js';
import { createSideCommands } from './side-commands.js';
import { parseSideCommand } from './side-commands-parse.js';
import { editableAnswerOf, questionnaireInfo, viewOf } from './view.js';

/**
 * One event in, replies out. The order is fixed:
 *   1. claim the delivery id and load the session — ONE store round trip;
 *   2. decode it, upgrading an older schema (session-migrations.ts) and an older flow version
 *      (flow-upgrade.ts); a session written by a newer bot is refused, never overwritten;
 *   3. run one pure engine step;
 *   4. save with a version check — ONE round trip (skipped when nothing changed, forced after an upgrade);
 *      on a version conflict (another event for the same conversation won the race), reload and
 *      re-run the step on the newer session, so neither partner message is lost;
 *   5. perform effects (write the submission), computed from the state that was saved;
 *   6. return the replies and a view of the conversation for the adapter to render.
 * If anything fails before the session is saved, the delivery id is released so a platform retry works.
 *
 * Adapters read conversations only through `dispatch`, `view` and `editableAnswer`: they never see the
 * session itself, so its shape can change without touching them.
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
  /** The staff's roster: who started and submitted, and "stop reminders" / "start reminders". */
  partners?: PartnerActivity;
  /** `/rfi-admin …` for the people in STAFF_USERS. */
  staffCommands?: StaffCommands;
  metrics?: Metrics;
  /** After a partner withdrew (audit log): the ids of the submissions removed. */
  onWithdrawn?: (key: ConversationKey, submissionIds: string[]) => Promise<void>;
}

export type DispatchResult =
  | { status: 'processed'; replies: Reply[]; view: ConversationView }
  | { status: 'duplicate' }
  | { status: 'not-found' };

export interface DispatchOptions {
  /** Web chat: messages to a session that does not exist are refused instead of starting one. */
  requireExistingSession?: boolean;
  /**
   * Runs the turn as of this time instead of now: the retry of a submit the comment store refused is the
   * partner's submit of then, so it is timestamped then and a deadline passed meanwhile does not refuse it.
   */
  asOf?: Date;
}

export interface Dispatcher {
  dispatch(event: InboundEvent, options?: DispatchOptions): Promise<DispatchResult>;
  /** What an adapter may show about a conversation (Home tab, state endpoint); null when there is none. Never writes. */
  view(key: ConversationKey): Promise<ConversationView | null>;
  /** The answer to question `questionNumber` (1-based) for an "Edit answer" box. Never writes. */
  editableAnswer(key: ConversationKey, questionNumber: number): Promise<EditableAnswer>;
  /**
   * The plain-text copy of what the partner sent (every question and answer, the receipt, when it was
   * received in the questionnaire's time zone, what happens next), or null before a submission (or no
   * conversation). `trackingNumber`: the docket's, when the caller knows it. Never writes.
   */
  submissionCopy(key: ConversationKey, trackingNumber?: string | null): Promise<string | null>;
  /** The questionnaire in `language` (title, days left), for what is shown before a conversation exists. */
  questionnaire(language: Language): QuestionnaireInfo;
  /**
   * Retries a submit the comment store refused (see SessionStore.markSubmitPending): `stored` with the
   * replies the partner would have seen; `dropped` when the partner has changed the draft since (or it is
   * gone), so it is theirs to submit; `failed` when the store still refuses (a new entry is queued).
   */
  retrySubmit(pending: PendingSubmit): Promise<RetrySubmitResult>;
}

export type RetrySubmitResult =
  | { status: 'stored'; replies: Reply[]; language: Language }
  | { status: 'dropped' }
  | { status: 'failed' };

const DEFAULT_MAX_CONFLICT_RETRIES = 8;

interface Loaded {
  session: Session | null;
  /** The stored form was older (schema or flow version): save the upgraded form even if the turn changes nothing. */
  upgraded: boolean;
}

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const newDraftId = deps.newDraftId ?? (() => randomBytes(16).toString('hex'));
  const maxRetries = deps.maxConflictRetries ?? DEFAULT_MAX_CONFLICT_RETRIES;
  const { sessionStore, logger } = deps;

  /** Decodes and upgrades a stored session. Throws SESSION_TOO_NEW / SESSION_CORRUPT (logged here, once). */
  function readStored(key: ConversationKey, stored: VersionedValue | null): Loaded {
    if (!stored) return { session: null, upgraded: false };
    try {
      const decoded = decodeSession(stored);
      const upToDate = upgradeToFlow(deps.flow, decoded.session);
      if (decoded.upgradedFrom !== null || upToDate !== null) {
        logger.info(
          { channel: key.channel, fromSchemaVersion: decoded.upgradedFrom, fromFlowVersion: decoded.session.flowVersion, toFlowVersion: deps.flow.version },
          'stored session upgraded',
        );
      }
      return { session: upToDate ?? decoded.session, upgraded: decoded.upgradedFrom !== null || upToDate !== null };
    } catch (error) {
      if (isAppError(error) && error.code === 'SESSION_TOO_NEW') {
        logger.warn(
          { channel: key.channel, err: errorSummary(error), runningFlowVersion: deps.flow.version },
          'stored session was written by a newer version of the bot; refused and left untouched (finish the deploy on every instance)',
        );
      } else if (isAppError(error) && error.code === 'SESSION_CORRUPT') {
        logger.error({ channel: key.channel, err: errorSummary(error) }, 'stored session could not be read; left untouched');
      }
      throw error;
    }
  }

  async function runAndSave(key: ConversationKey, event: InboundEvent, loaded: Loaded, input: EngineInput, asOf?: Date) {
    let current = loaded;
    for (let attempt = 0; attempt <= maxRetries; attempt += 1) {
      const now = asOf ?? deps.clock.now();
      const before = current.session ?? startSession(event, now);
      const withProfile = applyProfile(before, event);
      const result = step(deps.flow, withProfile, input, now, deps.engineContext);
      const changed = current.session === null || current.upgraded || JSON.stringify(result.session) !== JSON.stringify(before);
      if (!changed) return { result, saved: before };
      const saved: Session = { ...result.session, version: before.version + 1 };
      const ttlMs = sessionTtlMs(deps.engineContext.deadlineAt, now);
      if (await sessionStore.saveIfVersion(key, encodeSession(saved), before.version, ttlMs)) return { result, saved };
      logger.debug({ channel: key.channel, attempt }, 'session version conflict; retrying on the newer session');
      current = readStored(key, await sessionStore.load(key));
    }
    throw new AppError('SESSION_CONFLICT', 'The conversation changed too many times at once; the event was not applied.');
  }

  function startSession(event: InboundEvent, now: Date): Session {
    return newSession(deps.flow, { channel: event.key.channel, draftId: newDraftId(), now, language: languageOfLocale(event.profile?.locale) });
  }

  async function performEffects(key: ConversationKey, event: InboundEvent, outcome: { result: StepResult; saved: Session }, asOf: Date | undefined) {
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
        metrics.submission(key.channel, saved.created);
      } catch (error) {
        // The session already says "submitted": undo that so the partner can try again. Nothing is lost:
        // the draft stays in the session store, and the submit is retried once the comment store answers
        // (submit-retry.ts) unless the partner changes the draft first.
        logger.error({ channel: key.channel, err: errorSummary(error) }, 'submission could not be stored');
        const reverted = await runAndSave(key, event, { session, upgraded: false }, { kind: 'submitFailed' });
        replies = reverted.result.replies;
        session = reverted.saved;
        const ttlMs = sessionTtlMs(deps.engineContext.deadlineAt, deps.clock.now());
        const requestedAt = asOf ?? deps.clock.now();
        await sessionStore.markSubmitPending(key, { version: session.version, requestedAt }, ttlMs).catch((markError: unknown) => {
          logger.warn({ channel: key.channel, err: errorSummary(markError) }, 'submit could not be queued for a retry; the partner can submit again');
        });
      }
    }
    return { replies, session };
  }

  async function loadForReading(key: ConversationKey): Promise<Session | null> {
    return readStored(key, await sessionStore.load(key)).session;
  }

  const metrics = deps.metrics ?? noMetrics;
  const handleSideCommand = createSideCommands({ ...deps, startSession });

  async function dispatchCounted(event: InboundEvent, options: DispatchOptions): Promise<DispatchResult> {
    const startedAt = performance.now();
    try {
      const result = await dispatchOnce(event, options);
      metrics.turn(event.key.channel, result.status, performance.now() - startedAt);
      return result;
    } catch (error) {
      metrics.turn(event.key.channel, 'error', performance.now() - startedAt);
      const code = isAppError(error) ? error.code : null;
      if (code === 'SESSION_STORE_UNAVAILABLE' || code === 'SESSION_STORE_FAILED') metrics.storeError('session');
      if (code === 'COMMENT_STORE_UNAVAILABLE' || code === 'COMMENT_STORE_FAILED') metrics.storeError('comment');
      throw error;
    }
  }

  async function dispatchOnce(event: InboundEvent, options: DispatchOptions): Promise<DispatchResult> {
      const { key } = event;
      const claimed = await sessionStore.claimAndLoad(key, event.deliveryId, DEDUPE_TTL_MS);
      if (!claimed.fresh) {
        logger.info({ channel: key.channel }, 'duplicate delivery dropped');
        return { status: 'duplicate' };
      }
      let outcome: { result: StepResult; saved: Session };
      try {
        const loaded = readStored(key, claimed.stored);
        if (options.requireExistingSession && loaded.session === null) {
          await sessionStore.releaseDelivery(key, event.deliveryId);
          return { status: 'not-found' };
        }
        const side = parseSideCommand(event.input);
        const sideAnswer = side ? await handleSideCommand(side, event, loaded.session) : null;
        if (sideAnswer) return sideAnswer;
        outcome = await runAndSave(key, event, loaded, event.input, options.asOf);
      } catch (error) {
        await sessionStore.releaseDelivery(key, event.deliveryId).catch(() => undefined);
        throw error;
      }
      logger.info(
        { channel: key.channel, outcome: outcome.result.outcome, step: outcome.saved.step },
        'turn processed',
      );
      const done = await performEffects(key, event, outcome, options.asOf);
      deps.partners?.seen(key, {
        progress: done.session.step === 'submitted' ? 'submitted' : 'started',
        ...(event.profile?.timeZone ? { timeZone: event.profile.timeZone } : {}),
        ...(event.profile?.locale ? { locale: event.profile.locale } : {}),
        ...(event.profile?.platformUserId ? { platformUserId: event.profile.platformUserId } : {}),
      });
      return { status: 'processed', replies: done.replies, view: viewOf(deps.flow, done.session, deps.engineContext, deps.clock.now()) };
    }

  return {
    dispatch: (event, options = {}) => dispatchCounted(event, options),

    async view(key) {
      const session = await loadForReading(key);
      return session ? viewOf(deps.flow, session, deps.engineContext, deps.clock.now()) : null;
    },

    async editableAnswer(key, questionNumber) {
      return editableAnswerOf(deps.flow, await loadForReading(key), questionNumber);
    },

    async submissionCopy(key, trackingNumber = null) {
      const session = await loadForReading(key);
      if (!session) return null;
      return submissionCopy({ flow: deps.flow, now: deps.clock.now(), ctx: deps.engineContext }, session, trackingNumber);
    },

    questionnaire(language) {
      return questionnaireInfo(deps.flow, language, deps.engineContext, deps.clock.now());
    },

    async retrySubmit(pending) {
      const { key, version } = pending;
      const session = await loadForReading(key);
      if (!session || session.version !== version || session.step !== 'review') {
        await sessionStore.clearSubmitPending(key, version);
        return { status: 'dropped' };
      }
      // The delivery id is this attempt's: several instances retrying at once apply it once.
      const result = await dispatchCounted(
        { key, deliveryId: `submit-retry:${session.draftId}:${version}`, input: { kind: 'action', actionId: 'submit' } },
        { asOf: pending.requestedAt },
      );
      if (result.status !== 'processed') return { status: 'dropped' };
      await sessionStore.clearSubmitPending(key, version);
      if (result.view.stage !== 'submitted') return { status: 'failed' };
      return { status: 'stored', replies: result.replies, language: result.view.language };
    },
  };
}

function applyProfile(session: Session, event: InboundEvent): Session {
  const timeZone = event.profile?.timeZone;
  if (!timeZone || session.timeZone === timeZone) return session;
  return { ...session, timeZone };
}
