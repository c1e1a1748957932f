import { App } from '@slack/bolt';
import type { Logger } from 'pino';
import {
  conversationKeyToString,
  errorSummary,
  isRateLimitedError,
  httpErrorFor,
  languageOfLocale,
  slackText,
  t,
  type Clock,
  type ConversationKey,
  type Dispatcher,
  type InboundEvent,
  type Language,
  type OutboundMessenger,
  type Router,
  type SendOutcome,
  type SlackConfig,
} from '../../src/index.js';
import { SlackHttpReceiver } from './http-receiver.js';
import { KeyedQueue } from './keyed-queue.js';
import { slackLoggerFor } from './logger-bridge.js';
import {
  ACTION_PREFIX,
  EDIT_ANSWER_ACTION,
  EDIT_MODAL_CALLBACK,
  HOME_START_ACTION,
  MODAL_PART_BLOCK,
  parseAdminCommand,
  parseBlockAction,
  parseHomeOpened,
  parseMessageEvent,
  parseSlashCommand,
  parseViewSubmission,
  type SlackTurn,
} from './parse.js';
import { createProfileCache } from './profile-cache.js';
import { renderEditModal, renderHome, renderNotice, renderReplies, type SlackMessage } from './render.js';
import { createSlackApi, type SlackApi } from './slack-api.js';
import { SlackSocketReceiver } from './socket-receiver.js';

/**
 * The Slack adapter: partners answer the RFI in a DM with the bot (Bolt, HTTP or Socket Mode).
 * Every delivery is acked first; then: users.info (cached) → dispatcher → Block Kit → chat.postMessage.
 * Turns of one partner run in order; a failed reply never loses the answer (the session is saved first).
 */
export interface SlackAdapterDeps {
  router: Router;
  dispatcher: Dispatcher;
  clock: Clock;
  logger: Logger;
  maxAnswerChars: number;
}

