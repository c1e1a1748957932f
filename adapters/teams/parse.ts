import type { ConversationKey, ConversationReference, InboundEvent, TurnInput } from '../../src/index.js';

/**
 * Pure parsing of an (already authenticated) Bot Framework activity into what the core understands.
 * Knows the shapes Teams documents, never throws on unexpected ones: anything we do not handle is
 * `ignored` (answered 200 so Teams does not retry it).
 */

/** Where and how to reach a partner later (proactive messages): the core's ConversationReference. */
export type StoredReference = ConversationReference;

export type ParsedActivity =
  | {
      kind: 'turn';
      key: ConversationKey;
      /** The activity's own id: replies thread under it (replyToId). */
      activityId: string;
      /** One per input; a card submit with text AND a button gives two, applied in order. */
      events: InboundEvent[];
      reference: StoredReference;
      /** Action.Execute arrives as an invoke and must be answered with an invoke response. */
      isInvoke: boolean;
      /** The partner sent a file or picture: the bot cannot read it and says so before its reply. */
      filesNotRead?: true;
    }
  | { kind: 'app-removed'; key: ConversationKey; reference: StoredReference }
  | { kind: 'ignored'; reason: string };

/** Ids and names come from Teams; anything longer than this is not a real one. */
const MAX_ID_CHARS = 512;
const MAX_ACTION_CHARS = 100;
/** The Bot Framework Emulator sends no tenant. */
const NO_TENANT = 'no-tenant';

export function parseActivity(activity: unknown): ParsedActivity {
  if (!isRecord(activity)) return { kind: 'ignored', reason: 'not-an-object' };
  const type = str(activity.type, 64);
  const base = baseOf(activity);
  if (!base) return { kind: 'ignored', reason: 'missing-ids' };
  const { key, reference, deliveryId } = base;

  switch (type) {
    case 'message': {
      if (!sharesFiles(activity)) return turn(key, reference, deliveryId, messageInputs(activity, START), false);
      // Text typed with the picture is taken as usual; a picture alone shows the current step again.
      return { ...turn(key, reference, deliveryId, messageInputs(activity, RESUME), false), filesNotRead: true };
    }
    case 'invoke': {
      if (activity.name !== 'adaptiveCard/action') return { kind: 'ignored', reason: 'invoke-name' };
      const action = isRecord(activity.value) && isRecord(activity.value.action) ? activity.value.action : {};
      const data = isRecord(action.data) ? action.data : {};
      const inputs = submitInputs({ ...data, ...(typeof action.verb === 'string' && data.action === undefined ? { action: action.verb } : {}) });
      return turn(key, reference, deliveryId, inputs, true);
    }
    case 'conversationUpdate': {
      const botId = reference.botId;
      const added = Array.isArray(activity.membersAdded) ? activity.membersAdded : [];
      const botAdded = added.some((member) => isRecord(member) && member.id === botId);
      return botAdded ? turn(key, reference, installDeliveryId(activity, reference, deliveryId), [{ kind: 'start' }], false, deliveryId) : { kind: 'ignored', reason: 'members-update' };
    }
    case 'installationUpdate': {
      // "add-upgrade" / "remove-upgrade" mean a new version of the app replaced the old one: the partner
      // still has it, and is not greeted again.
      const action = str(activity.action, 64) ?? '';
      if (action === 'add') return turn(key, reference, installDeliveryId(activity, reference, deliveryId), [{ kind: 'start' }], false, deliveryId);
      if (action === 'remove') return { kind: 'app-removed', key, reference };
      return { kind: 'ignored', reason: 'installation-upgrade' };
    }
    default:
      return { kind: 'ignored', reason: 'activity-type' };
  }
}

/**
 * Installing a personal app makes Teams send BOTH a conversationUpdate (bot added) and an
 * installationUpdate (add), seconds apart, with different ids. Both get one shared delivery id per
 * conversation and INSTALL_WINDOW_MS of their timestamp, so the partner sees one intro, not two.
 */
