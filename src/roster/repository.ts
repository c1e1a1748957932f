import type { ConversationKey } from '../core/types.js';
import type { ReminderPlan } from '../reminders/plan.js';
import type { ReachRow } from './sql/reach.js';
import type { Audience, ClaimedDelivery, ImportReport, Partner, PartnerCandidate, NewSend, PartnerProgress, RosterProgress, SendProgress, VisitorCounts } from './types.js';

/**
 * Port: the roster and the reminder records, in the comment store's database (`sql/`, same SQL on
 * PGlite and Postgres). Contract:
 * - one partner record per identity (Slack team + user, Teams user, web chat email): importing the same
 *   partner twice keeps one record; a partner who starts by themselves gets a record (`source: self`);
 * - progress only moves forward (invited → started → submitted);
 * - `createSend` records one delivery intent per (stage key, partner), ever: a second intent for the same
 *   pair is ignored, so no stage reaches anyone twice, whatever the number of instances or restarts;
 * - a delivery is `claimed` (lease, safe to hand back) before it is `sending` (the platform call is
 *   under way); a `sending` whose lease runs out may have been delivered, so it becomes `unknown` and is
 *   never sent again; a `claimed` whose lease runs out goes back to the queue.
 */
export interface ActivityFacts {
  progress: PartnerProgress;
  timeZone?: string;
  locale?: string;
  platformUserId?: string;
  nowMs: number;
}

export interface WebchatEmailContact {
  email: string;
  /** The owner followed a confirmation link, or the link of an invitation sent to this address. */
  confirmed: boolean;
  remindersOptedOut: boolean;
  source: 'import' | 'self';
  locale: string | null;
}

export interface RosterRepository {
  importPartners(candidates: readonly PartnerCandidate[]): Promise<{ created: number; updated: number }>;
  /** Turns happened: one statement for many partners (see recordActivity). */
  recordActivities(entries: ReadonlyArray<{ key: ConversationKey; facts: ActivityFacts }>): Promise<void>;
  /** A turn happened: creates the partner record when needed and moves progress forward. */
  recordActivity(key: ConversationKey, facts: { progress: PartnerProgress; timeZone?: string; locale?: string; platformUserId?: string; nowMs: number }): Promise<void>;
  setRemindersOptedOut(key: ConversationKey, optedOut: boolean, nowMs: number): Promise<void>;
  /**
   * Web chat "remind me": an email its owner CONFIRMED (double opt-in) becomes this conversation's, and an
   * imported record with that email that never talked is joined to it. Call it only after confirmation.
   */
  setReminderEmail(key: ConversationKey, contact: { email: string; timeZone?: string }, optedIn: boolean, nowMs: number): Promise<void>;
  /** A web chat conversation's email on the roster (confirmed or only imported); null when none. */
  emailContact(key: ConversationKey): Promise<WebchatEmailContact | null>;
  /**
   * An imported web chat partner's private draft (the link of their email invitation): null when `key`
   * is not one. Marks their email confirmed (the link reached them at that address).
   */
  openReservedDraft(key: ConversationKey, nowMs: number): Promise<{ locale: string | null } | null>;
  /** An email's unsubscribe link was used: reminders stop, and the partner's progress is left as it is. */
  stopEmailReminders(key: ConversationKey): Promise<void>;
  /** `excludeAnonymousVisitors`: leave out web chat visitors who came by themselves (see visitorCounts). */
  listPartners(options: { limit: number; offset: number; excludeAnonymousVisitors?: boolean }): Promise<Partner[]>;
  /** Web chat visitors who came by themselves, counted apart from the partners staff imported. */
  visitorCounts(): Promise<VisitorCounts>;
  /** Each partner at these progress stages, with the facts reachOf (../reach.ts) decides on. */
  reachRows(progress: readonly PartnerProgress[]): Promise<ReachRow[]>;
  saveImportReport(id: string, by: string, report: ImportReport): Promise<void>;
  importReport(id: string): Promise<ImportReport | null>;
  progress(): Promise<RosterProgress>;
  /** Ids of partners in `audience` who can be reached, have not submitted and have not opted out. */
  audienceIds(audience: Audience | 'invite'): Promise<string[]>;
  /** Partners eligible for reminders, with their time zones, for the plan scheduler. */
  reminderCandidates(): Promise<Array<{ partnerId: string; timeZone: string | null }>>;

  getPlan(): Promise<ReminderPlan | null>;
  savePlan(plan: ReminderPlan, by: string): Promise<void>;

  /**
   * Records a send and its delivery intents. Plan stages reuse their id (one send per stage); any other
   * id seen before is a duplicate (the same form posted twice): nothing is added. A skipped or failed
   * invitation is queued again by the next one.
   */
  createSend(send: NewSend): Promise<{ queued: number; duplicate: boolean }>;
  sendProgress(id: string): Promise<SendProgress | null>;
  listSends(limit: number): Promise<SendProgress[]>;

  claimDue(options: { limit: number; nowMs: number; leaseMs: number }): Promise<ClaimedDelivery[]>;
  /** Due queued intents, not claimed (a queue such as BullMQ is fed with them; `claimOne` claims). */
  dueDeliveries(options: { limit: number; nowMs: number }): Promise<Array<{ stageKey: string; partnerId: string; workspace: string; dueAtMs: number }>>;
  /** Claims one intent if it is still queued and due; null otherwise (already sent, claimed elsewhere). */
  claimOne(stageKey: string, partnerId: string, options: { nowMs: number; leaseMs: number }): Promise<ClaimedDelivery | null>;
  /**
   * claimed → sending, just before the platform call: 'lost' when the claim was lost (lease ran out),
   * 'capped' when another message reached this partner less than `minGapMs` ago (the frequency cap;
   * decided one send at a time per partner, across instances) and the send did not override it.
   */
  markSending(delivery: ClaimedDelivery, options: { nowMs: number; leaseMs: number; minGapMs: number }): Promise<'sending' | 'lost' | 'capped'>;
  finish(delivery: ClaimedDelivery, status: 'sent' | 'failed' | 'skipped' | 'unknown', code: string | null): Promise<void>;
  /** Back to the queue (rate limit, transient failure), not before `nextAttemptMs`. */
  retryLater(delivery: ClaimedDelivery, nextAttemptMs: number, code: string): Promise<void>;
  /**
   * Expired leases: claimed → queued; a `sending` whose lease ran out is leased again to this caller
   * (for `leaseMs`) and returned, to be confirmed with the platform, or marked unknown.
   */
  recoverExpired(nowMs: number, leaseMs: number): Promise<{ requeued: number; toConfirm: ClaimedDelivery[] }>;
  /** A send that may have been delivered: stays `sending` until `untilMs`, then recovery confirms it. */
  holdForConfirmation(delivery: ClaimedDelivery, untilMs: number): Promise<void>;
  markUnreachable(partnerId: string, code: string): Promise<void>;
  setDmChannel(partnerId: string, channelId: string): Promise<void>;
}