/** The Slack adapter is also the OutboundMessenger for Slack partners (a DM from the bot). */
export interface SlackAdapter extends OutboundMessenger {
  /** users.lookupByEmail, for roster imports that name an email (the bot token's workspace). */
  lookupUserByEmail(teamId: string, email: string): Promise<{ userId: string } | { problem: string }>;
  readonly channel: 'slack';
  readonly mode: 'http' | 'socket';
  readonly api: SlackApi;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** What our listeners read from Bolt's arguments; `ack` is typed per listener kind in Bolt, untyped here. */
type BoltArgs = { body: unknown; ack?: unknown };
type Ack = (response?: unknown) => Promise<void>;

const SLASH_LANGUAGE_LOOKUP_MS = 500;

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Slack errors after which this partner cannot be reached at all: retrying would not help. */
const UNREACHABLE_ERRORS = new Set(['user_not_found', 'channel_not_found', 'account_inactive', 'user_disabled', 'cannot_dm_bot', 'not_in_channel', 'is_archived']);

const DM_CACHE_LIMIT = 50_000;

function toSendOutcome(code: string): SendOutcome {
  if (UNREACHABLE_ERRORS.has(code)) return { status: 'unreachable', code };
  // A network failure or timeout may have happened after Slack accepted the message.
  return { status: 'failed', code, maybeDelivered: code === 'request_error' };
}

function ackOf(args: BoltArgs): Ack {
  const ack = args.ack;
  return typeof ack === 'function' ? (ack as Ack) : async () => undefined;
}

export function createSlackAdapter(config: SlackConfig, deps: SlackAdapterDeps): SlackAdapter {
  const { logger, dispatcher } = deps;
  const slackLogger = slackLoggerFor(logger);
  // Bolt's own client and the Socket Mode client (apps.connections.open) use SLACK_API_URL too; the
  // bot's calls go through `api`.
  const clientOptions = { slackApiUrl: config.apiUrl, logger: slackLogger };
  const api = createSlackApi({ botToken: config.botToken, apiUrl: config.apiUrl, logger });
  const profiles = createProfileCache({ fetchProfile: (userId) => api.userProfile(userId), nowMs: () => deps.clock.now().getTime() });
  /** The partner's Slack profile (time zone, locale), cached per workspace and user; {} when unknown. */
  const profileOf = (key: ConversationKey) => profiles.get(`${key.tenantId}:${key.userId}`, key.userId);
  const queue = new KeyedQueue();
  let identity: { botUserId?: string; botId?: string } = {};
  /** Slack user id → the app's DM channel with them (conversations.open is rate-limited: Tier 3). */
  const dmChannels = new Map<string, string>();

  const receiver = config.appToken
    ? new SlackSocketReceiver({ appToken: config.appToken, clientOptions, slackLogger, logger })
    : new SlackHttpReceiver({ router: deps.router, signingSecret: config.signingSecret, nowMs: () => deps.clock.now().getTime(), logger });

  const app = new App({
    receiver,
    logger: slackLogger,
    clientOptions,
    // One workspace, one bot token; the bot's own ids (from auth.test at start) let Bolt drop its own messages.
    authorize: async () => ({ botToken: config.botToken, ...identity }),
    ignoreSelf: true,
    // Bolt's per-conversation memory store is unused: sessions live in the session store.
    convoStore: false,
  });
  app.error(async (error) => {
    logger.error({ err: errorSummary(error) }, 'slack listener failed');
  });

  /** Runs one turn and posts the replies; never throws (failures are logged and told to the partner). */
  async function runTurn(turn: SlackTurn): Promise<void> {
    await queue.run(conversationKeyToString(turn.key), async () => {
      const profile = await profileOf(turn.key);
      const event: InboundEvent = { key: turn.key, deliveryId: turn.deliveryId, input: turn.input, ...(Object.keys(profile).length > 0 ? { profile } : {}) };
      let result: Awaited<ReturnType<Dispatcher['dispatch']>>;
      try {
        result = await dispatcher.dispatch(event);
      } catch (error) {
        // Over a limit is the partner's wait, not our failure: a warning (the limiter logs it, throttled).
        if (!isRateLimitedError(error)) logger.error({ channel: 'slack', err: errorSummary(error) }, 'slack turn failed');
        const language = languageOfLocale(profile.locale);
        await send(turn.replyChannel, turn.key.userId, [renderNotice(httpErrorFor(error, language).message)], language);
        return;
      }
      if (result.status !== 'processed') return;
      const { view } = result;
      const messages = renderReplies(result.replies, { language: view.language, ...(view.openQuestionNumber !== null ? { editQuestionNumber: view.openQuestionNumber } : {}) });
      if (turn.filesNotRead) messages.unshift(renderNotice(t(view.language).filesNotRead));
      await send(turn.replyChannel, turn.key.userId, messages, view.language);
    });
  }

  /** Posts messages in order; if one fails for good, tries once to say so in plain words. */
  async function send(channel: string, userId: string, messages: SlackMessage[], language: Language): Promise<void> {
    for (const message of messages) {
      const sent = await api.postMessage(channel, userId, message);
      if (!sent.ok) {
        await api.postMessage(channel, userId, renderNotice(slackText(language).deliveryFailed));
        return;
      }
    }
  }

  async function publishHome(key: ConversationKey): Promise<void> {
    const [view, profile] = await Promise.all([dispatcher.view(key).catch(() => null), profileOf(key)]);
    // Before a conversation exists, the partner's Slack locale picks the language of the Home tab.
    const home = renderHome({ view, questionnaire: dispatcher.questionnaire(languageOfLocale(profile.locale)) });
    await api.publishHome(key.userId, home);
  }

  async function openEditModal(outcome: { key: ConversationKey; questionNumber: number; triggerId: string; replyChannel: string }): Promise<void> {
    // The trigger id expires 3 s after the click: one session read, then views.open straight away.
    const answer = await dispatcher.editableAnswer(outcome.key, outcome.questionNumber).catch(() => ({ kind: 'unavailable' as const, language: 'en' as const }));
    if (answer.kind === 'unavailable') {
      await send(outcome.replyChannel, outcome.key.userId, [renderNotice(slackText(answer.language).modalOnlyOnQuestion)], answer.language);
      return;
    }
    const { kind: _kind, ...editable } = answer;
    const view = renderEditModal({ ...editable, maxAnswerChars: deps.maxAnswerChars, replyChannel: outcome.replyChannel });
    const opened = await api.openView(outcome.triggerId, view);
    if (!opened.ok) await send(outcome.replyChannel, outcome.key.userId, [renderNotice(slackText(answer.language).modalOpenFailed)], answer.language);
  }

  app.event('message', async ({ body }: BoltArgs) => {
    const parsed = parseMessageEvent(body);
    if (parsed.kind === 'ignore') {
      logger.debug({ slackIgnored: parsed.reason }, 'slack message ignored');
      return;
    }
    await runTurn(parsed);
  });

  app.event('app_home_opened', async ({ body }: BoltArgs) => {
    const parsed = parseHomeOpened(body);
    if (parsed.kind === 'home') await publishHome(parsed.key);
  });

  app.command('/rfi', async (args: BoltArgs) => {
    const { body } = args;
    const ack = ackOf(args);
    const parsed = parseSlashCommand(body);
    if (parsed.kind === 'ignore') {
      await ack();
      return;
    }
    // The partner's language: their session's, else their Slack locale (a new partner). Both lookups run
    // at once and are given up after 500 ms, so the ack always beats Slack's 3 s even when the session
    // store or users.info is struggling. The profile is cached, so the turn that follows reuses it.
    const [known, profile] = await Promise.all([
      withTimeout(dispatcher.view(parsed.key), SLASH_LANGUAGE_LOOKUP_MS).catch(() => null),
      withTimeout(profileOf(parsed.key), SLASH_LANGUAGE_LOOKUP_MS),
    ]);
    const s = slackText(known?.language ?? languageOfLocale(profile?.locale));
    if (parsed.kind === 'help') {
      await ack({ response_type: 'ephemeral', text: s.slashHelp });
      return;
    }
    const inDm = parsed.replyChannel.startsWith('D');
    await ack(inDm ? undefined : { response_type: 'ephemeral', text: s.slashSentToDm });
    await runTurn(parsed);
  });

  // /rfi-admin (STAFF_USERS only): handled like a typed "/rfi-admin …", the answer goes to the DM.
  app.command('/rfi-admin', async (args: BoltArgs) => {
    const ack = ackOf(args);
    const parsed = parseAdminCommand(args.body);
    await ack();
    if (parsed.kind === 'turn') await runTurn(parsed);
  });

  app.action(new RegExp(`^(${ACTION_PREFIX}\\d+|${EDIT_ANSWER_ACTION}|${HOME_START_ACTION})$`), async (args: BoltArgs) => {
    const { body } = args;
    const ack = ackOf(args);
    await ack();
    const parsed = parseBlockAction(body);
    if (parsed.kind === 'ignore') return;
    if (parsed.kind === 'openEditModal') {
      await openEditModal(parsed);
      return;
    }
    await runTurn(parsed);
  });

  app.view(EDIT_MODAL_CALLBACK, async (args: BoltArgs) => {
    const { body } = args;
    const ack = ackOf(args);
    const parsed = parseViewSubmission(body);
    if (parsed.kind === 'ignore') {
      await ack();
      return;
    }
    // Checked before closing the modal, so the partner fixes the text where it is: nothing is lost.
    const s = slackText(parsed.language);
    const length = [...parsed.text.trim()].length;
    if (length === 0) {
      await ack({ response_action: 'errors', errors: { [`${MODAL_PART_BLOCK}0`]: s.modalEmpty } });
      return;
    }
    if (length > deps.maxAnswerChars) {
      const locale = parsed.language === 'es' ? 'es-US' : 'en-US';
      const errors = { [`${MODAL_PART_BLOCK}0`]: s.modalTooLong(length.toLocaleString(locale), deps.maxAnswerChars.toLocaleString(locale)) };
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    await runTurn({
      kind: 'turn',
      key: parsed.key,
      deliveryId: parsed.deliveryId,
      input: { kind: 'replaceAnswer', questionNumber: parsed.questionNumber, text: parsed.text },
      replyChannel: parsed.replyChannel,
    });
  });

  return {
    channel: 'slack',
    mode: config.appToken ? 'socket' : 'http',
    api,
    async send(key, replies, options = {}) {
      // The app's DM with the partner: conversations.open once per user (Tier 3), then cached.
      let channel = dmChannels.get(key.userId);
      if (channel === undefined) {
        const opened = await api.openDm(key.userId);
        if (!opened.ok) return toSendOutcome(opened.code);
        channel = opened.channelId;
        if (dmChannels.size >= DM_CACHE_LIMIT) dmChannels.clear();
        dmChannels.set(key.userId, channel);
      }
      const messages = renderReplies(replies, { language: 'en' });
      for (const message of messages) {
        const sent = await api.postMessage(channel, key.userId, message, options.marker);
        if (!sent.ok) return toSendOutcome(sent.code);
      }
      return { status: 'sent' };
    },
    async confirm(key, marker, sinceMs) {
      let channel = dmChannels.get(key.userId);
      if (channel === undefined) {
        const opened = await api.openDm(key.userId);
        if (!opened.ok) return null;
        channel = opened.channelId;
      }
      return api.hasMarkedMessage(channel, marker, Math.floor(sinceMs / 1000) - 1);
    },
    async lookupUserByEmail(_teamId, email) {
      // One bot token serves one workspace: the team id is the roster's, the lookup is in the token's.
      const found = await api.lookupByEmail(email);
      if (found.ok) return { userId: found.userId };
      if (found.code === 'users_not_found') return { problem: 'no member of this Slack workspace has this email' };
      return { problem: `Slack could not look up this email (${found.code}); try again or give the userId` };
    },
    async start() {
      try {
        identity = await api.identity();
      } catch (error) {
        // Not fatal: bot messages are also recognised by their bot_id; the web chat keeps working.
        logger.warn({ err: errorSummary(error) }, 'slack auth.test failed; check SLACK_BOT_TOKEN');
      }
      if (receiver instanceof SlackSocketReceiver) await receiver.start();
      logger.info({ mode: config.appToken ? 'socket' : 'http' }, 'slack adapter ready');
    },
    async close() {
      await receiver.stop();
      api.close();
    },
  };
}
