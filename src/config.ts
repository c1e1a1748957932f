import { z } from 'zod';
import { AppError } from './errors.js';
import { parseProxyTrust, type ProxyTrust } from './http/client-address.js';

/**
 * The only module that reads process.env. Every problem is reported at once, one line per variable,
 * saying how to fix it; main.ts prints them and exits with code 1.
 */

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const envSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { message: 'use one of development, production, test' })
    .default('development'),
  PORT: z.coerce
    .number({ message: 'use a whole number between 0 and 65535, e.g. PORT=3000' })
    .int('use a whole number between 0 and 65535, e.g. PORT=3000')
    .min(0, 'use a whole number between 0 and 65535, e.g. PORT=3000')
    .max(65535, 'use a whole number between 0 and 65535, e.g. PORT=3000')
    .default(3000),
  HOST: z.string().min(1, 'use an interface address such as 127.0.0.1 or 0.0.0.0').default('127.0.0.1'),
  DATA_DIR: z.string().min(1, 'use a writable directory path, e.g. DATA_DIR=./data').default('./data'),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'use a postgres:// URL, e.g. postgres://postgres@127.0.0.1:5432/test, or leave it unset for the embedded PGlite store')
      .optional(),
  ),
  DATABASE_SCHEMA: optionalString.pipe(
    z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'use a lowercase Postgres schema name such as rfibot').optional(),
  ),
  REDIS_URL: optionalString.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, 'use a redis:// URL, e.g. redis://127.0.0.1:6379, or leave it unset for in-memory sessions (development only)')
      .optional(),
  ),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,40}$/, 'use letters, digits, dash or underscore, e.g. rfibot')
    .default('rfibot'),
  RFI_DEADLINE: optionalString.pipe(
    z.iso
      .datetime({ offset: true, message: 'use ISO 8601 with a time zone offset, e.g. 2026-12-31T23:59:59-05:00' })
      .optional(),
  ),
  FLOW_ID: z.string().regex(/^[a-z0-9-]+$/, 'use the id of a flow in conversations/, e.g. rfi-racial-equity-2022').default('rfi-racial-equity-2022'),
  FLOWS_DIR: optionalString,
  MAX_ANSWER_CHARS: z.coerce
    .number({ message: 'use a whole number of characters between 100 and 100000, e.g. 20000' })
    .int('use a whole number of characters between 100 and 100000, e.g. 20000')
    .min(100, 'use a whole number of characters between 100 and 100000, e.g. 20000')
    .max(100000, 'use a whole number of characters between 100 and 100000, e.g. 20000')
    .default(20000),
  MODERATOR_TOKEN: optionalString.pipe(
    z
      .string()
      .regex(/^[\x21-\x7e]{32,200}$/, 'use at least 32 random printable characters without spaces, e.g. MODERATOR_TOKEN=$(openssl rand -base64 32)')
      .optional(),
  ),
  PUBLIC_URL: optionalString.pipe(
    z.string().regex(/^https?:\/\/[^\s]+$/, 'use the address people open, e.g. PUBLIC_URL=https://rfi.example.org (https makes dashboard cookies Secure)').optional(),
  ),
  // Slack: enabled when both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are set.
  SLACK_SIGNING_SECRET: optionalString.pipe(
    z.string().regex(/^[0-9a-zA-Z]{16,128}$/, 'use the Signing Secret from your Slack app\'s Basic Information page (letters and digits)').optional(),
  ),
  SLACK_BOT_TOKEN: optionalString.pipe(
    z.string().regex(/^xoxb-[0-9A-Za-z-]+$/, 'use the Bot User OAuth Token from OAuth & Permissions; it starts with xoxb-').optional(),
  ),
  SLACK_APP_TOKEN: optionalString.pipe(
    z.string().regex(/^xapp-[0-9A-Za-z-]+$/, 'use an App-Level Token with the connections:write scope (Basic Information); it starts with xapp-').optional(),
  ),
  SLACK_API_URL: optionalString.pipe(
    z.url({ protocol: /^https?$/, message: 'use an http(s) URL such as https://slack.com/api/, or leave it unset' }).optional(),
  ),
  // Microsoft Teams: enabled when MICROSOFT_APP_ID is set, or TEAMS_EMULATOR=1 outside production.
  MICROSOFT_APP_ID: optionalString.pipe(
    z.string().regex(GUID_PATTERN, 'use the Microsoft App ID of your Azure Bot (a GUID, Azure portal → your bot → Configuration)').optional(),
  ),
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString.pipe(
    z.string().regex(GUID_PATTERN, 'use your Microsoft Entra tenant id (a GUID, Azure portal → Microsoft Entra ID → Overview)').optional(),
  ),
  MICROSOFT_APP_TYPE: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], { message: 'use one of MultiTenant, SingleTenant, UserAssignedMSI (as chosen when the Azure Bot was created)' })
    .default('MultiTenant'),
  TEAMS_EMULATOR: z.enum(['0', '1'], { message: 'use 1 to accept unauthenticated Bot Framework Emulator traffic on /api/messages, or 0' }).default('0'),
  // Staff side: who may use /rfi-admin in chat, and how reminders are paced.
  STAFF_USERS: optionalString.pipe(
    z
      .string()
      .regex(
        /^\s*(?:slack:[^:,\s]+:[^:,\s]+|teams:[^:,\s]+:[^,\s]+)\s*(?:,\s*(?:slack:[^:,\s]+:[^:,\s]+|teams:[^:,\s]+:[^,\s]+)\s*)*$/,
        'use a comma-separated list such as STAFF_USERS=slack:T012AB3C4:U0123ABCD,teams:<tenant id>:<user id>',
      )
      .optional(),
  ),
  // Forwarding to the docket (regulations.gov Comment API v4): on when all three are set.
  COMMENT_API_URL: optionalString.pipe(
    z.string().regex(/^https?:\/\/[^\s]+$/, 'use the Comment API base URL, e.g. COMMENT_API_URL=https://api.regulations.gov/v4').optional(),
  ),
  COMMENT_API_KEY: optionalString,
  COMMENT_DOCKET_DOCUMENT_ID: optionalString.pipe(
    z.string().regex(/^[A-Za-z0-9_-]{3,80}$/, 'use the regulations.gov documentId of the notice to comment on, e.g. DOS-2022-0004-0001').optional(),
  ),
  COMMENT_CATEGORY: optionalString.pipe(z.string().max(100, 'use one of the agency categories (at most 100 characters)').optional()),
  FORWARD_MODE: z.enum(['after-review', 'auto'], { message: 'use after-review (forward once a moderator clears it) or auto (forward at submit)' }).default('after-review'),
  COMMENT_API_TIMEOUT_MS: z.coerce
    .number({ message: 'use milliseconds between 1000 and 120000, e.g. 30000' })
    .int()
    .min(1000, 'use milliseconds between 1000 and 120000, e.g. COMMENT_API_TIMEOUT_MS=30000')
    .max(120_000, 'use milliseconds between 1000 and 120000, e.g. COMMENT_API_TIMEOUT_MS=30000')
    .default(30_000),
  METRICS_TOKEN: optionalString.pipe(
    z
      .string()
      .regex(/^[\x21-\x7e]{32,200}$/, 'use at least 32 random printable characters without spaces, e.g. METRICS_TOKEN=$(openssl rand -base64 32)')
      .optional(),
  ),
  SMTP_URL: optionalString.pipe(
    z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, 'use an smtp:// or smtps:// URL, e.g. SMTP_URL=smtps://user:password@smtp.example.org:465')
      .optional(),
  ),
  SMTP_FROM: z.string().min(3, 'use a sender such as "RFI consultation <rfi@example.org>"').default('RFI consultation <no-reply@localhost>'),
  EMAIL_OUTBOX: z.enum(['on', 'off'], { message: 'use on (write emails to DATA_DIR/outbox/ instead of sending them; development only) or off' }).optional(),
  REMINDERS: z.enum(['on', 'off'], { message: 'use on (send invitations and the reminder plan) or off' }).default('on'),
  REMINDER_RATE_PER_SECOND: z.coerce
    .number({ message: 'use a number of messages per second per Slack workspace / Teams tenant between 0.1 and 100, e.g. 1' })
    .min(0.1, 'use a number between 0.1 and 100, e.g. REMINDER_RATE_PER_SECOND=1')
    .max(100, 'use a number between 0.1 and 100, e.g. REMINDER_RATE_PER_SECOND=1')
    .default(1),
  REMINDER_SEND_LEASE_MS: z.coerce
    .number({ message: 'use milliseconds between 2000 and 600000, e.g. 120000' })
    .int()
    .min(2000, 'use milliseconds between 2000 and 600000, e.g. REMINDER_SEND_LEASE_MS=120000')
    .max(600_000, 'use milliseconds between 2000 and 600000, e.g. REMINDER_SEND_LEASE_MS=120000')
    .default(120_000),
  // Frequency cap: no partner gets two staff-side messages (plan stages, manual reminders, invitations) closer than this.
  REMINDER_MIN_GAP_HOURS: z.coerce
    .number({ message: 'use a number of hours between 0 and 168, e.g. REMINDER_MIN_GAP_HOURS=20 (0 turns the frequency cap off)' })
    .min(0, 'use a number of hours between 0 and 168, e.g. REMINDER_MIN_GAP_HOURS=20 (0 turns the frequency cap off)')
    .max(168, 'use a number of hours between 0 and 168, e.g. REMINDER_MIN_GAP_HOURS=20 (0 turns the frequency cap off)')
    .default(20),
  REMINDER_TICK_MS: z.coerce
    .number({ message: 'use milliseconds between 1000 and 3600000, e.g. 60000' })
    .int()
    .min(1000, 'use milliseconds between 1000 and 3600000, e.g. REMINDER_TICK_MS=60000')
    .max(3_600_000, 'use milliseconds between 1000 and 3600000, e.g. REMINDER_TICK_MS=60000')
    .default(60_000),
  // Abuse controls: which proxies' X-Forwarded-For is believed (see src/http/client-address.ts).
  TRUST_PROXY: optionalString,
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'use one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
});

