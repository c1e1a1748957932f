import { commandId, parseCommand, type ConversationKey, type TurnInput } from '../../src/index.js';

/**
 * Pure parsing of Slack payloads (already verified by Bolt) into what the adapter acts on. Nothing here
 * does I/O. Every function returns `{ kind: 'ignore', reason }` for payloads the bot does not act on
 * (bot messages, joins, channels other than the DM, …): ignoring is an ordinary outcome, not an error.
 */

export const ACTION_PREFIX = 'rfi_cmd_';
export const EDIT_ANSWER_ACTION = 'rfi_edit_answer';
export const HOME_START_ACTION = 'rfi_home_start';
export const EDIT_MODAL_CALLBACK = 'rfi_edit_answer';
export const MODAL_PART_BLOCK = 'rfi_part_';
export const MODAL_INPUT_ACTION = 'text';

/** A turn for the dispatcher, plus where to answer. */
export interface SlackTurn {
  kind: 'turn';
  key: ConversationKey;
  deliveryId: string;
  input: TurnInput;
  /** DM channel id, or the user id (chat.postMessage to a user id posts in the app's DM). */
  replyChannel: string;
  /** The partner shared files: the bot cannot read them and says so before its reply. */
  filesNotRead?: true;
}

export interface Ignored {
  kind: 'ignore';
  reason: string;
}

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function ignore(reason: string): Ignored {
  return { kind: 'ignore', reason };
}

/**
 * Slack message text → the partner's plain words, as they will appear on the docket.
 * Slack escapes &, < and > and writes mentions and links as <…> entities
 * (https://docs.slack.dev/messaging/formatting-message-text): those become readable text.
 */
