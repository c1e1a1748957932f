import type { Logger } from 'pino';
import {
  AppError,
  errorSummary,
  httpErrorFor,
  isRateLimitedError,
  languageOfLocale,
  readJsonBody,
  requestLogThrottle,
  sendJson,
  sendJsonError,
  t,
  type ConversationKey,
  type ConversationReferenceStore,
  type ConversationView,
  type Dispatcher,
  type InputMode,
  type Language,
  type NodeEnv,
  type OutboundMessenger,
  type Reply,
  type Router,
  type SendOutcome,
  type TeamsConfig,
} from '../../src/index.js';
import { createBotFramework, type TeamsAuthEndpoints } from './bot-framework.js';
import { createConnectorSender, type OutboundTokenSource, type SendResult } from './connector.js';
import { parseActivity, type StoredReference } from './parse.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, renderTurnCards } from './render.js';
import { quietSdkTokenReports } from './quiet-console.js';
import type { RetryPolicy } from './retry-policy.js';

/**
 * Microsoft Teams: the RFI in a 1:1 chat with the bot.
 *   POST /api/messages   Bot Framework activities (JWT-authenticated by botbuilder)
 * A turn: authenticate → parse → remember the conversation reference → dispatch (session saved) →
 * render one Adaptive Card → send it to the partner's serviceUrl with retries. The answer is saved before
 * anything is sent, so a failed send loses no answer (the partner sees the step again on their next message).
 */
export interface TeamsAdapterDeps {
  router: Router;
  dispatcher: Dispatcher;
  /** Where conversation references are kept (the comment store's database), for proactive messages. */
  references: ConversationReferenceStore;
  logger: Logger;
  maxAnswerChars: number;
  nodeEnv: NodeEnv;
  overrides?: TeamsOverrides;
}

/** For tests and benchmarks (never from the environment); refused in production. */
export interface TeamsOverrides {
  authEndpoints?: TeamsAuthEndpoints;
  /** Replaces botbuilder's credentials for outbound calls (MSAL only talks to https login endpoints). */
  outboundToken?: OutboundTokenSource;
  retryPolicy?: RetryPolicy;
}

/**
 * The Teams adapter is the OutboundMessenger for Teams partners: `send` posts a card to the stored
 * conversation reference (no reference → unreachable `NO_REFERENCE`; the partner removed the app →
 * unreachable `APP_REMOVED`, not even tried until they write again).
 */
export interface TeamsAdapter extends OutboundMessenger {
  readonly channel: 'teams';
  references: ConversationReferenceStore;
  /** Closes the connector's kept-alive connections (shutdown, after the HTTP server has drained). */
  close(): void;
}

export const TEAMS_BODY_LIMIT_BYTES = 256 * 1024;