export const INSTALL_WINDOW_MS = 2 * 60 * 1000;

function installDeliveryId(activity: Record<string, unknown>, reference: StoredReference, fallback: string): string {
  const at = typeof activity.timestamp === 'string' ? Date.parse(activity.timestamp) : Number.NaN;
  if (Number.isNaN(at)) return fallback;
  return `install:${reference.conversationId}:${Math.floor(at / INSTALL_WINDOW_MS)}`;
}

type ParsedTurn = Extract<ParsedActivity, { kind: 'turn' }>;

function turn(key: ConversationKey, reference: StoredReference, deliveryId: string, inputs: TurnInput[], isInvoke: boolean, activityId = deliveryId): ParsedTurn {
  const profile = {
    ...(reference.timeZone ? { timeZone: reference.timeZone } : {}),
    ...(reference.locale ? { locale: reference.locale } : {}),
    platformUserId: reference.userChannelId,
  };
  const events = inputs.map((input, index) => ({
    key,
    // The activity id is the delivery id; a second input of the same activity gets its own stable id.
    deliveryId: index === 0 ? deliveryId : `${deliveryId}#${index + 1}`,
    input,
    ...(Object.keys(profile).length > 0 ? { profile } : {}),
  }));
  return { kind: 'turn', key, activityId, events, reference, isInvoke };
}

function baseOf(activity: Record<string, unknown>): { key: ConversationKey; reference: StoredReference; deliveryId: string } | null {
  const from = isRecord(activity.from) ? activity.from : null;
  const recipient = isRecord(activity.recipient) ? activity.recipient : null;
  const conversation = isRecord(activity.conversation) ? activity.conversation : null;
  const deliveryId = str(activity.id, MAX_ID_CHARS);
  const serviceUrl = str(activity.serviceUrl, 2048);
  const channelId = str(activity.channelId, 64);
  const userChannelId = from ? str(from.id, MAX_ID_CHARS) : undefined;
  const botId = recipient ? str(recipient.id, MAX_ID_CHARS) : undefined;
  const conversationId = conversation ? str(conversation.id, MAX_ID_CHARS) : undefined;
  if (!deliveryId || !serviceUrl || !channelId || !userChannelId || !botId || !conversationId || !from || !conversation) return null;
  const channelData = isRecord(activity.channelData) ? activity.channelData : {};
  const tenantFromChannelData = isRecord(channelData.tenant) ? str(channelData.tenant.id, MAX_ID_CHARS) : undefined;
  const tenantId = str(conversation.tenantId, MAX_ID_CHARS) ?? tenantFromChannelData ?? NO_TENANT;
  const userId = str(from.aadObjectId, MAX_ID_CHARS) ?? userChannelId;
  return {
    deliveryId,
    key: { channel: 'teams', tenantId, userId },
    reference: {
      conversationId,
      serviceUrl,
      channelId,
      botId,
      botName: recipient ? str(recipient.name, 256) : undefined,
      userChannelId,
      userName: str(from.name, 256),
      tenantId,
      locale: localeOf(activity),
      timeZone: timeZoneOf(activity),
    },
  };
}

const START: TurnInput = { kind: 'start' };
const RESUME: TurnInput = { kind: 'action', actionId: 'resume' };

/** What a message asks for; `whenEmpty` when it carries no text and no card input. */
function messageInputs(activity: Record<string, unknown>, whenEmpty: TurnInput): TurnInput[] {
  // Action.Submit from a card: the button's data merged with the card's inputs, no text.
  if (isRecord(activity.value)) return submitInputs(activity.value, whenEmpty);
  const text = typeof activity.text === 'string' ? stripBotMentions(activity.text, activity).trim() : '';
  return [text ? { kind: 'text', text } : whenEmpty];
}

