import type { Cursor, Sort, SubmissionFilters } from './filters.js';
import type { Flag } from './committees.js';
import type { Actor, Role } from './roles.js';
import type { DashboardSession } from './sessions.js';
import type { ModerationSubmission } from './submission-view.js';
import type { TokenRecord } from './tokens.js';

/**
 * Port: everything moderation reads and writes, so handlers never see SQL or the SQL client.
 * Implemented once over the comment store's database (`sql/index.ts`, same SQL on PGlite and Postgres);
 * its tables are moderation's own migrations (`migrations.ts`).
 *
 * Contract:
 * - reads of submissions never include contact details unless `withContact` is asked for;
 * - `setFlag` / `setCommittee` return false, `setRedaction` 'no-submission', for an unknown submission,
 *   and change nothing; setting what is already set (or clearing what is not) is not an error;
 * - tokens and session ids are stored as hashes only; `findActorByToken` / `findSession` return null for
 *   an unknown, revoked or expired one (a dashboard session also ends when its token expires);
 * - `filters.q` matches the PUBLISHED text (redactions applied, rewritten in the redaction's transaction);
 *   `filters.searchOriginal` matches what the partner sent (callers allow it to admins only);
 * - every submission read carries `organizationRedacted` and `possibleDuplicateOf` (the earliest stored
 *   submission with near-identical answers, written at submit; null when none);
 * - errors of the database propagate unchanged (the HTTP layer answers 503 for an unavailable one).
 * test/contract/moderation-repository.contract.ts checks the issue-18 parts on PGlite and Postgres.
 */
export interface ModerationRepository {
  listSubmissions(filters: SubmissionFilters, options: ListOptions): Promise<Page>;
  /**
   * The submissions just before and after `id` in the list for `filters` and `sort` (issue 20: the
   * submission page's previous/next keep the list's filters); null at either end, or when `id` is unknown.
   */
  neighbours(id: string, filters: SubmissionFilters, sort: Sort): Promise<Neighbours>;
  getSubmission(id: string, withContact: boolean): Promise<ModerationSubmission | null>;
  setFlag(id: string, flag: Flag, on: boolean, by: string): Promise<boolean>;
  setCommittee(id: string, committeeId: string, on: boolean, by: string): Promise<boolean>;
  /** `questionId` "organization" redacts the organization name ('no-answer' when it was anonymous). */
  setRedaction(id: string, questionId: string, text: string | null, by: string): Promise<'ok' | 'no-submission' | 'no-answer'>;
  /** How many submissions match `filters`, and how many of them an export leaves out, and why. */
  countForExport(filters: SubmissionFilters, options: { onlyCleared: boolean }): Promise<ExportCounts>;
  /**
   * Brings up to `limit` submissions stored before migration 0110 up to date (near-duplicate index, the
   * organization's PII scan and flag); resolves with how many it looked at (0 = done).
   */
  backfillPublicRecord(limit: number): Promise<number>;
  readStats(): Promise<Stats>;
  audit(actor: AuditActor, action: AuditAction, submissionId: string | null, detail?: Record<string, unknown>): Promise<void>;
  listAudit(options: { limit: number; beforeId?: number; submissionId?: string; action?: string }): Promise<AuditEntry[]>;
  /** `expiresAt`: the token stops working then (null / absent = never). */
  createToken(role: Role, name: string, expiresAt?: Date | null): Promise<{ token: string; record: TokenRecord }>;
  upsertFixedToken(id: string, token: string, role: Role, name: string): Promise<void>;
  revokeToken(idOrPrefix: string): Promise<TokenRecord | null>;
  listTokens(): Promise<TokenRecord[]>;
  /** As of `nowMs` (default: the system clock) for the expiry. */
  findActorByToken(token: string, nowMs?: number): Promise<Actor | null>;
  openSession(actor: Actor, nowMs: number): Promise<{ sessionId: string; csrfToken: string }>;
  findSession(sessionId: string, nowMs: number): Promise<DashboardSession | null>;
  closeSession(sessionId: string): Promise<void>;
}

export interface ListOptions {
  limit: number;
  cursor: Cursor | null;
  excludeQuarantined: boolean;
  /** Only submissions a moderator marked `cleared` (the docket file in after-review mode). */
  onlyCleared?: boolean;
  /** Default newest. A cursor must come from a page of the same sort (see cursorForSort). */
  sort?: Sort;
  /** Also count every submission matching the filters (`Page.total`; the list API and page ask for it). */
  withTotal?: boolean;
}

export interface Neighbours {
  previous: { id: string; receipt: string } | null;
  next: { id: string; receipt: string } | null;
}

/**
 * Counts behind `X-Export-Omitted` and the dashboard's "7 of 8; 1 quarantined left out". Each submission
 * left out is counted once: `quarantined` when it is quarantined (and the export leaves those out),
 * otherwise `unreviewed` when only cleared ones are exported and it is not cleared.
 */
export interface ExportCounts {
  /** Submissions matching the filters, before anything is left out. */
  matching: number;
  quarantined: number;
  unreviewed: number;
}

export interface Page {
  items: ModerationSubmission[];
  nextCursor: string | null;
  /** Every submission matching the filters (all pages), counted with the same WHERE; when asked (withTotal). */
  total?: number;
}

/**
 * Counts for `GET /api/stats` and the overview page. Counts only: no partner text, so staff may see them.
 * Days are UTC calendar days.
 */
export interface Stats {
  total: number;
  /** Submissions carrying pii-suspected or quarantined (each counted once). */
  flagged: number;
  /** Submissions flagged pii-suspected that no moderator has marked cleared or quarantined yet. */
  awaitingReview: number;
  byDay: Array<{ day: string; count: number }>;
  byQuestion: Array<{ index: number; count: number }>;
  byRespondentType: Array<{ respondentType: string; count: number }>;
  byChannel: Array<{ channel: string; count: number }>;
  byFlag: Array<{ flag: string; count: number }>;
  byCommittee: Array<{ committee: string; count: number }>;
}

/**
 * The audit log: who (token id, name, role), what (action + submission + detail), when. Written for every
 * view of a submission (single view, list page items, question reading view), every export and every
 * flag / committee / redaction change. `detail` holds ids, filters and counts — never partner text.
 */
export type AuditAction =
  | 'login'
  | 'view-submission'
  | 'list-submissions'
  | 'read-question'
  | 'export'
  | 'flag-set'
  | 'flag-cleared'
  | 'committee-set'
  | 'committee-cleared'
  | 'redaction-saved'
  | 'redaction-removed'
  | 'view-contact'
  | 'roster-import'
  | 'roster-invite'
  | 'reminder-plan-changed'
  | 'reminder-send'
  // A manual send told to ignore the frequency cap (REMINDER_MIN_GAP_HOURS): always its own entry.
  | 'reminder-cap-override'
  | 'partner-withdrew'
  | 'data-purged'
  | 'forward-resolved'
  // Abuse controls (issue 18 item 7, issue 17 item 4): token management and failed sign-ins.
  | 'token-created'
  | 'token-revoked'
  | 'auth-failed'
  | 'view-outbox';

/** Who did it: a staff token, or the bot on someone's behalf (`partner`, `admin script`). */
export interface AuditActor {
  tokenId: string;
  name: string;
  role: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: string;
  actorName: string;
  actorRole: string;
  action: string;
  submissionId: string | null;
  detail: Record<string, unknown>;
}
