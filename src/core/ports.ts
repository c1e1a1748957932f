import type { NewSubmission, StoredSubmission } from './submission.js';
import type { Channel, ConversationKey, Language, Reply } from './types.js';

/**
 * The ports of the core: what it needs from the outside world, stated as contracts. Each has one
 * contract suite under test/contract/ that every implementation runs.
 */

/**
 * A stored value the session store never interprets: the session codec (src/flow/session-codec.ts) owns
 * its shape and its schema version, so the store does not change when the session does.
 */
export interface VersionedValue {
  /** Optimistic-concurrency counter: 1 after the first save, one more after each later save. */
  version: number;
  /** The encoded session (JSON text carrying its own schema version). */
  data: string;
}

/**
 * SessionStore — where each conversation's draft lives between turns.
 *
 * Contract (checked by test/contract/session-store.contract.ts against every implementation):
 * - `claimAndLoad` records `deliveryId` as seen for `dedupeTtlMs` and returns `fresh: false` if it was
 *   already seen; in the same call it returns the stored value (or null). Redis and SQL do this in ONE round trip.
 * - `saveIfVersion` stores `value` only if the stored version equals `expectedVersion` (0 = must not
 *   exist yet) and returns false otherwise (nothing written). `value.version` must be
 *   `expectedVersion + 1` and `value.data` a non-empty string. Every write sets a TTL of `ttlMs`. ONE round trip.
 *   An expired value is gone: no read returns it, and a create (expectedVersion 0) may replace it.
 * - `releaseDelivery` forgets a delivery id so a platform retry can be processed after a failed turn.
 * - `load` returns the value exactly as saved, or null; `delete` removes it.
 * - `ping` rejects when the backing service is unreachable.
 * - Submits waiting for the comment store (it was unreachable when the partner pressed submit), one entry
 *   per conversation, kept for at least `ttlMs` (a later mark replaces the entry and may extend its TTL):
 *   `markSubmitPending` records "retry the submit of this conversation while its session is at `version`",
 *   when the partner asked (`requestedAt`, to the millisecond), how many retries already failed
 *   (`attempts`, 0 for the partner's own submit) and when the next retry is due (`nextAttemptAt`, to the
 *   millisecond) — each waiting submit has its own back-off, so one that keeps failing never delays another;
 *   `listSubmitsPending(limit, dueBy)` returns up to `limit` entries whose `nextAttemptAt` is at or before
 *   `dueBy`, earliest `nextAttemptAt` first (ties in any order);
 *   `clearSubmitPending` removes the entry only while it still names `version`, so an instance clearing an
 *   old entry never drops a newer one. An entry stored by an older version of the bot (no attempts / due
 *   time) reads as `attempts: 0, nextAttemptAt: requestedAt`.
 * - Errors are AppErrors: SESSION_STORE_UNAVAILABLE (cannot reach it), SESSION_STORE_FAILED (it refused),
 *   SESSION_VERSION_INVALID / INVALID_TTL (caller bugs, nothing touched).
 */
