import type { DestinationStream } from 'pino';
import { createTeamsAdapter, type TeamsAdapter, type TeamsOverrides } from '../adapters/teams/index.js';
import { createSlackAdapter, type SlackAdapter } from '../adapters/slack/index.js';
import { createWebchatAdapter } from '../adapters/webchat/index.js';
import { loadFlows } from '../conversations/index.js';
import { loadConfig, type AppConfig, type Env } from './config.js';
import { noMetrics, systemClock, type Clock, type CommentStore, type SessionStore, type StaffCommands } from './core/ports.js';
import { conversationKeyToString, type ConversationKey } from './core/types.js';
import { resolveDeadline, type DeadlineMode } from './dispatcher/deadline.js';
import { createDispatcher, type Dispatcher } from './dispatcher/dispatcher.js';
import { createSubmitRetry, type SubmitRetry } from './dispatcher/submit-retry.js';
import { AppError } from './errors.js';
import type { FlowDefinition } from './flow/definition.js';
import { decodeSession } from './flow/session-codec.js';
import type { Session } from './flow/session.js';
import { mountHealthRoutes } from './http/health.js';
import { createPromMetrics, mountMetricsRoute } from './http/metrics.js';
import { mountForwardingApi } from './forwarding/api.js';
import { createCommentApi } from './forwarding/comment-api.js';
import { createForwardingWorker, type ForwardingWorker } from './forwarding/worker.js';
import { createHttpServer } from './http/server.js';
import { createLogger, type Logger } from './logger.js';
import { mountModeration } from './moderation/index.js';
import { createStaffCommands } from './reminders/chat-admin.js';
import { createEmailFeature, type EmailFeature } from './email/index.js';
import { mountOutboxPages } from './moderation/outbox.js';
import { createStaffSide, type StaffSide } from './reminders/index.js';
import { createPartnerActivity } from './roster/activity.js';
import { mountRosterApi } from './roster/api.js';
import type { SlackEmailLookup } from './roster/import.js';
import { openSessionStore } from './state/open-session-store.js';
import { openRateLimiter } from './state/open-rate-limiter.js';
import { createAbuseLimits, type AbuseLimitRules } from './http/abuse-limits.js';
import { clientAddressResolver } from './http/client-address.js';
import type { RateLimiter } from './http/rate-limit.js';
import { openAppDatabase } from './database.js';
import { fixTrialDeadline } from './store/trial-deadline.js';
import type { AppDatabase } from './database.js';

/**
 * Wiring: config → logger → flow → stores → dispatcher → adapters → HTTP server.
 * Used by main.ts (the process) and by end-to-end tests (the same path, on a random port).
 */
export interface RunningApp {
  url: string;
  config: AppConfig;
  flow: FlowDefinition;
  deadline: { deadlineAt: Date; mode: DeadlineMode };
  logger: Logger;
  sessionStore: SessionStore;
  commentStore: CommentStore;
  /** The app's database through its ports (and its SQL client, for tests and benchmarks that seed tables). */
  database: AppDatabase;
  dispatcher: Dispatcher;
  /** The staff side: roster API, reminder service, plan scheduler, delivery worker. */
  staff: StaffSide;
  /** Set when COMMENT_API_URL, COMMENT_API_KEY and COMMENT_DOCKET_DOCUMENT_ID are configured. */
  forwarding: ForwardingWorker | null;
  /** Submits refused while the comment store was down, stored once it answers (`runNow` in tests). */
  submitRetry: SubmitRetry;
  /** A conversation's stored session, decoded (for operations tooling and tests); null when there is none. */
  loadSession(key: ConversationKey): Promise<Session | null>;
  /** Set when SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are configured; also sends proactive messages. */
  slack: SlackAdapter | null;
  /** Set when MICROSOFT_APP_ID or TEAMS_EMULATOR=1 is configured; also sends proactive messages. */
  teams: TeamsAdapter | null;
  /** Moderation: the admin token generated at this startup, for main.ts to print once; else null. */
  moderation: { bootstrapToken: string | null; flushAuthAudit(): Promise<void> };
  /** Every HTTP route this app serves (method and path template), for the docs test. */
  routes(): Array<{ method: string; path: string }>;
  close(): Promise<void>;
}

