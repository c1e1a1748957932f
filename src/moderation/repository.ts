import type { Cursor, SubmissionFilters } from './filters.js';
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
 *   an unknown, revoked or expired one;
 * - errors of the database propagate unchanged (the HTTP layer answers 503 for an unavailable one).
 */
export interface ModerationRepository {
  listSubmissions(filters: SubmissionFilters, options: ListOptions): Promise<Page>;
  getSubmission(id: string, withContact: boolean): Promise<ModerationSubmission | null>;
  setFlag(id: string, flag: Flag, on: boolean, by: string): Promise<boolean>;
  setCommittee(id: string, committeeId: string, on: boolean, by: string): Promise<boolean>;
  setRedaction(id: string, questionId: string, text: string | null, by: string): Promise<'ok' | 'no-submission' | 'no-answer'>;
  readStats(): Promise<Stats>;
  audit(actor: AuditActor, action: AuditAction, submissionId: string | null, detail?: Record<string, unknown>): Promise<void>;
  listAudit(options: { limit: number; beforeId?: number; submissionId?: string; action?: string }): Promise<AuditEntry[]>;
  createToken(role: Role, name: string): Promise<{ token: string; record: TokenRecord }>;
  upsertFixedToken(id: string, token: string, role: Role, name: string): Promise<void>;
  revokeToken(idOrPrefix: string): Promise<TokenRecord | null>;
  listTokens(): Promise<TokenRecord[]>;
  findActorByToken(token: string): Promise<Actor | null>;
  openSession(actor: Actor, nowMs: number): Promise<{ sessionId: string; csrfToken: string }>;
  findSession(sessionId: string, nowMs: number): Promise<DashboardSession | null>;
  closeSession(sessionId: string): Promise<void>;
}

export interface ListOptions {
  limit: number;
  cursor: Cursor | null;
  excludeQuarantined: boolean;
}

export interface Page {
  items: ModerationSubmission[];
  nextCursor: string | null;
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
  | 'forward-resolved';

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
