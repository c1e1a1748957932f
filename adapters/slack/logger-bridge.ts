import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from 'pino';

/**
 * Bolt, the Web API client and the Socket Mode client log through this. Their debug and info output
 * includes whole payloads (answer text), so only warnings and errors pass, shortened, under `sdk: slack`.
 */
const MAX_MESSAGE_CHARS = 200;

export function slackLoggerFor(logger: Logger): SlackLogger {
  let level: LogLevel = LogLevel.WARN;
  const line = (parts: unknown[]) =>
    parts
      .map((part) => (part instanceof Error ? `${part.name}: ${part.message}` : String(part)))
      .join(' ')
      .slice(0, MAX_MESSAGE_CHARS);
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...parts: unknown[]) => logger.warn({ sdk: 'slack' }, line(parts)),
    error: (...parts: unknown[]) => logger.error({ sdk: 'slack' }, line(parts)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
