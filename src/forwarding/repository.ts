/**
 * Port: the forwarding outbox (sql/, same SQL on PGlite and Postgres). Contract:
 * - one row per submission; `enqueue` is idempotent, and re-opens only a `held` row;
 * - `claim` leases due `pending` rows to one caller (FOR UPDATE SKIP LOCKED): several instances never
 *   post the same submission at once;
 * - a row goes `sending` just before the POST; a `sending` row whose lease runs out becomes `unknown`,
 *   never `pending` again (no blind second POST);
 * - `forwarded` keeps the tracking number; `dead` keeps the API's status and message.
 */
export type ForwardState = 'pending' | 'sending' | 'forwarded' | 'dead' | 'unknown' | 'held';

export interface ForwardRow {
  submissionId: string;
  state: ForwardState;
  attempts: number;
  submissionKey: string | null;
  trackingNumber: string | null;
  apiStatus: number | null;
  apiMessage: string | null;
  updatedAt: string;
}

export interface UntoldRow extends ForwardRow {
  /** Failed attempts so far to tell the partner the tracking number. */
  tellAttempts: number;
}

export interface ForwardingRepository {
  claim(options: { limit: number; nowMs: number; leaseMs: number }): Promise<ForwardRow[]>;
  rememberSubmissionKey(submissionId: string, key: string): Promise<void>;
  markSending(submissionId: string, options: { nowMs: number; leaseMs: number }): Promise<boolean>;
  forwarded(submissionId: string, trackingNumber: string): Promise<void>;
  dead(submissionId: string, status: number | null, message: string): Promise<void>;
  held(submissionId: string): Promise<void>;
  retryLater(submissionId: string, atMs: number, status: number | null, message: string): Promise<void>;
  unknown(submissionId: string, message: string): Promise<void>;
  recoverExpired(nowMs: number): Promise<number>;
  /**
   * Leases up to `limit` forwarded rows whose partner has not been told the tracking number and whose next
   * try is due, for `leaseMs` (FOR UPDATE SKIP LOCKED: each row to one caller at a time).
   */
  claimUntold(options: { limit: number; nowMs: number; leaseMs: number }): Promise<UntoldRow[]>;
  markTold(submissionId: string): Promise<void>;
  /** The partner could not be told now: one more attempt counted, the next one not before `atMs`. */
  tellLater(submissionId: string, atMs: number): Promise<void>;
  list(options: { state?: ForwardState; limit: number }): Promise<ForwardRow[]>;
  /** A moderator checked the docket for a dead or unknown row: it is there (tracking number) or post it again. */
  resolve(submissionId: string, resolution: { trackingNumber: string } | { retryAtMs: number }): Promise<void>;
  get(submissionId: string): Promise<ForwardRow | null>;
  /** The docket tracking number of the conversation's forwarded submission; `waiting` while its POST is due or under way. */
  docketStatusFor(conversationKey: string): Promise<{ trackingNumber: string | null; waiting: boolean }>;
}