export interface SessionStore {
  /** Redis (REDIS_URL), else the app's SQL database (PGlite embedded, or Postgres); memory in tests only. */
  readonly kind: 'memory' | 'redis' | 'pglite' | 'postgres';
  claimAndLoad(key: ConversationKey, deliveryId: string, dedupeTtlMs: number): Promise<{ fresh: boolean; stored: VersionedValue | null }>;
  saveIfVersion(key: ConversationKey, value: VersionedValue, expectedVersion: number, ttlMs: number): Promise<boolean>;
  releaseDelivery(key: ConversationKey, deliveryId: string): Promise<void>;
  load(key: ConversationKey): Promise<VersionedValue | null>;
  delete(key: ConversationKey): Promise<void>;
  markSubmitPending(key: ConversationKey, pending: Omit<PendingSubmit, 'key'>, ttlMs: number): Promise<void>;
  listSubmitsPending(limit: number, dueBy: Date): Promise<PendingSubmit[]>;
  clearSubmitPending(key: ConversationKey, version: number): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A submit to try again once the comment store answers: the conversation, at the session version it was refused at. */
export interface PendingSubmit {
  key: ConversationKey;
  version: number;
  /** When the partner pressed submit: the retry is judged as of then (a deadline passed meanwhile does not refuse it). */
  requestedAt: Date;
  /** Retries of this submit that already failed (0: only the partner's own submit failed). */
  attempts: number;
  /** When the next retry is due (its own back-off: see src/dispatcher/submit-backoff.ts). */
  nextAttemptAt: Date;
}

/**
 * CommentStore — the durable record of finished submissions (Postgres, or PGlite embedded).
 *
 * Contract (test/contract/comment-store.contract.ts, run against PGlite and Postgres):
 * - `migrate` is idempotent and safe to call at every start.
 * - `saveSubmission` is idempotent on `id`: saving the same id again stores nothing new and returns the
 *   receipt of the first save with `created: false`.
 * - The contact email and conversation key are kept in a separate private table; `getById` and
 *   `getByReceipt` never return them. Only `getPrivateContact` does.
 * - `ping` rejects when the database is unreachable.
 * - `deleteByConversation` (a partner withdrawing) and `purgeBefore` (retention) remove submissions with
 *   everything derived from them (answers, private contact, moderation's flags and redactions).
 */
export interface CommentStore {
  readonly kind: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  saveSubmission(submission: NewSubmission): Promise<{ receipt: string; created: boolean }>;
  getById(id: string): Promise<StoredSubmission | null>;
  getByReceipt(receipt: string): Promise<StoredSubmission | null>;
  getPrivateContact(id: string): Promise<{ contactEmail: string | null; conversationKey: string } | null>;
  /** Removes every submission of this conversation; returns the ids removed (none: []). */
  deleteByConversation(conversationKey: string): Promise<string[]>;
  /** Removes the submissions submitted before `before`; returns how many. */
  purgeBefore(before: Date): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Clock port: the only way the core learns the time, so tests can pin it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** What came of one proactive send. */
export type SendOutcome =
  | { status: 'sent' }
  /** The partner cannot be reached on this platform (app removed, user gone): retrying will not help. */
  | { status: 'unreachable'; code: string }
  /**
   * Not delivered now (rate limit, network, platform error). `retryAfterMs` when the platform said when
   * to come back; `maybeDelivered` when the request may have reached the platform (a timeout or a reset
   * after sending): sending again could show the partner the message twice.
   */
  | { status: 'failed'; code: string; retryAfterMs?: number; maybeDelivered: boolean };

/**
 * OutboundMessenger — sends replies to a partner outside a turn (reminders, a docket tracking number).
 * Implemented by each platform adapter that can reach a partner first (Slack, Teams).
 *
 * Contract: `send` resolves, never rejects; it makes at most a short, bounded number of attempts itself
 * (a platform's own fast retries) and reports what happened, so the caller's queue decides about later
 * retries. Replies are rendered as the platform renders a turn's replies; every button keeps its typed
 * equivalent. Nothing the partner wrote is logged.
 */
export interface OutboundMessenger {
  readonly channel: Channel;
  /** `marker`: an id the platform keeps with the message (Slack message metadata), for `confirm`. */
  /** `purpose`: an invitation may reach an address staff imported; a reminder only a confirmed one (email). */
  send(key: ConversationKey, replies: Reply[], options?: { marker?: string; purpose?: 'invite' | 'reminder' }): Promise<SendOutcome>;
  /**
   * Optional: whether a message sent with `marker` since `sinceMs` is in the partner's conversation —
   * after a crash or a timeout mid-send, so it is sent again only when it did not arrive. Resolves null
   * when the platform cannot tell (then the send stays "unknown"); never rejects.
   */
  confirm?(key: ConversationKey, marker: string, sinceMs: number): Promise<boolean | null>;
}

/**
 * PartnerActivity — what the staff's roster learns from turns: who started, who submitted, their time
 * zone, and the partner's own choice about reminders.
 *
 * Contract: `seen` never throws and never delays a turn (it records in the background, logs failures,
 * and skips facts it has already recorded); `setReminders` resolves once the choice is durable and
 * rejects when it could not be stored, so the partner is never told "done" for nothing.
 */
export interface PartnerActivity {
  seen(key: ConversationKey, facts: { progress: 'started' | 'submitted'; timeZone?: string; locale?: string; platformUserId?: string }): void;
  setReminders(key: ConversationKey, optedIn: boolean): Promise<void>;
}

/**
 * StaffCommands — `/rfi-admin …` typed in Slack or Teams by someone listed in STAFF_USERS.
 * Contract: resolves the reply text in `language`; for a sender who is not staff it resolves null and
 * does nothing; it never exposes partner text or contact details (counts and ids only).
 */
export interface StaffCommands {
  handle(key: ConversationKey, words: string, language: Language): Promise<string | null>;
}

/**
 * Why a store call failed, as a fixed word (the `code` label of rfibot_store_errors_total):
 * - transient, worth retrying: `unavailable` (connection refused, reset, closed), `timeout`, `busy`
 *   (serialization failure, deadlock, out of resources);
 * - permanent, never retried blindly: `encoding` (text the database refuses), `constraint` (a constraint
 *   violation), `data` (another invalid value), `refused` (the session store refused a command), `bug`
 *   (anything else: an error in our code or our SQL).
 */
export const STORE_ERROR_CODES = ['unavailable', 'timeout', 'busy', 'encoding', 'constraint', 'data', 'refused', 'bug'] as const;
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];
export const TRANSIENT_STORE_ERROR_CODES: readonly StoreErrorCode[] = ['unavailable', 'timeout', 'busy'];

/**
 * Metrics — what operators count (GET /metrics). Contract: labels are fixed, low-cardinality words
 * (channel, outcome, store, code); never partner text, ids, emails or tokens. Calls never throw.
 */
export interface Metrics {
  turn(channel: Channel, outcome: 'processed' | 'duplicate' | 'not-found' | 'error', durationMs: number): void;
  submission(channel: Channel, created: boolean): void;
  reminderSend(outcome: 'sent' | 'failed' | 'skipped' | 'unknown'): void;
  forward(outcome: string): void;
  storeError(store: 'session' | 'comment', code: StoreErrorCode): void;
}

export const noMetrics: Metrics = {
  turn: () => undefined,
  submission: () => undefined,
  reminderSend: () => undefined,
  forward: () => undefined,
  storeError: () => undefined,
};

/**
 * DocketStatus — where a conversation's submission is on its way to the docket: the tracking number once
 * forwarded (else null), and `waiting` while a forward is due or under way (so the web chat page knows
 * to look again). Never throws for "none": no submission or no forwarding is `{ null, false }`.
 */
export interface DocketStatus {
  status(key: ConversationKey): Promise<{ trackingNumber: string | null; waiting: boolean }>;
}

/** How to reach a Teams partner later: the Bot Framework conversation reference, as plain data. */
export interface ConversationReference {
  conversationId: string;
  serviceUrl: string;
  channelId: string;
  botId: string;
  botName: string | undefined;
  /** The partner's Bot Framework id (29:…); the conversation key uses the AAD object id when present. */
  userChannelId: string;
  userName: string | undefined;
  tenantId: string;
  locale: string | undefined;
  timeZone: string | undefined;
}

/** Whether the last send to a partner worked: `app-removed` (403) is never retried until they write again. */
export type DeliveryStatus = 'ok' | 'app-removed' | 'failing';

export interface ReferenceRecord {
  reference: ConversationReference;
  deliveryStatus: DeliveryStatus;
  deliveryStatusCode: number | null;
}

/**
 * ConversationReferenceStore — the durable record of how to reach each Teams partner (so proactive
 * messages work after a restart and from any instance), and of whether we still can.
 *
 * Contract (test/contract/reference-store.contract.ts, PGlite and Postgres):
 * - `remember` upserts the reference the first time a partner is seen and whenever it changes; contact
 *   from the partner sets the delivery status back to `ok`. It keeps a known time zone / locale when a
 *   later reference lacks one.
 * - `markDelivery` records the outcome of a send: `app-removed`, `failing` or `ok`.
 * - `get` returns the reference and status, or null.
 */
export interface ConversationReferenceStore {
  remember(key: ConversationKey, reference: ConversationReference): Promise<void>;
  markDelivery(key: ConversationKey, status: DeliveryStatus, httpStatus: number | null): Promise<void>;
  get(key: ConversationKey): Promise<ReferenceRecord | null>;
}
