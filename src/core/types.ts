/**
 * Neutral types shared by the core and every adapter. Nothing here knows about Slack, Teams or HTTP.
 */

export const CHANNELS = ['webchat', 'slack', 'teams'] as const;
export type Channel = (typeof CHANNELS)[number];

export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Who a conversation is with. One partner in one workspace/tenant on one platform = one conversation. */
export interface ConversationKey {
  channel: Channel;
  /** Slack team id, Teams tenant id, or "web" for the web chat. */
  tenantId: string;
  /** Slack user id, Teams AAD object id, or the web chat session id. */
  userId: string;
}

/** What the partner did: typed text, pressed a button (action id = the typed command), or opened the chat. */
export type TurnInput =
  | { kind: 'start' }
  | { kind: 'text'; text: string }
  | { kind: 'action'; actionId: string }
  /** Replace the whole answer to question `questionNumber` (1-based), e.g. from Slack's "Edit answer" modal. */
  | { kind: 'replaceAnswer'; questionNumber: number; text: string }
  /**
   * The partner edited a message they had sent (`previousText` → `text`). Applied only when that message
   * is the last paragraph of the open question's answer; otherwise the engine says it changed nothing.
   */
  | { kind: 'reviseMessage'; previousText: string; text: string };

/** One event delivered by a platform, already verified and parsed by its adapter. */
export interface InboundEvent {
  key: ConversationKey;
  /** Platform delivery id (Slack event_id, Teams activity id, web chat client message id). Used to drop duplicates. */
  deliveryId: string;
  input: TurnInput;
  /**
   * Extra facts an adapter learned about the partner, stored with the session (for reminders).
   * `platformUserId`: the id staff put on the roster when it differs from the key's (Teams 29:…).
   */
  profile?: { timeZone?: string; locale?: string; platformUserId?: string };
}

export interface ReplyAction {
  /** Always a command the partner could type instead (e.g. "next", "edit 3", "language es", "2"). */
  id: string;
  label: string;
}

/** A neutral reply; each adapter renders it its own way (Block Kit, Adaptive Card, JSON). */
export interface Reply {
  text: string;
  actions?: ReplyAction[];
  progress?: { index: number; total: number };
  receipt?: string;
}

/** The inverse of conversationKeyToString. */
export function conversationKeyFromString(value: string): ConversationKey {
  const [channel, tenantId, userId] = value.split(':').map((part) => part.replace(/%3A/g, ':').replace(/%25/g, '%'));
  return { channel: channel as Channel, tenantId: tenantId ?? '', userId: userId ?? '' };
}

export function conversationKeyToString(key: ConversationKey): string {
  // Colons are the separator, so they are escaped inside parts to keep the mapping one-to-one.
  const escape = (part: string) => part.replace(/%/g, '%25').replace(/:/g, '%3A');
  return `${key.channel}:${escape(key.tenantId)}:${escape(key.userId)}`;
}
