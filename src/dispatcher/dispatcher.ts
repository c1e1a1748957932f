import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { noMetrics, type Clock, type CommentStore, type Metrics, type PartnerActivity, type PendingSubmit, type SessionStore, type StaffCommands, type StoreErrorCode, type VersionedValue } from '../core/ports.js';
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
import { storableInput } from '../flow/storable-text.js';
import { languageOfLocale, t } from '../i18n/catalog.js';
import { createLogThrottle } from '../log-throttle.js';
import { classifyStoreFailure, type StoreFailure } from '../store/store-failure.js';
import { DEDUPE_TTL_MS, sessionTtlMs } from './deadline.js';
import { createSideCommands } from './side-commands.js';
import { parseSideCommand } from './side-commands-parse.js';
import { nextSubmitAttemptAt } from './submit-backoff.js';
import { editableAnswerOf, questionnaireInfo, viewOf } from './view.js';

/**
 * One event in, replies out. The order is fixed:
 *   0. remove from the partner's text what the store cannot keep (storable-text.ts), noting it in the reply;
 *   1. claim the delivery id and load the session — ONE store round trip;
 *   2. decode it, upgrading an older schema (session-migrations.ts) and an older flow version
 *      (flow-upgrade.ts); a session written by a newer bot is refused, never overwritten;
 *   3. run one pure engine step;
 *   4. perform its effect — write the submission — BEFORE the session that shows the receipt is saved,
 *      so no reader ever sees a receipt for a submission not yet committed; if the store fails, the
 *      session is not saved (it stays at review) and the failure is classified (transient: queued for a
 *      retry with its own back-off; permanent: told plainly, never retried by itself);
 *   5. save with a version check — ONE round trip (skipped when nothing changed, forced after an upgrade);
 *      on a version conflict (another event for the same conversation won the race), reload and
 *      re-run the step on the newer session, so neither partner message is lost (a submission already
 *      stored is not written again);
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
  /**
   * Abuse limits on submissions: called once before a turn that would store a submission is saved, with
   * the caller's client id (web chat: its address) or undefined (Slack, Teams: the user is the client).
   * Throwing (RATE_LIMITED) refuses the turn and changes nothing: the draft stays as it was.
   */
  admitSubmission?: (key: ConversationKey, clientId: string | undefined) => Promise<void>;
}

export type DispatchResult =
  | { status: 'processed'; replies: Reply[]; view: ConversationView }
  | { status: 'duplicate' }
  | { status: 'not-found' };

export interface DispatchOptions {
  /** Web chat: messages to a session that does not exist are refused instead of starting one. */
  requireExistingSession?: boolean;
  /** Who is calling, for the submission limit (web chat: the client address); Slack/Teams leave it out. */
  clientId?: string;
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
   * Retries a submit the comment store could not take (see SessionStore.markSubmitPending): `stored` with
   * the replies the partner would have seen; `dropped` when the partner has changed the draft since (or it
   * is gone), so it is theirs to submit; `failed` when the store still cannot take it (the entry stays,
   * with its next attempt later); `refused` when the failure is permanent (the entry is removed).
   */
  retrySubmit(pending: PendingSubmit): Promise<RetrySubmitResult>;
}

export type RetrySubmitResult =
  | { status: 'stored'; replies: Reply[]; language: Language }
  | { status: 'dropped' }
  /** Transient: the next attempt is queued with its own back-off. */
  | { status: 'failed'; code: StoreErrorCode }
  /** Permanent: off the queue; `replies` tell the partner plainly (kindly, what to do). */
  | { status: 'refused'; code: StoreErrorCode; replies: Reply[]; language: Language };

/** What became of a submit in this turn: none asked, stored (committed before the session was saved), or failed. */
type SubmitOutcome =
  | { kind: 'none' }
  | { kind: 'stored'; created: boolean; draftId: string }
  | { kind: 'failed'; failure: StoreFailure; error: unknown; draftId: string };