export function createTeamsAdapter(config: TeamsConfig, deps: TeamsAdapterDeps): TeamsAdapter {
  const { logger, dispatcher } = deps;
  if (deps.nodeEnv === 'production' && deps.overrides && Object.keys(deps.overrides).length > 0) {
    throw new AppError('TEAMS_OVERRIDES_IN_PRODUCTION', 'Teams test overrides (local OpenID metadata, outbound token) are not allowed when NODE_ENV=production.');
  }
  const bot = createBotFramework(config, deps.overrides?.authEndpoints);
  quietSdkTokenReports((kind) => logger.debug({ channel: 'teams', sdkTokenReport: kind }, 'teams: botbuilder refused a token'));
  const sender = createConnectorSender({
    token: deps.overrides?.outboundToken ?? bot.outboundToken,
    ...(deps.overrides?.retryPolicy ? { policy: deps.overrides.retryPolicy } : {}),
  });
  const { references } = deps;
  logger.info(
    { channel: 'teams', emulator: config.emulator, appType: config.emulator ? null : config.appType, authentication: config.emulator ? 'off' : 'botbuilder' },
    config.emulator ? 'teams adapter on in EMULATOR mode: /api/messages accepts unauthenticated activities' : 'teams adapter on: POST /api/messages',
  );

  /** Renders and sends one card, and records how it went. Never rejects. */
  async function deliver(key: ConversationKey, reference: StoredReference, replies: Reply[], render: { language: Language; inputMode: InputMode }, replyToId?: string): Promise<SendResult> {
    // Usually one card; a copy of the comment is several, sent in order (a failed one stops the rest).
    const cards = renderTurnCards(replies, { ...render, maxAnswerChars: deps.maxAnswerChars });
    let result: SendResult | undefined;
    for (const [index, rendered] of cards.entries()) {
      result = await sender.send(
        reference,
        { type: 'message', locale: render.language === 'es' ? 'es-US' : 'en-US', attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: rendered.card }] },
        index === 0 ? replyToId : undefined,
      );
      if (result.status !== 'sent') break;
    }
    if (!result) throw new AppError('INTERNAL', 'No card was rendered for a Teams turn.');
    if (result.status === 'app-removed') {
      logger.warn({ channel: 'teams', status: 403, attempts: result.attempts }, 'teams: partner removed the app; reply not delivered');
    } else if (result.status === 'failed') {
      logger.error({ channel: 'teams', status: result.httpStatus, code: result.code, attempts: result.attempts }, 'teams: reply not delivered (answer is saved)');
    }
    const status = result.status === 'sent' ? 'ok' : result.status;
    const httpStatus = result.status === 'sent' ? null : result.status === 'app-removed' ? 403 : (result.httpStatus ?? null);
    try {
      await references.markDelivery(key, status === 'failed' ? 'failing' : status, httpStatus);
    } catch (error) {
      // Recording the delivery status failed (database): the session is saved; say so and go on.
      logger.error({ channel: 'teams', err: errorSummary(error) }, 'teams: delivery status not recorded');
    }
    return result;
  }

  const refusals = requestLogThrottle();
  deps.router.add('POST', '/api/messages', async ({ req, res }) => {
    const body = await readJsonBody(req, TEAMS_BODY_LIMIT_BYTES);
    if (!isActivity(body)) throw new AppError('INVALID_REQUEST', 'Expected a Bot Framework activity (a JSON object with a "type").');
    const header = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    const auth = await bot.authenticate(body, header);
    if (!auth.ok) {
      const admitted = refusals.admit(auth.code);
      if (admitted) logger.warn({ channel: 'teams', code: auth.code, ...admitted }, 'teams: activity refused');
      sendJsonError(res, auth.status, auth.code, auth.status === 401 ? 'Unauthorized.' : 'Authentication is unavailable; try again later.');
      return;
    }

    const parsed = parseActivity(body);
    if (parsed.kind === 'ignored') {
      logger.debug({ channel: 'teams', reason: parsed.reason }, 'teams: activity ignored');
      res.writeHead(200).end();
      return;
    }
    if (parsed.kind === 'app-removed') {
      await references.remember(parsed.key, parsed.reference);
      await references.markDelivery(parsed.key, 'app-removed', null);
      logger.info({ channel: 'teams' }, 'teams: app removed by partner');
      res.writeHead(200).end();
      return;
    }

    let language: Language = 'en';
    const invoke = await bot.runTurn(auth.result, body, async (context) => {
      // Stored alongside the turn (not before it): both finish before the reply is sent. If the database
      // is down the partner still gets the reply; the next contact writes the reference again.
      const remembered = references.remember(parsed.key, parsed.reference).then(
        () => true,
        (error: unknown) => {
          logger.error({ channel: 'teams', err: errorSummary(error) }, 'teams: conversation reference not stored');
          return false;
        },
      );
      const replies: Reply[] = [];
      let view: ConversationView | null = null;
      for (const event of parsed.events) {
        let result;
        try {
          result = await dispatcher.dispatch(event);
        } catch (error) {
          // Over the submission limit (per Teams user): say so kindly instead of failing the activity,
          // which the Bot Connector would only retry. The draft is untouched.
          if (!isRateLimitedError(error)) throw error;
          const noticeLanguage = view?.language ?? languageOfLocale(event.profile?.locale);
          await deliver(parsed.key, parsed.reference, [{ text: httpErrorFor(error, noticeLanguage).message }], { language: noticeLanguage, inputMode: 'none' }, parsed.isInvoke ? undefined : parsed.activityId);
          break;
        }
        if (result.status !== 'processed') continue;
        replies.push(...result.replies);
        view = result.view;
      }
      await remembered;
      if (view) language = view.language;
      if (view && parsed.filesNotRead) replies.unshift({ text: t(view.language).filesNotRead });
      if (view && replies.length > 0) {
        await deliver(parsed.key, parsed.reference, replies, { language: view.language, inputMode: view.inputMode }, parsed.isInvoke ? undefined : parsed.activityId);
      }
      if (parsed.isInvoke) {
        await context.sendActivity({
          type: 'invokeResponse',
          value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: t(language).teamsCard.received } },
        });
      }
    });
    if (invoke) sendJson(res, invoke.status, invoke.body ?? {});
    else res.writeHead(200).end();
  });

  return {
    channel: 'teams',
    references,
    async send(key, replies) {
      let record;
      try {
        record = await references.get(key);
      } catch (error) {
        logger.error({ channel: 'teams', err: errorSummary(error) }, 'teams: conversation reference not readable');
        return { status: 'failed', code: 'REFERENCE_STORE_UNAVAILABLE', maybeDelivered: false };
      }
      if (!record) return { status: 'unreachable', code: 'NO_REFERENCE' };
      if (record.deliveryStatus === 'app-removed') return { status: 'unreachable', code: 'APP_REMOVED' };
      const language = languageOfLocale(record.reference.locale);
      return toSendOutcome(await deliver(key, record.reference, replies, { language, inputMode: 'none' }));
    },
    close() {
      sender.close();
    },
  };
}

/** The connector's result as the OutboundMessenger port reports it. */
function toSendOutcome(result: SendResult): SendOutcome {
  if (result.status === 'sent') return { status: 'sent' };
  if (result.status === 'app-removed') return { status: 'unreachable', code: 'APP_REMOVED' };
  // A timeout or a reset after the request left: Teams may have shown the card already.
  return { status: 'failed', code: result.code, maybeDelivered: result.code === 'CONNECTOR_NETWORK_ERROR' };
}

function isActivity(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && typeof (body as { type?: unknown }).type === 'string';
}
