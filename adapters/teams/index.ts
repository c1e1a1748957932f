import type { Logger } from 'pino';
import type { TeamsConfig } from '../../src/config.js';
import type { Dispatcher } from '../../src/core/dispatcher.js';
import type { ConversationKey, Language, Reply } from '../../src/core/types.js';
import { AppError, errorSummary } from '../../src/errors.js';
import type { Session } from '../../src/flow/session.js';
import { readJsonBody } from '../../src/http/body.js';
import { sendJson, sendJsonError } from '../../src/http/respond.js';
import type { Router } from '../../src/http/router.js';
import type { SqlClient } from '../../src/store/sql-client.js';
import { t } from '../../src/i18n/catalog.js';
import { requestLogThrottle } from '../../src/log-throttle.js';
import { createBotFramework, type TeamsAuthEndpoints } from './bot-framework.js';
import { createConnectorSender, type OutboundTokenSource, type SendResult } from './connector.js';
import { parseActivity, type StoredReference } from './parse.js';
import { createReferenceStore, type ReferenceStore } from './references.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, inputModeFor, renderTurn, type InputMode } from './render.js';
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
  /** The comment store's SQL client (PGlite or Postgres): conversation references live next to submissions. */
  sql: SqlClient;
  logger: Logger;
  maxAnswerChars: number;
  nodeEnv: 'development' | 'production' | 'test';
  overrides?: TeamsOverrides;
}

/** For tests and benchmarks (never from the environment); refused in production. */
export interface TeamsOverrides {
  authEndpoints?: TeamsAuthEndpoints;
  /** Replaces botbuilder's credentials for outbound calls (MSAL only talks to https login endpoints). */
  outboundToken?: OutboundTokenSource;
  retryPolicy?: RetryPolicy;
}

export type ProactiveResult = SendResult | { status: 'no-reference' } | { status: 'skipped-app-removed' };

export interface TeamsAdapter {
  references: ReferenceStore;
  /** Sends replies to a partner outside a turn (reminders), using the stored conversation reference. */
  sendProactive(key: ConversationKey, replies: Reply[], options: { language: Language; inputMode?: InputMode }): Promise<ProactiveResult>;
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
  const references = createReferenceStore(deps.sql);
  logger.info(
    { channel: 'teams', emulator: config.emulator, appType: config.emulator ? null : config.appType, authentication: config.emulator ? 'off' : 'botbuilder' },
    config.emulator ? 'teams adapter on in EMULATOR mode: /api/messages accepts unauthenticated activities' : 'teams adapter on: POST /api/messages',
  );

  async function deliver(key: ConversationKey, reference: StoredReference, replies: Reply[], render: { language: Language; inputMode: InputMode }, replyToId?: string): Promise<SendResult> {
    const rendered = renderTurn(replies, { ...render, maxAnswerChars: deps.maxAnswerChars });
    const result = await sender.send(
      reference,
      { type: 'message', locale: render.language === 'es' ? 'es-US' : 'en-US', attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: rendered.card }] },
      replyToId,
    );
    if (result.status === 'sent') {
      await references.markDelivery(key, 'ok', null);
    } else if (result.status === 'app-removed') {
      logger.warn({ channel: 'teams', status: 403, attempts: result.attempts }, 'teams: partner removed the app; reply not delivered');
      await references.markDelivery(key, 'app-removed', 403);
    } else {
      logger.error({ channel: 'teams', status: result.httpStatus, code: result.code, attempts: result.attempts }, 'teams: reply not delivered (answer is saved)');
      await references.markDelivery(key, 'failing', result.httpStatus ?? null);
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
      let session: Session | null = null;
      for (const event of parsed.events) {
        const result = await dispatcher.dispatch(event);
        if (result.status !== 'processed') continue;
        replies.push(...result.replies);
        session = result.session;
      }
      await remembered;
      if (session) language = session.language;
      if (session && parsed.filesNotRead) replies.unshift({ text: t(session.language).filesNotRead });
      if (session && replies.length > 0) {
        try {
          await deliver(parsed.key, parsed.reference, replies, { language: session.language, inputMode: inputModeFor(session.step) }, parsed.isInvoke ? undefined : parsed.activityId);
        } catch (error) {
          // Recording the delivery status failed (database): the session is saved; say so and go on.
          logger.error({ channel: 'teams', err: errorSummary(error) }, 'teams: delivery status not recorded');
        }
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
    references,
    async sendProactive(key, replies, options) {
      const record = await references.get(key);
      if (!record) return { status: 'no-reference' };
      if (record.deliveryStatus === 'app-removed') return { status: 'skipped-app-removed' };
      return deliver(key, record.reference, replies, { language: options.language, inputMode: options.inputMode ?? 'none' });
    },
    close() {
      sender.close();
    },
  };
}

function isActivity(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && typeof (body as { type?: unknown }).type === 'string';
}