interface TurnDone {
  result: StepResult;
  saved: Session;
  submit: SubmitOutcome;
}

type InternalResult =
  | { status: 'processed'; replies: Reply[]; view: ConversationView; submit: SubmitOutcome }
  | { status: 'duplicate' }
  | { status: 'not-found' };

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

  /**
   * Runs one engine step and saves its session, re-running on a version conflict. A submission is written
   * to the comment store BEFORE the session that says "submitted" (with its receipt) is saved: every reader
   * of the session (the web chat's state endpoint, Slack's Home tab, "status" from another tab) shows a
   * receipt only once its submission is committed and readable. The save is idempotent on the draft id,
   * so a crash between the two, or a conflict that re-runs the submit, stores it once; the partner's
   * next submit shows the same receipt. If the store fails, the session is left as it was (at review),
   * and the turn's replies say so. Over the submission limit (`admit` throws) nothing is written at all.
   */
  async function runAndSave(key: ConversationKey, event: InboundEvent, loaded: Loaded, input: EngineInput, asOf?: Date, admit?: () => Promise<void>): Promise<TurnDone> {
    let current = loaded;
    // The submission limit is asked once, before the first write of a submission (see DispatcherDeps.admitSubmission).
    let admitted = false;
    const storedIds = new Set<string>();
    // Kept across conflict re-runs: a submission stored on an earlier run of the loop stays stored.
    let submit: SubmitOutcome = { kind: 'none' };
    for (let attempt = 0; attempt <= maxRetries; attempt += 1) {
      const now = asOf ?? deps.clock.now();
      const before = current.session ?? startSession(event, now);
      const withProfile = applyProfile(before, event);
      const result = step(deps.flow, withProfile, input, now, deps.engineContext);
      const changed = current.session === null || current.upgraded || JSON.stringify(result.session) !== JSON.stringify(before);
      if (!changed) return { result, saved: before, submit };
      for (const effect of result.effects) {
        if (effect.type !== 'saveSubmission' || storedIds.has(effect.submission.id)) continue;
        if (admit && !admitted) {
          await admit();
          admitted = true;
        }
        try {
          const saved = await deps.commentStore.saveSubmission({ ...effect.submission, conversationKey: conversationKeyToString(key) });
          storedIds.add(effect.submission.id);
          submit = { kind: 'stored', created: saved.created, draftId: effect.submission.id };
        } catch (error) {
          // Nothing is saved: the session stays exactly as it was, at review, and the partner is told.
          const failure = classifyStoreFailure(error);
          const reverted = step(deps.flow, result.session, { kind: 'submitFailed', permanent: !failure.transient }, now, deps.engineContext);
          return { result: reverted, saved: before, submit: { kind: 'failed', failure, error, draftId: effect.submission.id } };
        }
      }
      const saved: Session = { ...result.session, version: before.version + 1 };
      const ttlMs = sessionTtlMs(deps.engineContext.deadlineAt, now);
      if (await sessionStore.saveIfVersion(key, encodeSession(saved), before.version, ttlMs)) return { result, saved, submit };
      logger.debug({ channel: key.channel, attempt }, 'session version conflict; retrying on the newer session');
      current = readStored(key, await sessionStore.load(key));
    }
    throw new AppError('SESSION_CONFLICT', 'The conversation changed too many times at once; the event was not applied.');
  }

  function startSession(event: InboundEvent, now: Date): Session {
    return newSession(deps.flow, { channel: event.key.channel, draftId: newDraftId(), now, language: languageOfLocale(event.profile?.locale) });
  }

  /** Bookkeeping after the turn: the metric, a log line (draft id and code, never text), the retry queue. */
  async function afterSubmit(key: ConversationKey, done: TurnDone, asOf: Date | undefined, retryOf: PendingSubmit | undefined): Promise<void> {
    const { submit } = done;
    if (submit.kind === 'stored') {
      logger.info({ channel: key.channel, flowId: done.saved.flowId, created: submit.created }, 'submission stored');
      metrics.submission(key.channel, submit.created);
      return;
    }
    if (submit.kind !== 'failed') return;
    const { failure } = submit;
    metrics.storeError('comment', failure.code);
    const admitted = submitLogThrottle.admit(`submit-failed:${failure.code}`);
    if (admitted) {
      const fields = { channel: key.channel, draftId: submit.draftId, code: failure.code, err: errorSummary(submit.error), ...admitted };
      if (failure.transient) logger.warn(fields, 'submission could not be stored; it will be retried by itself');
      else logger.error(fields, 'submission refused by the comment store; not retried (a permanent failure: look at the draft id)');
    }
    const version = done.saved.version;
    if (!failure.transient) {
      // A permanent failure leaves the retry queue: the same submit would fail the same way.
      await sessionStore.clearSubmitPending(key, version).catch((clearError: unknown) => {
        logger.warn({ channel: key.channel, err: errorSummary(clearError) }, 'refused submit could not be taken off the retry queue');
      });
      return;
    }
    const now = deps.clock.now();
    const attempts = retryOf ? retryOf.attempts + 1 : 0;
    const pending = { version, requestedAt: asOf ?? now, attempts, nextAttemptAt: nextSubmitAttemptAt(attempts, now) };
    await sessionStore.markSubmitPending(key, pending, sessionTtlMs(deps.engineContext.deadlineAt, now)).catch((markError: unknown) => {
      logger.warn({ channel: key.channel, err: errorSummary(markError) }, 'submit could not be queued for a retry; the partner can submit again');
    });
  }

  async function loadForReading(key: ConversationKey): Promise<Session | null> {
    return readStored(key, await sessionStore.load(key)).session;
  }

  const metrics = deps.metrics ?? noMetrics;
  const handleSideCommand = createSideCommands({ ...deps, startSession });
  // Many partners failing the same way at once (the store down) log a few lines a minute, with a count.
  const submitLogThrottle = createLogThrottle({ windowMs: 60_000, burst: 10, nowMs: () => deps.clock.now().getTime() });

  async function dispatchCounted(event: InboundEvent, options: DispatchOptions, retryOf?: PendingSubmit): Promise<InternalResult> {
    const startedAt = performance.now();
    try {
      const result = await dispatchOnce(event, options, retryOf);
      metrics.turn(event.key.channel, result.status, performance.now() - startedAt);
      return result;
    } catch (error) {
      metrics.turn(event.key.channel, 'error', performance.now() - startedAt);
      const code = isAppError(error) ? error.code : null;
      if (code === 'SESSION_STORE_UNAVAILABLE' || code === 'SESSION_STORE_FAILED') metrics.storeError('session', classifyStoreFailure(error).code);
      if (code === 'COMMENT_STORE_UNAVAILABLE' || code === 'COMMENT_STORE_FAILED') metrics.storeError('comment', classifyStoreFailure(error).code);
      throw error;
    }
  }

  async function dispatchOnce(original: InboundEvent, options: DispatchOptions, retryOf: PendingSubmit | undefined): Promise<InternalResult> {
    // Partner text the store cannot keep is removed at the door, before anything reads it (storable-text.ts).
    const cleaned = storableInput(original.input);
    const event: InboundEvent = cleaned.removed === 0 ? original : { ...original, input: cleaned.input };
    const { key } = event;
    const claimed = await sessionStore.claimAndLoad(key, event.deliveryId, DEDUPE_TTL_MS);
    if (!claimed.fresh) {
      logger.info({ channel: key.channel }, 'duplicate delivery dropped');
      return { status: 'duplicate' };
    }
    let outcome: TurnDone;
    try {
      const loaded = readStored(key, claimed.stored);
      if (options.requireExistingSession && loaded.session === null) {
        await sessionStore.releaseDelivery(key, event.deliveryId);
        return { status: 'not-found' };
      }
      const side = parseSideCommand(event.input);
      const sideAnswer = side ? await handleSideCommand(side, event, loaded.session) : null;
      if (sideAnswer) {
        const answered = withRemovedNote(sideAnswer, cleaned.removed);
        return answered.status === 'processed' ? { ...answered, submit: { kind: 'none' } } : answered;
      }
      // A retried submit was admitted when the partner pressed submit.
      const admitSubmission = deps.admitSubmission;
      const admit = admitSubmission && retryOf === undefined && options.asOf === undefined ? () => admitSubmission(key, options.clientId) : undefined;
      outcome = await runAndSave(key, event, loaded, event.input, options.asOf, admit);
    } catch (error) {
      await sessionStore.releaseDelivery(key, event.deliveryId).catch(() => undefined);
      throw error;
    }
    if (cleaned.removed > 0) logger.info({ channel: key.channel, removedCodeUnits: cleaned.removed }, 'characters the store cannot keep were removed from partner text');
    logger.info(
      { channel: key.channel, outcome: outcome.result.outcome, step: outcome.saved.step },
      'turn processed',
    );
    await afterSubmit(key, outcome, options.asOf, retryOf);
    deps.partners?.seen(key, {
      progress: outcome.saved.step === 'submitted' ? 'submitted' : 'started',
      ...(event.profile?.timeZone ? { timeZone: event.profile.timeZone } : {}),
      ...(event.profile?.locale ? { locale: event.profile.locale } : {}),
      ...(event.profile?.platformUserId ? { platformUserId: event.profile.platformUserId } : {}),
    });
    const view = viewOf(deps.flow, outcome.saved, deps.engineContext, deps.clock.now());
    const processed = withRemovedNote({ status: 'processed', replies: outcome.result.replies, view }, cleaned.removed);
    return { ...processed, submit: outcome.submit };
  }

  /** The partner is told once, on the reply to the message that had characters removed. */
  function withRemovedNote<T extends DispatchResult>(result: T, removed: number): T {
    if (removed === 0 || result.status !== 'processed') return result;
    const note = t(result.view.language).charactersRemoved;
    const [first, ...rest] = result.replies;
    return { ...result, replies: first ? [{ ...first, text: `${note}\n\n${first.text}` }, ...rest] : [{ text: note }] };
  }

  return {
    dispatch: async (event, options = {}) => publicResult(await dispatchCounted(event, options)),

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
      // The delivery id is this attempt's: several instances retrying the same attempt apply it once.
      const result = await dispatchCounted(
        { key, deliveryId: `submit-retry:${session.draftId}:${version}:${pending.attempts}`, input: { kind: 'action', actionId: 'submit' } },
        { asOf: pending.requestedAt },
        pending,
      );
      if (result.status !== 'processed') return { status: 'dropped' };
      const { submit } = result;
      if (submit.kind === 'failed') {
        // Transient: the dispatcher queued the next attempt with its back-off. Permanent: it left the queue.
        return submit.failure.transient
          ? { status: 'failed', code: submit.failure.code }
          : { status: 'refused', code: submit.failure.code, replies: result.replies, language: result.view.language };
      }
      await sessionStore.clearSubmitPending(key, version);
      if (submit.kind === 'none' || result.view.stage !== 'submitted') return { status: 'dropped' };
      return { status: 'stored', replies: result.replies, language: result.view.language };
    },
  };
}

function publicResult(result: InternalResult): DispatchResult {
  if (result.status !== 'processed') return result;
  return { status: 'processed', replies: result.replies, view: result.view };
}

function applyProfile(session: Session, event: InboundEvent): Session {
  const timeZone = event.profile?.timeZone;
  if (!timeZone || session.timeZone === timeZone) return session;
  return { ...session, timeZone };
}