/** Every environment variable the bot reads (the docs test checks each is documented). */
export const ENV_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

export type Env = Record<string, string | undefined>;

/** Variables whose values are secrets: problems name them but never echo the value. */
const SECRET_VARIABLES = new Set(['MICROSOFT_APP_PASSWORD', 'MODERATOR_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SMTP_URL', 'METRICS_TOKEN', 'COMMENT_API_KEY']);

export type NodeEnv = 'development' | 'production' | 'test';

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseSchema: string | undefined;
  redisUrl: string | undefined;
  redisKeyPrefix: string;
  /** RFI_DEADLINE, when set; otherwise the flow's own deadline applies (see src/core/deadline.ts). */
  deadlineOverride: Date | undefined;
  flowId: string;
  /** Directory of questionnaire files; defaults to conversations/ in the repo. */
  flowsDir: string | undefined;
  maxAnswerChars: number;
  /** Moderation: a token that is granted the admin role at startup (never logged). */
  moderatorToken: string | undefined;
  /** The public address of the bot; when it is https://, dashboard cookies are marked Secure. */
  publicUrl: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** TRUST_PROXY: when X-Forwarded-For names the client (a hop count or trusted CIDRs); unset = never. */
  trustProxy: ProxyTrust;
  /** STAFF_USERS: conversation keys ("slack:T…:U…", "teams:<tenant>:<user>") allowed to use /rfi-admin. */
  staffUsers: string[];
  reminders: {
    enabled: boolean;
    ratePerSecond: number;
    tickMs: number;
    sendLeaseMs: number;
    /** REMINDER_MIN_GAP_HOURS in ms: the least time between two messages to one partner (0 = no cap). */
    minGapMs: number;
  };
  /** SMTP_URL: web chat partners who ticked "remind me" get reminders by email (never logged: it may hold a password). */
  smtp: { url: string; from: string } | undefined;
  /**
   * How email leaves the bot: SMTP (SMTP_URL), or, in development without SMTP_URL, `.eml` files in
   * DATA_DIR/outbox/ that admins read at /moderate/outbox (EMAIL_OUTBOX, refused in production);
   * undefined = no email (the "remind me by email" box and email invitations are off).
   */
  email: { transport: 'smtp'; url: string; from: string } | { transport: 'outbox'; dir: string; from: string } | undefined;
  /** Forwarding to the docket: set when COMMENT_API_URL, COMMENT_API_KEY and COMMENT_DOCKET_DOCUMENT_ID are. */
  forwarding: { apiUrl: string; apiKey: string; documentId: string; mode: 'after-review' | 'auto'; category: string | undefined; timeoutMs: number } | undefined;
  /**
   * FORWARD_MODE, read even when forwarding is off: in after-review (the default) nothing reaches the
   * public record unreviewed, so the regulations.json export holds only cleared submissions by default.
   */
  forwardMode: 'after-review' | 'auto';
  /** METRICS_TOKEN: GET /metrics answers callers presenting it as a Bearer token; unset = no /metrics. */
  metricsToken: string | undefined;
  /** Set when SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are both set; appToken set = Socket Mode. */
  slack: SlackConfig | undefined;
  /** Set when MICROSOFT_APP_ID is set, or TEAMS_EMULATOR=1 (then appId is undefined: no authentication). */
  teams: TeamsConfig | undefined;
}