export interface StartOptions {
  env: Env;
  logDestination?: DestinationStream;
  clock?: Clock;
  /** Teams test/benchmark hooks (local OpenID metadata, outbound token); refused in production. */
  teams?: TeamsOverrides;
  /**
   * Tests: a session store that outlives this app (an in-memory store kept across a restart). The app
   * uses it instead of opening one and leaves it open on close.
   */
  sessionStore?: SessionStore;
  /** Tests: smaller abuse limits than the defaults (src/http/abuse-limits.ts), to reach them quickly. */
  abuseLimits?: AbuseLimitRules;
}

/** How often submits refused while the comment store was down are tried again. */
const SUBMIT_RETRY_POLL_MS = 5_000;

export async function startApp(options: StartOptions): Promise<RunningApp> {
  const config = loadConfig(options.env);
  const clock = options.clock ?? systemClock;
  const logger = createLogger({
    level: config.logLevel,
    ...(options.logDestination ? { destination: options.logDestination } : {}),
    // A person at a terminal in development reads lines; anything else (a collector, production) gets JSON.
    pretty: config.nodeEnv !== 'production' && process.stdout.isTTY === true,
  });

  const flows = await loadFlows(config.flowsDir);
  const flow = flows.get(config.flowId);
  if (!flow) {
    throw new AppError('FLOW_NOT_FOUND', `FLOW_ID="${config.flowId}": no such flow in conversations/. Known flows: ${[...flows.keys()].join(', ')}`);
  }
  // The database first: without REDIS_URL the sessions live in it too.
  const database = await openAppDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    schema: config.databaseSchema,
    forwardMode: config.forwarding?.mode ?? 'off',
  });
  let sessionStore: SessionStore;
  try {
    sessionStore = options.sessionStore ?? (await openSessionStore(config, clock, logger, database));
  } catch (error) {
    await database.close();
    throw error;
  }
  const closeSessionStore = () => (options.sessionStore ? Promise.resolve() : sessionStore.close());
  const deadline = resolveDeadline({ flowDeadline: flow.deadline, override: config.deadlineOverride, nodeEnv: config.nodeEnv, now: clock.now() });
  if (deadline.mode === 'trial') {
    // Stored the first time a trial starts here, so restarts keep the date partners were told.
    try {
      deadline.deadlineAt = await fixTrialDeadline(database.client, flow.id, deadline.deadlineAt);
    } catch (error) {
      await closeSessionStore();
      await database.close();
      throw error;
    }
    logger.warn(
      { flowId: flow.id, flowDeadline: flow.deadline, trialDeadline: deadline.deadlineAt.toISOString() },
      'trial mode: the flow deadline has passed, so submissions are accepted until the trial deadline fixed when this database was first used (set RFI_DEADLINE or NODE_ENV=production to stop this)',
    );
  }
  let rateLimiter: RateLimiter;
  try {
    rateLimiter = await openRateLimiter(config, logger);
  } catch (error) {
    await closeSessionStore();
    await database.close();
    throw error;
  }
  const limits = createAbuseLimits({ limiter: rateLimiter, nowMs: () => clock.now().getTime(), logger, ...(options.abuseLimits ? { rules: options.abuseLimits } : {}) });
  const { commentStore } = database;

  // The staff commands need the reminder service, which is built after the dispatcher (it delivers
  // through the adapters): bound once the staff side exists.
  let staffCommands: StaffCommands | null = null;
  const partners = createPartnerActivity(database.roster, clock, logger);
  // Metrics cost a little on every turn (and prom-client watches GC): only when someone can read them.
  const prom = config.metricsToken ? createPromMetrics() : null;
  const metrics = prom?.metrics ?? noMetrics;
  const dispatcher = createDispatcher({
    flow,
    sessionStore,
    commentStore,
    partners,
    metrics,
    // A withdrawal is in the audit log (ids only): the partner's right, exercised and recorded.
    onWithdrawn: async (key, submissionIds) => {
      const actor = { tokenId: 'partner', name: 'partner (withdraw command)', role: 'partner' };
      if (submissionIds.length === 0) await database.moderation.audit(actor, 'partner-withdrew', null, { channel: key.channel, submissions: 0 });
      for (const id of submissionIds) await database.moderation.audit(actor, 'partner-withdrew', id, { channel: key.channel });
    },
    // Slack and Teams pass no client id: the platform's user (the conversation) is the client there.
    admitSubmission: (key, clientId) => limits.admit('submission', clientId ?? conversationKeyToString(key)),
    staffCommands: { handle: (key, words, language) => staffCommands?.handle(key, words, language) ?? Promise.resolve(null) },
    clock,
    logger,
    engineContext: { deadlineAt: deadline.deadlineAt, maxAnswerChars: config.maxAnswerChars, forwardMode: config.forwarding?.mode ?? 'off' },
  });

  const http = createHttpServer(logger);
  let slack: SlackAdapter | null = null;
  let teams: TeamsAdapter | null = null;
  let moderation: { bootstrapToken: string | null; flushAuthAudit(): Promise<void>; stop(): Promise<void> } | null = null;
  let staff: StaffSide | null = null;
  let email: EmailFeature | null = null;
  let forwarding: ForwardingWorker | null = null;
  let submitRetry: SubmitRetry | null = null;
  // The address in resume links when PUBLIC_URL is unset: known once the server listens.
  let publicAddress = `http://${config.host}:${config.port}`;
  let address: { url: string };
  // Anything that fails from here on must not leave the stores (or a listening socket) open.
  try {
    mountHealthRoutes(
      http.router,
      [
        { name: 'sessionStore', check: () => sessionStore.ping() },
        { name: 'commentStore', check: () => commentStore.ping() },
      ],
      [
        {
          name: 'submitRetry',
          warning: () => {
            const health = submitRetry?.health();
            return health && (health.stuck > 0 || health.refused > 0) ? { ...health } : null;
          },
        },
      ],
    );
    if (prom && config.metricsToken) mountMetricsRoute(http.router, prom.registry, config.metricsToken);
    // Email (SMTP_URL, or the development outbox): double opt-in, web chat reminders and invitations.
    email = config.email
      ? createEmailFeature({
          config: config.email,
          tokens: database.emailTokens,
          roster: database.roster,
          dispatcher,
          router: http.router,
          publicUrl: () => config.publicUrl ?? publicAddress,
          nowMs: () => clock.now().getTime(),
          logger,
        })
      : null;
    createWebchatAdapter({
      router: http.router,
      dispatcher,
      now: () => clock.now().getTime(),
      clientAddress: clientAddressResolver(config.trustProxy),
      limits,
      logger,
      maxAnswerChars: config.maxAnswerChars,
      ...(email ? { email: email.optIn } : {}),
      docket: { status: (key) => database.forwarding.docketStatusFor(conversationKeyToString(key)) },
    });
    // Slack: only when SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are set; started after listen.
    slack = config.slack
      ? createSlackAdapter(config.slack, { router: http.router, dispatcher, clock, logger, maxAnswerChars: config.maxAnswerChars })
      : null;
    // Teams: when MICROSOFT_APP_ID is set, or TEAMS_EMULATOR=1 outside production.
    teams = config.teams
      ? createTeamsAdapter(config.teams, {
          router: http.router,
          dispatcher,
          references: database.references,
          logger,
          maxAnswerChars: config.maxAnswerChars,
          nodeEnv: config.nodeEnv,
          ...(options.teams ? { overrides: options.teams } : {}),
        })
      : null;
    staff = createStaffSide({
      roster: database.roster,
      dispatcher,
      messengers: { ...(slack ? { slack } : {}), ...(teams ? { teams } : {}), ...(email ? { webchat: email.messenger } : {}) },
      flowId: flow.id,
      flowTimeZone: flow.timeZone,
      deadlineAt: deadline.deadlineAt,
      clock,
      logger,
      enabled: config.reminders.enabled,
      ratePerSecond: config.reminders.ratePerSecond,
      tickMs: config.reminders.tickMs,
      sendLeaseMs: config.reminders.sendLeaseMs,
      minGapMs: config.reminders.minGapMs,
      metrics,
      ...(config.redisUrl ? { queue: { redisUrl: config.redisUrl, keyPrefix: config.redisKeyPrefix } } : {}),
    });
    const lookupSlackEmail: SlackEmailLookup | null = slack ? (teamId, address) => (slack as SlackAdapter).lookupUserByEmail(teamId, address) : null;
    const mounted = await mountModeration({
      router: http.router,
      repository: database.moderation,
      staff: { roster: database.roster, reminders: staff.service, lookupSlackEmail },
      forwarding: database.forwarding,
      forwardingConfigured: config.forwarding !== undefined,
      wakeForwarding: () => void forwarding?.drain().catch(() => undefined),
      kind: database.kind,
      flow,
      deadlineAt: deadline.deadlineAt,
      moderatorToken: config.moderatorToken,
      publicUrl: config.publicUrl,
      forwardMode: config.forwardMode,
      nowMs: () => clock.now().getTime(),
      logger,
      limiter: rateLimiter,
      clientAddress: clientAddressResolver(config.trustProxy),
    });
    moderation = mounted;
    if (email?.outboxDir) mountOutboxPages(http.router, { auth: mounted.auth, dir: email.outboxDir, audit: database.moderation.audit });
    mountRosterApi(http.router, {
      auth: mounted.auth,
      audit: database.moderation.audit,
      roster: database.roster,
      reminders: staff.service,
      lookupSlackEmail,
    });
    forwarding = config.forwarding
      ? createForwardingWorker({
          outbox: database.forwarding,
          moderation: database.moderation,
          commentStore,
          api: createCommentApi({ baseUrl: config.forwarding.apiUrl, apiKey: config.forwarding.apiKey, timeoutMs: config.forwarding.timeoutMs }),
          documentId: config.forwarding.documentId,
          category: config.forwarding.category,
          messengers: { ...(slack ? { slack } : {}), ...(teams ? { teams } : {}) },
          nowMs: () => clock.now().getTime(),
          logger,
          metrics,
          pollMs: 2_000,
          // The timeout aborts the POST, so past it (plus time to record the outcome) the POST has surely ended.
          sendLeaseMs: config.forwarding.timeoutMs + 5_000,
        })
      : null;
    mountForwardingApi(http.router, {
      auth: mounted.auth,
      outbox: database.forwarding,
      audit: database.moderation.audit,
      nowMs: () => clock.now().getTime(),
      wake: () => void forwarding?.drain().catch(() => undefined),
    });
    submitRetry = createSubmitRetry({
      sessionStore,
      commentStore,
      dispatcher,
      messengers: { ...(slack ? { slack } : {}), ...(teams ? { teams } : {}) },
      logger,
      pollMs: SUBMIT_RETRY_POLL_MS,
      // The same clock the dispatcher dates each entry's next attempt with.
      nowMs: () => clock.now().getTime(),
    });
    staffCommands = createStaffCommands({ staffUsers: config.staffUsers, service: staff.service });
    address = await http.listen(config.port, config.host).catch((cause: unknown) => {
      throw new AppError('LISTEN_FAILED', `Could not listen on ${config.host}:${config.port}. Is another program using PORT=${config.port}? Set PORT to a free port.`, { cause });
    });
    publicAddress = address.url;
    await slack?.start().catch((cause: unknown) => {
      throw new AppError('SLACK_START_FAILED', 'Could not connect to Slack in Socket Mode. Check SLACK_APP_TOKEN (xapp-…, scope connections:write) and SLACK_API_URL.', { cause });
    });
    staff.start();
    forwarding?.start();
    submitRetry.start();
  } catch (error) {
    await http.close();
    await staff?.stop().catch(() => undefined);
    await forwarding?.stop().catch(() => undefined);
    await submitRetry?.stop().catch(() => undefined);
    await moderation?.stop().catch(() => undefined);
    email?.close();
    await Promise.allSettled([slack?.close(), closeSessionStore(), commentStore.close(), rateLimiter.close()]);
    throw error;
  }
  logger.info(
    { url: address.url, sessionStore: sessionStore.kind, commentStore: commentStore.kind, flowId: flow.id, deadlineMode: deadline.mode },
    'rfi bot listening',
  );

  let closing: Promise<void> | null = null;
  return {
    url: address.url,
    config,
    flow,
    deadline,
    logger,
    sessionStore,
    commentStore,
    database,
    dispatcher,
    staff: staff as StaffSide,
    forwarding,
    submitRetry: submitRetry as SubmitRetry,
    async loadSession(key) {
      const stored = await sessionStore.load(key);
      return stored ? decodeSession(stored).session : null;
    },
    slack,
    teams,
    moderation,
    routes: () => http.router.list(),
    close() {
      closing ??= (async () => {
        await http.close();
        // Reminder sends in flight are recorded before the stores close.
        await staff?.stop().catch(() => undefined);
        await forwarding?.stop().catch(() => undefined);
        await submitRetry?.stop().catch(() => undefined);
        await moderation?.stop().catch(() => undefined);
        email?.close();
        // Slack turns acked before the close finish first (they need the stores).
        await slack?.close().catch(() => undefined);
        teams?.close();
        await Promise.allSettled([closeSessionStore(), commentStore.close(), rateLimiter.close()]);
        logger.info('rfi bot stopped');
      })();
      return closing;
    },
  };
}
