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
  /**
   * `primary`: the one main thing to do here (Send my comment, I agree); `secondary`: a way out that must
   * not look like the main one (Discard draft). Absent: an ordinary button.
   */
  emphasis?: 'primary' | 'secondary';
  /**
   * Buttons that are one choice among many of the same kind. A platform with few buttons (Teams shows
   * six) may show a group as one pick list: `respondentType` (who you are answering as), `edit` (which
   * answer to change). Each option's id is still the typed command.
   */
  group?: 'respondentType' | 'edit';
}

/**
 * The review as structured data, so every channel can lay it out in the same order: the
 * personal-information warning first (naming the questions), then each question's wording apart from
 * its answer, then the length budget, the public-record reminder and how to go on. Answers are raw text
 * (each adapter escapes them); the adapter decides how much of a long answer fits, and says so with
 * `editCommand` ("edit 2") when it shortens one.
 */
export interface ReviewView {
  heading: string;
  /** "From: organization (respondent type)". */
  from: string;
  /**
   * The warning, in words (a channel adds its own warning icon beside `title`, never instead of it): the
   * questions it concerns and what to do.
   */
  pii: { title: string; heading: string; lines: string[]; advice: string; questionNumbers: number[] } | null;
  items: ReviewItem[];
  /** Answers kept from questions removed from the questionnaire (not sent). */
  retired: { heading: string; items: Array<{ label: string; answer: string }> } | null;
  length: { text: string; totalChars: number; limitChars: number; overLimit: boolean };
  publicReminder: string;
  howTo: string;
}

/** The intro, structured for a channel that lays it out (the web chat's first screen, issue 19). */
export interface IntroView {
  title: string;
  /** "Asked by: …". */
  askedBy: string;
  purpose: string;
  /** The deadline line (and, past it, what that means). */
  deadline: string;
  notesHeading: string;
  /** The public-record, personal-information and content notes, one per item. */
  notes: string[];
  /** The official notice (https), when the questionnaire names it. */
  noticeUrl: string | null;
  /** Whom to ask, when the questionnaire names someone: the name in the partner's language. */
  contact: { name: string; email: string | null; url: string | null } | null;
  /** How to agree by typing, and the offer of the other language. */
  howTo: string[];
}

export interface ReviewItem {
  /** 1-based. */
  number: number;
  /** "Question 2 of 5" in the partner's language. */
  label: string;
  /** "Question 2: <wording>", for a channel that shows both on one line. */
  heading: string;
  /** The question's wording, apart from the answer. */
  question: string;
  /** E.g. "this question was reworded after you answered it". */
  note: string | null;
  /** The raw answer, or null when skipped or not answered (then `placeholder` says which). */
  answer: string | null;
  placeholder: string | null;
  answerChars: number;
  /** The typed command that opens this answer whole, e.g. "edit 2". */
  editCommand: string;
}

/** A neutral reply; each adapter renders it its own way (Block Kit, Adaptive Card, JSON). */
export interface Reply {
  text: string;
  actions?: ReplyAction[];
  progress?: { index: number; total: number };
  receipt?: string;
  /** Set on the review: the same content as `text`, structured (see ReviewView). */
  review?: ReviewView;
  /** Set on the intro: the same content as `text`, structured (see IntroView). */
  intro?: IntroView;
  /** Short lines put in front of a structured reply (acknowledgements); already included in `text`. */
  lead?: string[];
  /**
   * The text must reach the partner whole (a copy of what they sent): a platform splits it over several
   * messages rather than shortening it.
   */
  whole?: true;
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
