import { pino, type Logger, type DestinationStream } from 'pino';

/**
 * JSON logs. Answer text, contact details, tokens and secrets must never be logged: code logs ids,
 * codes and counts only, and these redaction paths are a second line of defence for any object that
 * slips through (test/e2e/log-safety.test.ts scans a full conversation's logs).
 */
const REDACTED_KEYS = [
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
];

export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  const paths = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);
  return pino(
    {
      level: options.level,
      base: { service: 'rfi-bot' },
      redact: { paths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}

export type { Logger };
