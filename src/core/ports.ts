import type { Session } from '../flow/session.js';
import type { NewSubmission, StoredSubmission } from './submission.js';
import type { ConversationKey, Reply } from './types.js';

/**
 * SessionStore — where each conversation's draft lives between turns.
 *
 * Contract (checked by test/contract/session-store.contract.ts against every implementation):
 * - `claimAndLoad` records `deliveryId` as seen for `dedupeTtlMs` and returns `fresh: false` if it was
 *   already seen; in the same call it returns the stored session (or null). Redis does this in ONE round trip.
 * - `saveIfVersion` stores `session` only if the stored version equals `expectedVersion` (0 = must not
 *   exist yet) and returns false otherwise (nothing written). `session.version` must be
 *   `expectedVersion + 1`. Every write sets a TTL of `ttlMs`. ONE round trip.
 * - `releaseDelivery` forgets a delivery id so a platform retry can be processed after a failed turn.
 * - `load` returns the session or null; `delete` removes it. Stored sessions are returned as saved (JSON round trip).
 * - `ping` rejects when the backing service is unreachable.
 */
export interface SessionStore {
  readonly kind: 'memory' | 'redis';
  claimAndLoad(key: ConversationKey, deliveryId: string, dedupeTtlMs: number): Promise<{ fresh: boolean; session: Session | null }>;
  saveIfVersion(key: ConversationKey, session: Session, expectedVersion: number, ttlMs: number): Promise<boolean>;
  releaseDelivery(key: ConversationKey, deliveryId: string): Promise<void>;
  load(key: ConversationKey): Promise<Session | null>;
  delete(key: ConversationKey): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
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
 */
export interface CommentStore {
  readonly kind: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  saveSubmission(submission: NewSubmission): Promise<{ receipt: string; created: boolean }>;
  getById(id: string): Promise<StoredSubmission | null>;
  getByReceipt(receipt: string): Promise<StoredSubmission | null>;
  getPrivateContact(id: string): Promise<{ contactEmail: string | null; conversationKey: string } | null>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Clock port: the only way the core learns the time, so tests can pin it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** What an adapter gives the dispatcher to send replies back on its platform. */
export type ReplySink = (replies: Reply[]) => Promise<void>;
