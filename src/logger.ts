import { pino, type Logger, type DestinationStream } from 'pino';

/**
 * JSON logs. Answer text, contact details, tokens and secrets must never be logged: code logs ids,
 * codes and counts only, and the censor below is a second line of defence for any object that slips
 * through (test/e2e/log-safety.test.ts scans a full conversation's logs; test/unit/logger.test.ts
 * checks the censor).
 *
 * The censor replaces the value of any key named in REDACTED_KEYS at the top level and two levels down
 * (what pino's `redact` paths `key`, `*.key`, `*.*.key` did), in plain objects and arrays, without
 * changing the caller's objects. It is a pino log formatter rather than `redact` because 36 wildcard
 * paths cost ~17 µs per line in the Slack benchmark profile; this costs ~1 µs.
 */
const REDACTED_KEYS = new Set([
  'text',
  'answer',
  'answers',
  'organization',
  'contactEmail',
  'email',
  'token',
  'authorization',
  'cookie',
  'password',
  'secret',
  'body',
]);
export const CENSORED = '[redacted]';
/** Keys are censored at depths 1, 2 and 3 (top level = 1). */
const CENSOR_DEPTH = 3;

function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Returns `value` itself when nothing in it needs censoring, else a censored copy. */
function censor(value: Record<string, unknown>, depth: number): Record<string, unknown> {
  let copy: Record<string, unknown> | null = null;
  for (const key of Object.keys(value)) {
    const inner = value[key];
    let next = inner;
    if (REDACTED_KEYS.has(key)) next = CENSORED;
    else if (depth < CENSOR_DEPTH && isPlain(inner)) next = censor(inner, depth + 1);
    if (next !== inner) {
      copy ??= Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...value };
      copy[key] = next;
    }
  }
  return copy ?? value;
}

export interface LoggerOptions {
  level: string;
  destination?: DestinationStream;
  /**
   * Human-readable lines (pino-pretty, in a worker thread) instead of JSON: for a person reading a
   * terminal in development. Log collectors get JSON (the caller decides: not a TTY, or production).
   * The censor runs before either, so pretty lines are censored the same way.
   */
  pretty?: boolean;
}

export function createLogger(options: LoggerOptions): Logger {
  if (options.pretty && !options.destination) {
    return pino({
      ...baseOptions(options.level),
      transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service', singleLine: true } },
    });
  }
  return pino(baseOptions(options.level), options.destination as DestinationStream);
}

function baseOptions(level: string) {
  return {
    level,
    base: { service: 'rfi-bot' },
    // Only log objects are censored: the bot creates no child loggers (pino would not pass their
    // bindings through this formatter).
    formatters: { log: (fields: Record<string, unknown>) => censor(fields, 1) },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
}

export type { Logger };