export function slackTextToPlain(text: string): string {
  const plain = text.replace(/<([^<>]*)>/g, (_match, inner: string) => {
    const bar = inner.indexOf('|');
    const target = bar === -1 ? inner : inner.slice(0, bar);
    const label = bar === -1 ? undefined : inner.slice(bar + 1);
    if (target.startsWith('@') || target.startsWith('#')) return label ? `${target[0]}${label.replace(/^[@#]/, '')}` : target;
    if (target.startsWith('!')) {
      if (label) return label;
      const special = target.slice(1).split('^')[0] ?? '';
      return `@${special}`;
    }
    if (target.startsWith('mailto:')) return label ?? target.slice('mailto:'.length);
    if (!label) return target;
    // Slack auto-links "example.org" as <http://example.org|example.org>: keep what the partner typed.
    const bare = target.replace(/^https?:\/\//, '').replace(/\/$/, '');
    return label === target || label === bare ? label : `${label} (${target})`;
  });
  return plain.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function teamOf(body: Obj, event?: Obj): string | undefined {
  const team = isObj(body.team) ? str(body.team.id) : undefined;
  const user = isObj(body.user) ? str(body.user.team_id) : undefined;
  return str(event?.user_team) ?? str(body.team_id) ?? team ?? user;
}

/** Events API `message` events in the bot's DM: new messages, and the partner editing one. */
export function parseMessageEvent(body: unknown): SlackTurn | Ignored {
  if (!isObj(body) || !isObj(body.event)) return ignore('not-an-event');
  const event = body.event;
  const eventId = str(body.event_id);
  if (!eventId) return ignore('no-event-id');
  if (event.type !== 'message') return ignore('not-a-message');
  if (event.channel_type !== 'im') return ignore('not-a-dm');
  const channel = str(event.channel);
  if (!channel) return ignore('no-channel');
  if (event.subtype === 'message_changed') return parseEdit(body, event, eventId, channel);
  // Bot messages (ours included), joins, deletions, and every other subtype are not partner input.
  if (event.bot_id !== undefined || (event.subtype !== undefined && event.subtype !== 'file_share')) return ignore('subtype');
  const user = str(event.user);
  const team = teamOf(body, event);
  const text = typeof event.text === 'string' ? slackTextToPlain(event.text) : '';
  if (!user || !team) return ignore('no-user');
  // A shared file (a PDF of the comment, a photo…) cannot be read or kept: the partner is told so, with
  // the current step again, instead of silence. Text sent with the file is taken as usual.
  const sharedFiles = event.subtype === 'file_share' || (Array.isArray(event.files) && event.files.length > 0);
  if (text.trim().length === 0 && !sharedFiles) return ignore('no-text');
  return {
    kind: 'turn',
    key: { channel: 'slack', tenantId: team, userId: user },
    deliveryId: `event:${eventId}`,
    input: text.trim().length > 0 ? { kind: 'text', text } : { kind: 'action', actionId: 'resume' },
    replyChannel: channel,
    ...(sharedFiles ? { filesNotRead: true as const } : {}),
  };
}

function parseEdit(body: Obj, event: Obj, eventId: string, channel: string): SlackTurn | Ignored {
  const message = isObj(event.message) ? event.message : undefined;
  const previous = isObj(event.previous_message) ? event.previous_message : undefined;
  if (!message || !previous) return ignore('edit-without-messages');
  const user = str(message.user);
  // Only the partner editing their own message counts; the bot editing its messages is ignored.
  if (!user || message.bot_id !== undefined || previous.user !== user) return ignore('not-own-edit');
  const before = typeof previous.text === 'string' ? slackTextToPlain(previous.text) : '';
  const after = typeof message.text === 'string' ? slackTextToPlain(message.text) : '';
  // Slack also sends message_changed when a link preview is added: the text did not change.
  if (before === after) return ignore('text-unchanged');
  const team = teamOf(body, message);
  if (!team) return ignore('no-team');
  return {
    kind: 'turn',
    key: { channel: 'slack', tenantId: team, userId: user },
    deliveryId: `event:${eventId}`,
    input: { kind: 'reviseMessage', previousText: before, text: after },
    replyChannel: channel,
  };
}

/** `app_home_opened` on the Home tab: who to publish the home view for. */
export function parseHomeOpened(body: unknown): { kind: 'home'; key: ConversationKey } | Ignored {
  if (!isObj(body) || !isObj(body.event)) return ignore('not-an-event');
  const event = body.event;
  if (event.type !== 'app_home_opened') return ignore('not-home');
  if (event.tab !== undefined && event.tab !== 'home') return ignore('messages-tab');
  const user = str(event.user);
  const team = teamOf(body, event);
  if (!user || !team) return ignore('no-user');
  return { kind: 'home', key: { channel: 'slack', tenantId: team, userId: user } };
}

/** `/rfi` with start, status, help, language es|en (empty = start). */
export type SlashOutcome = SlackTurn | { kind: 'help'; inDm: boolean; key: ConversationKey } | Ignored;

/** What every slash command carries: who, where the answer goes, the delivery id, the words typed. */
interface SlashBasics {
  key: ConversationKey;
  deliveryId: string;
  inDm: boolean;
  replyChannel: string;
  words: string;
}

function slashBasics(body: unknown): SlashBasics | Ignored {
  if (!isObj(body)) return ignore('not-a-command');
  const user = str(body.user_id);
  const team = str(body.team_id);
  const triggerId = str(body.trigger_id);
  if (!user || !team || !triggerId) return ignore('no-user');
  const channel = str(body.channel_id);
  const inDm = channel?.startsWith('D') ?? false;
  return {
    key: { channel: 'slack', tenantId: team, userId: user },
    deliveryId: `command:${triggerId}`,
    inDm,
    replyChannel: inDm && channel ? channel : user,
    words: (typeof body.text === 'string' ? body.text : '').trim(),
  };
}

export function parseSlashCommand(body: unknown): SlashOutcome {
  const basics = slashBasics(body);
  if ('kind' in basics) return basics;
  const { key, deliveryId, inDm, replyChannel, words } = basics;
  if (words === '' || /^(start|empezar|comenzar)$/i.test(words)) {
    return { kind: 'turn', key, deliveryId, input: { kind: 'start' }, replyChannel };
  }
  const command = parseCommand(words);
  const allowed = ['status', 'help', 'language', 'resume'];
  if (!command || !allowed.includes(command.name) || (command.name === 'language' && command.language === null)) {
    return { kind: 'help', inDm, key };
  }
  return { kind: 'turn', key, deliveryId, input: { kind: 'action', actionId: commandId(command) }, replyChannel };
}

/** `/rfi-admin <words>`: a turn whose text is the whole command, for the dispatcher's staff check. */
export function parseAdminCommand(body: unknown): SlackTurn | Ignored {
  const basics = slashBasics(body);
  if ('kind' in basics) return basics;
  const { key, deliveryId, replyChannel, words } = basics;
  return { kind: 'turn', key, deliveryId, input: { kind: 'text', text: `/rfi-admin ${words.slice(0, 200)}` }, replyChannel };
}

/** What a button press asks for. */
export type BlockActionOutcome =
  | SlackTurn
  | { kind: 'openEditModal'; key: ConversationKey; questionNumber: number; triggerId: string; replyChannel: string }
  | Ignored;

export function parseBlockAction(body: unknown): BlockActionOutcome {
  if (!isObj(body) || body.type !== 'block_actions' || !Array.isArray(body.actions)) return ignore('not-block-actions');
  const action = body.actions[0];
  if (!isObj(action)) return ignore('no-action');
  const user = isObj(body.user) ? str(body.user.id) : undefined;
  const team = teamOf(body);
  const actionId = str(action.action_id);
  const actionTs = str(action.action_ts);
  if (!user || !team || !actionId) return ignore('no-user');
  const key: ConversationKey = { channel: 'slack', tenantId: team, userId: user };
  const container = isObj(body.container) ? body.container : {};
  const channelId = (isObj(body.channel) ? str(body.channel.id) : undefined) ?? str(container.channel_id);
  const replyChannel = channelId?.startsWith('D') ? channelId : user;
  const value = str(action.value) ?? (isObj(action.selected_option) ? str(action.selected_option.value) : undefined);
  // Stable per delivery: the same click delivered twice has the same action_ts; a second click does not.
  const deliveryId = `action:${user}:${actionTs ?? str(body.trigger_id) ?? ''}:${actionId}`;
  if (actionId === EDIT_ANSWER_ACTION) {
    const questionNumber = Number(value);
    const triggerId = str(body.trigger_id);
    if (!Number.isInteger(questionNumber) || questionNumber < 1 || !triggerId) return ignore('bad-edit-button');
    return { kind: 'openEditModal', key, questionNumber, triggerId, replyChannel };
  }
  if (actionId === HOME_START_ACTION) return { kind: 'turn', key, deliveryId, input: { kind: 'start' }, replyChannel };
  if (actionId.startsWith(ACTION_PREFIX) && value) {
    return { kind: 'turn', key, deliveryId, input: { kind: 'action', actionId: value }, replyChannel };
  }
  return ignore('unknown-action');
}

/** What the edit modal carries between opening and submitting (Slack's private_metadata, ≤ 3,000 chars). */
export interface EditModalMetadata {
  /** 1-based question number the modal edits. */
  q: number;
  /** Where to post the result. */
  c: string;
  language: 'en' | 'es';
  /** Whitespace that separated box i and box i+1 when the modal opened (restored exactly when saving). */
  joins: string[];
}

export type ViewSubmissionOutcome =
  | { kind: 'replace'; key: ConversationKey; deliveryId: string; questionNumber: number; text: string; replyChannel: string; language: 'en' | 'es' }
  | Ignored;

export function parseViewSubmission(body: unknown): ViewSubmissionOutcome {
  if (!isObj(body) || body.type !== 'view_submission' || !isObj(body.view)) return ignore('not-view-submission');
  const view = body.view;
  if (view.callback_id !== EDIT_MODAL_CALLBACK) return ignore('other-view');
  const user = isObj(body.user) ? str(body.user.id) : undefined;
  const team = teamOf(body);
  const viewId = str(view.id);
  if (!user || !team || !viewId) return ignore('no-user');
  let metadata: EditModalMetadata;
  try {
    metadata = JSON.parse(typeof view.private_metadata === 'string' ? view.private_metadata : '') as EditModalMetadata;
  } catch {
    return ignore('bad-metadata');
  }
  if (!Number.isInteger(metadata.q) || !Array.isArray(metadata.joins)) return ignore('bad-metadata');
  const values = isObj(view.state) && isObj(view.state.values) ? view.state.values : {};
  const parts: string[] = [];
  for (let index = 0; ; index += 1) {
    const block = values[`${MODAL_PART_BLOCK}${index}`];
    if (!isObj(block)) break;
    const input = block[MODAL_INPUT_ACTION];
    parts.push(isObj(input) && typeof input.value === 'string' ? input.value : '');
  }
  return {
    kind: 'replace',
    key: { channel: 'slack', tenantId: team, userId: user },
    deliveryId: `view:${viewId}:${str(body.trigger_id) ?? str(view.hash) ?? ''}`,
    questionNumber: metadata.q,
    text: joinInputParts(parts, metadata.joins),
    replyChannel: typeof metadata.c === 'string' && metadata.c ? metadata.c : user,
    language: metadata.language === 'es' ? 'es' : 'en',
  };
}

/**
 * The modal's boxes back into one answer. Box i and i+1 are joined with the whitespace that separated
 * them when the modal opened (so an untouched answer comes back byte for byte); boxes beyond those
 * (the spare empty box) are new paragraphs. Empty boxes are skipped.
 */
export function joinInputParts(parts: string[], joins: string[]): string {
  let text = '';
  parts.forEach((part, index) => {
    if (part.length === 0) return;
    if (text.length > 0) {
      const join = index > 0 && index - 1 < joins.length ? (joins[index - 1] ?? '\n\n') : '\n\n';
      text += join;
    }
    text += part;
  });
  return text;
}
