import type { Channel } from '../core/types.js';
import type { Platform } from './types.js';

/**
 * How a partner can be reached, or why not: the one rule shared by the roster table, the preview staff
 * see before a send, and the send itself (so the preview's numbers are the send's). Pure.
 *
 * Channels are how the message travels: Slack and Teams DMs, and email for web chat partners. A new way
 * to reach people (e.g. inviting imported web chat partners by email) adds its case here and the preview
 * and the table follow.
 */
export const REACH_CHANNELS = ['slack', 'teams', 'email'] as const;
export type ReachChannel = (typeof REACH_CHANNELS)[number];

/** Why a partner cannot be reached, in the order they are checked (the first that applies is reported). */
export const UNREACHABLE_REASONS = ['optedOut', 'unreachable', 'noEmail', 'emailNotConfirmed', 'notConnected', 'channelNotConfigured', 'frequencyCap'] as const;
export type UnreachableReason = (typeof UNREACHABLE_REASONS)[number];

export type Reach = { channel: ReachChannel } | { reason: UnreachableReason };

export interface ReachFacts {
  platform: Platform;
  remindersOptedOut: boolean;
  unreachableCode: string | null;
  /** The bot knows the conversation (Slack from the import; Teams and web chat once they talked). */
  connected: boolean;
  hasEmail: boolean;
  /**
   * The web chat email was confirmed by its owner (double opt-in, src/email/): reminders go only to a
   * confirmed address; an invitation may go to an address staff imported (opening it confirms it).
   */
  emailConfirmed: boolean;
  /** When the last message of any send went to this partner (sent, or may have been), or null. */
  lastSentAtMs: number | null;
}

export interface ReachContext {
  /** The channels this deployment can send on (a messenger is configured). */
  channels: ReadonlySet<Channel>;
  /** For the frequency cap; without it (the roster table) the cap is not judged. */
  nowMs?: number;
  /** REMINDER_MIN_GAP_HOURS in ms; 0 or unset = no cap. */
  minGapMs?: number;
  /** A manual send whose author chose, explicitly, to override the cap. */
  overrideCap?: boolean;
  /** What would be sent: an invitation may reach an unconfirmed imported email, a reminder may not (default). */
  purpose?: 'invite' | 'reminder';
}

const CHANNEL_OF: Record<Platform, { messenger: Channel; reach: ReachChannel }> = {
  slack: { messenger: 'slack', reach: 'slack' },
  teams: { messenger: 'teams', reach: 'teams' },
  webchat: { messenger: 'webchat', reach: 'email' },
};

export function reachOf(facts: ReachFacts, context: ReachContext): Reach {
  if (facts.remindersOptedOut) return { reason: 'optedOut' };
  if (facts.unreachableCode !== null) return { reason: 'unreachable' };
  if (facts.platform === 'webchat' && !facts.hasEmail) return { reason: 'noEmail' };
  if (facts.platform === 'webchat' && !facts.emailConfirmed && context.purpose !== 'invite') return { reason: 'emailNotConfirmed' };
  if (!facts.connected) return { reason: 'notConnected' };
  const channel = CHANNEL_OF[facts.platform];
  if (!context.channels.has(channel.messenger)) return { reason: 'channelNotConfigured' };
  const gapMs = context.minGapMs ?? 0;
  if (gapMs > 0 && context.overrideCap !== true && facts.lastSentAtMs !== null && context.nowMs !== undefined && context.nowMs - facts.lastSentAtMs < gapMs) {
    return { reason: 'frequencyCap' };
  }
  return { channel: channel.reach };
}
