import type { ConversationKey, Language } from './types.js';

/**
 * The web chat's email port: "remind me by email" with double opt-in, and the private drafts staff
 * invitations link to. Implemented by src/email/ (over the roster's records); absent when email is off.
 *
 * Contract:
 * - `status` never changes anything; `state` is what the partner would get: `on` (reminders go to a
 *   confirmed address), `stopped` (confirmed, but the partner stopped them), `pending` (a confirmation
 *   message went out and its link was not followed yet), `none`.
 * - `request` with `remind: true` sends nothing but a confirmation message to an address not confirmed
 *   for this conversation yet, and binds nothing: the address is tied to the conversation only when the
 *   confirmation's link is followed. It refuses (`refused`, nothing sent) past the limits per address and
 *   per conversation. `remind: false` stops reminders and drops pending confirmations.
 * - `openReservedDraft` answers, for a conversation that does not exist yet, whether it is the private
 *   draft of an invitation (then its language), and records that the invitation's link was followed.
 */
export type ReminderEmailState = 'none' | 'pending' | 'on' | 'stopped';

export interface ReminderEmailStatus {
  state: ReminderEmailState;
  /** The address concerned (the partner's own, shown back to them only), when there is one. */
  email: string | null;
}

export type ReminderEmailResult =
  | { outcome: 'confirmation-sent'; status: ReminderEmailStatus }
  | { outcome: 'on' | 'stopped'; status: ReminderEmailStatus }
  | { outcome: 'refused'; reason: 'address-limit' | 'session-limit'; status: ReminderEmailStatus }
  | { outcome: 'send-failed'; status: ReminderEmailStatus };

export interface WebchatEmail {
  status(key: ConversationKey): Promise<ReminderEmailStatus>;
  request(key: ConversationKey, request: { email: string; remind: boolean; timeZone?: string; language: Language }): Promise<ReminderEmailResult>;
  openReservedDraft(key: ConversationKey): Promise<{ locale: string | null } | null>;
}