/**
 * A pasted picture or a file: attachments other than Teams' own HTML copy of the typed text
 * (`text/html`) and cards. Their content is never fetched.
 */
function sharesFiles(activity: Record<string, unknown>): boolean {
  if (!Array.isArray(activity.attachments)) return false;
  return activity.attachments.some((attachment) => {
    const type = isRecord(attachment) && typeof attachment.contentType === 'string' ? attachment.contentType : '';
    return type !== '' && type !== 'text/html' && !type.startsWith('application/vnd.microsoft.card.');
  });
}

/**
 * `{ answer?: string, action?: string, choice?: string }`: the typed answer first (never dropped), then
 * the button. `choice` is the card's pick list (render.ts: a respondent type, or "edit 2"); its value is
 * a typed command, so it is the same input as pressing that button or typing it. A button that carries
 * its own `action` wins over whatever the list shows (Teams sends every input of the card with it).
 */
export function submitInputs(data: Record<string, unknown>, whenEmpty: TurnInput = START): TurnInput[] {
  const inputs: TurnInput[] = [];
  const answer = typeof data.answer === 'string' ? data.answer.trim() : '';
  if (answer) inputs.push({ kind: 'text', text: answer });
  const action = typeof data.action === 'string' ? data.action.trim() : '';
  const choice = typeof data.choice === 'string' ? data.choice.trim() : '';
  if (action && action.length <= MAX_ACTION_CHARS) inputs.push({ kind: 'action', actionId: action });
  else if (choice && choice.length <= MAX_ACTION_CHARS) inputs.push({ kind: 'action', actionId: choice });
  // "Send" with an empty box: show the current step again rather than doing nothing.
  if (inputs.length === 0) inputs.push(whenEmpty);
  return inputs;
}

/**
 * Teams puts "<at>Bot name</at>" in the text when the bot is @mentioned, with a mention entity naming
 * the bot. Only those are removed; anything else the partner typed (even "<at>…</at>") is their text.
 */
function stripBotMentions(text: string, activity: Record<string, unknown>): string {
  const botId = isRecord(activity.recipient) ? activity.recipient.id : undefined;
  if (!Array.isArray(activity.entities) || typeof botId !== 'string') return text;
  let result = text;
  for (const entity of activity.entities) {
    if (!isRecord(entity) || entity.type !== 'mention' || !isRecord(entity.mentioned) || entity.mentioned.id !== botId) continue;
    if (typeof entity.text === 'string' && entity.text.length > 0) result = result.split(entity.text).join(' ');
  }
  return result;
}

function localeOf(activity: Record<string, unknown>): string | undefined {
  const candidate = str(activity.locale, 35) ?? clientInfo(activity, 'locale');
  return candidate && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(candidate) ? candidate : undefined;
}

/** `localTimezone` (IANA name) on the activity, or the clientInfo entity Teams also sends. */
export function timeZoneOf(activity: Record<string, unknown>): string | undefined {
  const candidate = str(activity.localTimezone, 64) ?? clientInfo(activity, 'timezone');
  return candidate && isIanaTimeZone(candidate) ? candidate : undefined;
}

function clientInfo(activity: Record<string, unknown>, field: string): string | undefined {
  if (!Array.isArray(activity.entities)) return undefined;
  for (const entity of activity.entities) {
    if (isRecord(entity) && entity.type === 'clientInfo') {
      const value = str(entity[field], 64);
      if (value) return value;
    }
  }
  return undefined;
}

/** Names already checked. Building an Intl.DateTimeFormat is costly, and there are only ~600 zones. */
const checkedTimeZones = new Map<string, boolean>();

function isIanaTimeZone(name: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/.test(name)) return false;
  const known = checkedTimeZones.get(name);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    valid = true;
  } catch {
    valid = false;
  }
  if (checkedTimeZones.size < 2000) checkedTimeZones.set(name, valid);
  return valid;
}

function str(value: unknown, maxChars: number): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= maxChars ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
