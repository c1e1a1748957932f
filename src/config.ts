import { z } from 'zod';

/**
 * The only module that reads process.env. Every problem is reported at once, one line per variable,
 * saying how to fix it; main.ts prints them and exits with code 1.
 */

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

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
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'use one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
});

export type Env = Record<string, string | undefined>;

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseSchema: string | undefined;
  redisUrl: string | undefined;
  redisKeyPrefix: string;
  /** RFI_DEADLINE, when set; otherwise the flow's own deadline applies (see src/deadline.ts). */
  deadlineOverride: Date | undefined;
  flowId: string;
  /** Directory of questionnaire files; defaults to conversations/ in the repo. */
  flowsDir: string | undefined;
  maxAnswerChars: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`Configuration is invalid:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Env = process.env): AppConfig {
  const parsed = envSchema.safeParse(pickKnown(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? 'environment');
      const given = env[variable];
      return `${variable}${given === undefined ? '' : `="${truncate(given)}"`}: ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const values = parsed.data;
  const problems: string[] = [];
  if (values.NODE_ENV === 'production' && !values.REDIS_URL) {
    problems.push('REDIS_URL: required when NODE_ENV=production (in-memory sessions are lost on restart), e.g. REDIS_URL=redis://127.0.0.1:6379');
  }
  if (problems.length > 0) throw new ConfigError(problems);
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
    logLevel: values.LOG_LEVEL,
  };
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