export interface TeamsConfig {
  /** TEAMS_EMULATOR=1: no app id, no authentication (refused in production). */
  emulator: boolean;
  appId: string | undefined;
  appPassword: string | undefined;
  tenantId: string | undefined;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
}

export interface SlackConfig {
  signingSecret: string;
  botToken: string;
  /** SLACK_APP_TOKEN: when set, events arrive over Socket Mode instead of POST /slack/events. */
  appToken: string | undefined;
  /** Base URL of the Slack Web API, always ending in "/" (default https://slack.com/api/). */
  apiUrl: string;
}

export class ConfigError extends AppError {
  constructor(readonly problems: string[]) {
    super('CONFIG_INVALID', `Configuration is invalid:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
  }
}

export function loadConfig(env: Env = process.env): AppConfig {
  const parsed = envSchema.safeParse(pickKnown(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? 'environment');
      const given = env[variable];
      const shown = given === undefined ? '' : SECRET_VARIABLES.has(variable) ? ' (value hidden)' : `="${truncate(given)}"`;
      return `${variable}${shown}: ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const values = parsed.data;
  const problems: string[] = [];
  if (values.NODE_ENV === 'production' && !values.REDIS_URL) {
    // Production keeps sessions in Redis (shared by every instance, fast, and what the reminder queue uses);
    // the SQL session store is the single-process default for development and trials.
    problems.push('REDIS_URL: required when NODE_ENV=production (sessions and the reminder queue live in Redis there), e.g. REDIS_URL=redis://127.0.0.1:6379');
  }
  problems.push(...slackProblems(values));
  problems.push(...emailProblems(values));
  problems.push(...forwardingProblems(values));
  problems.push(...teamsProblems(values));
  const trustProxy = parseProxyTrust(values.TRUST_PROXY);
  if (!trustProxy.ok) problems.push(`TRUST_PROXY="${truncate(values.TRUST_PROXY ?? '')}": ${trustProxy.problem}`);
  if (problems.length > 0 || !trustProxy.ok) throw new ConfigError(problems);
  return {
    nodeEnv: values.NODE_ENV,
    port: values.PORT,
    host: values.HOST,
    dataDir: values.DATA_DIR,
    databaseUrl: values.DATABASE_URL,
    databaseSchema: values.DATABASE_SCHEMA,
    redisUrl: values.REDIS_URL,
    redisKeyPrefix: values.REDIS_KEY_PREFIX,
    deadlineOverride: values.RFI_DEADLINE ? new Date(values.RFI_DEADLINE) : undefined,
    flowId: values.FLOW_ID,
    flowsDir: values.FLOWS_DIR,
    maxAnswerChars: values.MAX_ANSWER_CHARS,
    moderatorToken: values.MODERATOR_TOKEN,
    publicUrl: values.PUBLIC_URL,
    logLevel: values.LOG_LEVEL,
    trustProxy: trustProxy.value,
    staffUsers: (values.STAFF_USERS ?? '').split(',').map((item) => item.trim()).filter((item) => item.length > 0),
    metricsToken: values.METRICS_TOKEN,
    forwardMode: values.FORWARD_MODE,
    forwarding:
      values.COMMENT_API_URL && values.COMMENT_API_KEY && values.COMMENT_DOCKET_DOCUMENT_ID
        ? {
            apiUrl: values.COMMENT_API_URL,
            apiKey: values.COMMENT_API_KEY,
            documentId: values.COMMENT_DOCKET_DOCUMENT_ID,
            mode: values.FORWARD_MODE,
            category: values.COMMENT_CATEGORY,
            timeoutMs: values.COMMENT_API_TIMEOUT_MS,
          }
        : undefined,
    smtp: values.SMTP_URL ? { url: values.SMTP_URL, from: values.SMTP_FROM } : undefined,
    email: emailTransport(values),
    reminders: {
      enabled: values.REMINDERS === 'on',
      ratePerSecond: values.REMINDER_RATE_PER_SECOND,
      tickMs: values.REMINDER_TICK_MS,
      sendLeaseMs: values.REMINDER_SEND_LEASE_MS,
      minGapMs: Math.round(values.REMINDER_MIN_GAP_HOURS * 3_600_000),
    },
    slack:
      values.SLACK_SIGNING_SECRET && values.SLACK_BOT_TOKEN
        ? {
            signingSecret: values.SLACK_SIGNING_SECRET,
            botToken: values.SLACK_BOT_TOKEN,
            appToken: values.SLACK_APP_TOKEN,
            apiUrl: withTrailingSlash(values.SLACK_API_URL ?? 'https://slack.com/api/'),
          }
        : undefined,
    teams:
      values.MICROSOFT_APP_ID || values.TEAMS_EMULATOR === '1'
        ? {
            emulator: values.TEAMS_EMULATOR === '1',
            appId: values.MICROSOFT_APP_ID,
            appPassword: values.MICROSOFT_APP_PASSWORD,
            tenantId: values.MICROSOFT_APP_TENANT_ID,
            appType: values.MICROSOFT_APP_TYPE,
          }
        : undefined,
  };
}

/** Teams is all or nothing: a half-configured bot would accept activities it cannot answer. */
function teamsProblems(values: {
  NODE_ENV: string;
  MICROSOFT_APP_ID?: string | undefined;
  MICROSOFT_APP_PASSWORD?: string | undefined;
  MICROSOFT_APP_TENANT_ID?: string | undefined;
  MICROSOFT_APP_TYPE: string;
  TEAMS_EMULATOR: string;
}): string[] {
  const problems: string[] = [];
  const appId = values.MICROSOFT_APP_ID;
  if (values.TEAMS_EMULATOR === '1') {
    if (values.NODE_ENV === 'production') problems.push('TEAMS_EMULATOR: not allowed when NODE_ENV=production (it turns off authentication on /api/messages); unset it and set MICROSOFT_APP_ID');
    if (appId) problems.push('TEAMS_EMULATOR: the emulator mode runs without an app id; unset TEAMS_EMULATOR or unset MICROSOFT_APP_ID');
  }
  if (!appId) {
    for (const name of ['MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID'] as const) {
      if (values[name]) problems.push(`${name}: set but MICROSOFT_APP_ID is not; set MICROSOFT_APP_ID (Azure portal → your bot → Configuration) or unset ${name}`);
    }
    return problems;
  }
  const type = values.MICROSOFT_APP_TYPE;
  if (type !== 'UserAssignedMSI' && !values.MICROSOFT_APP_PASSWORD) {
    problems.push(`MICROSOFT_APP_PASSWORD: required for MICROSOFT_APP_TYPE=${type} (Azure portal → your bot → Configuration → Manage Password → New client secret)`);
  }
  if (type === 'UserAssignedMSI' && values.MICROSOFT_APP_PASSWORD) {
    problems.push('MICROSOFT_APP_PASSWORD: not used with MICROSOFT_APP_TYPE=UserAssignedMSI (the managed identity has no password); unset it');
  }
  if (type !== 'MultiTenant' && !values.MICROSOFT_APP_TENANT_ID) {
    problems.push(`MICROSOFT_APP_TENANT_ID: required for MICROSOFT_APP_TYPE=${type} (Azure portal → Microsoft Entra ID → Overview → Tenant ID)`);
  }
  return problems;
}

/** Slack needs both the signing secret and the bot token; the app token alone means nothing. */
function slackProblems(values: {
  NODE_ENV: 'development' | 'production' | 'test';
  SLACK_SIGNING_SECRET?: string | undefined;
  SLACK_BOT_TOKEN?: string | undefined;
  SLACK_APP_TOKEN?: string | undefined;
  SLACK_API_URL?: string | undefined;
}): string[] {
  const problems: string[] = [];
  // The bot token goes with every Web API call: in production only over TLS, or to a proxy on this host.
  if (values.NODE_ENV === 'production' && values.SLACK_API_URL && !isTlsOrLoopback(values.SLACK_API_URL)) {
    problems.push('SLACK_API_URL: use an https:// URL when NODE_ENV=production (the bot token would cross the network in clear text); plain http is allowed only to 127.0.0.1, ::1 or localhost');
  }
  if (values.SLACK_SIGNING_SECRET && !values.SLACK_BOT_TOKEN) {
    problems.push('SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET is set (OAuth & Permissions → Bot User OAuth Token, xoxb-…); unset both to run without Slack');
  }
  if (values.SLACK_BOT_TOKEN && !values.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set (Basic Information → Signing Secret); unset both to run without Slack');
  }
  if (values.SLACK_APP_TOKEN && !(values.SLACK_SIGNING_SECRET && values.SLACK_BOT_TOKEN)) {
    problems.push('SLACK_APP_TOKEN: Socket Mode also needs SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN; set them, or unset SLACK_APP_TOKEN');
  }
  return problems;
}

function isTlsOrLoopback(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol === 'https:' || ['127.0.0.1', '[::1]', 'localhost'].includes(parsed.hostname);
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * The development outbox (letter_opener / Django's console backend): on by default in development when
 * SMTP_URL is unset, never in production (mail a real person would never get, kept on the server).
 */
function outboxOn(values: { NODE_ENV: NodeEnv; SMTP_URL?: string | undefined; EMAIL_OUTBOX?: 'on' | 'off' | undefined }): boolean {
  if (values.EMAIL_OUTBOX !== undefined) return values.EMAIL_OUTBOX === 'on';
  return values.NODE_ENV === 'development' && !values.SMTP_URL;
}

function emailProblems(values: { NODE_ENV: NodeEnv; SMTP_URL?: string | undefined; EMAIL_OUTBOX?: 'on' | 'off' | undefined }): string[] {
  if (values.EMAIL_OUTBOX !== 'on') return [];
  if (values.NODE_ENV === 'production') {
    return ['EMAIL_OUTBOX: not allowed when NODE_ENV=production (emails would be written to disk instead of reaching partners); set SMTP_URL to send email, or unset EMAIL_OUTBOX to run without email'];
  }
  if (values.SMTP_URL) return ['EMAIL_OUTBOX: set together with SMTP_URL; choose one: unset EMAIL_OUTBOX to send through SMTP, or unset SMTP_URL to keep emails in DATA_DIR/outbox/'];
  return [];
}

function emailTransport(values: { NODE_ENV: NodeEnv; SMTP_URL?: string | undefined; SMTP_FROM: string; EMAIL_OUTBOX?: 'on' | 'off' | undefined; DATA_DIR: string }): AppConfig['email'] {
  if (values.SMTP_URL) return { transport: 'smtp', url: values.SMTP_URL, from: values.SMTP_FROM };
  if (outboxOn(values)) return { transport: 'outbox', dir: `${values.DATA_DIR.replace(/\/+$/, '')}/outbox`, from: values.SMTP_FROM };
  return undefined;
}

/** Forwarding needs all three of its variables; the API key crosses the network only over TLS in production. */
function forwardingProblems(values: { NODE_ENV: NodeEnv; COMMENT_API_URL?: string | undefined; COMMENT_API_KEY?: string | undefined; COMMENT_DOCKET_DOCUMENT_ID?: string | undefined }): string[] {
  const set = [values.COMMENT_API_URL, values.COMMENT_API_KEY, values.COMMENT_DOCKET_DOCUMENT_ID].filter((value) => value !== undefined).length;
  const problems: string[] = [];
  if (set > 0 && set < 3) {
    problems.push('COMMENT_API_URL, COMMENT_API_KEY, COMMENT_DOCKET_DOCUMENT_ID: set all three to forward submissions to the docket, or none to keep them in the comment store only');
  }
  if (values.NODE_ENV === 'production' && values.COMMENT_API_URL && !isTlsOrLoopback(values.COMMENT_API_URL)) {
    problems.push('COMMENT_API_URL: use an https:// URL when NODE_ENV=production (the API key would cross the network in clear text)');
  }
  return problems;
}

function pickKnown(env: Env): Record<string, string | undefined> {
  const known: Record<string, string | undefined> = {};
  for (const name of Object.keys(envSchema.shape)) {
    const value = env[name];
    // An empty variable means "unset" so `FOO= npm start` behaves like not setting it.
    known[name] = value === '' ? undefined : value;
  }
  return known;
}

function truncate(value: string): string {
  // Config values can be secrets (URLs with passwords): show only a short, masked hint.
  const masked = value.replace(/\/\/[^@/]*@/, '//***@');
  return masked.length > 40 ? `${masked.slice(0, 37)}...` : masked;
}
