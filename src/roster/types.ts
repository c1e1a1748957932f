import type { ConversationKey } from '../core/types.js';

/** Where a partner is in the consultation, as staff see it. */
export const PARTNER_STATUSES = ['invited', 'started', 'submitted', 'opted-out', 'unreachable'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];
export type PartnerProgress = 'invited' | 'started' | 'submitted';
export type Platform = 'slack' | 'teams' | 'webchat';

export const AUDIENCES = ['not-started', 'in-progress', 'unfinished'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** One person to reach, as imported (CSV row or API item), already validated. */
export type PartnerCandidate =
  | { platform: 'slack'; teamId: string; userId: string; name?: string; organization?: string }
  | { platform: 'teams'; userId: string; teamId?: string; name?: string; organization?: string }
  | { platform: 'webchat'; email: string; name?: string; organization?: string };

export interface Partner {
  id: string;
  platform: Platform;
  teamId: string | null;
  userId: string | null;
  /** Web chat contact email; only for staff with the roster, never in logs. */
  email: string | null;
  name: string | null;
  organization: string | null;
  timeZone: string | null;
  status: PartnerStatus;
  remindersOptedOut: boolean;
  unreachableCode: string | null;
  /** Known once the partner has talked to the bot (or, on Slack, from the import). */
  reachable: boolean;
  /** A contact email is on record (shown as such to every staff role; the address itself to admins only). */
  hasEmail: boolean;
  /** That email was confirmed by its owner (double opt-in); reminders go only to a confirmed one. */
  emailConfirmed: boolean;
  source: 'import' | 'self';
  invitedAt: string | null;
  lastContactAt: string | null;
}

export interface RosterProgress {
  total: number;
  invited: number;
  started: number;
  submitted: number;
  optedOut: number;
  unreachable: number;
}

/** A partner as the delivery worker needs them. */
export interface DeliveryTarget {
  partnerId: string;
  key: ConversationKey;
  platform: Platform;
  timeZone: string | null;
  locale: string | null;
  dmChannelId: string | null;
  /** As stored when the delivery was claimed: a partner who submitted or opted out since is skipped. */
  progress: PartnerProgress;
  remindersOptedOut: boolean;
}

export type DeliveryStatus = 'queued' | 'claimed' | 'sending' | 'sent' | 'failed' | 'skipped' | 'unknown';

export interface ClaimedDelivery {
  stageKey: string;
  sendId: string;
  kind: 'plan' | 'manual' | 'invite';
  message: string | null;
  /** The send's author chose, explicitly and audited, to send even within the frequency cap. */
  overrideCap: boolean;
  attempts: number;
  /** When the last platform call for it started (a crash or timeout after it: see `confirm`). */
  sendingAtMs: number | null;
  target: DeliveryTarget;
}

export interface SendProgress {
  id: string;
  kind: 'plan' | 'manual' | 'invite';
  audience: string;
  createdAt: string;
  queued: number;
  sent: number;
  failed: number;
  skipped: number;
  /** Sends that may have been delivered (a timeout, a crash mid-send): never retried. */
  unknown: number;
  done: boolean;
}

/** Web chat visitors who came by themselves (no name, nothing imported): counted, not listed. */
export interface VisitorCounts {
  total: number;
  started: number;
  submitted: number;
  withEmail: number;
}


/** A CSV upload's report, kept so the page can show it after its redirect. */
export interface ImportReport {
  imported: number;
  created: number;
  updated: number;
  errors: Array<{ line: number; message: string }>;
}


/** A send to queue: one delivery per partner in `partnerIds` for the send's stage (see RosterRepository.createSend). */
export interface NewSend {
  id: string;
  kind: 'plan' | 'manual' | 'invite';
  stageKey: string;
  audience: string;
  message: string | null;
  createdBy: string;
  partnerIds: readonly string[];
  nowMs: number;
  /** A manual send whose author chose, explicitly and audited, to override the frequency cap. */
  overrideCap?: boolean;
}
