import { startApp } from './app.js';
import { ConfigError } from './config.js';
import { isAppError } from './errors.js';

/**
 * The process entry point (`npm start`). Config problems and broken flow definitions stop startup with
 * exit code 1 and a message that says how to fix them. SIGTERM/SIGINT shut down gracefully.
 */
const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp({ env: process.env });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`The bot cannot start because its configuration is invalid:\n${error.problems.map((line) => `  ${line}`).join('\n')}\n`);
    } else if (isAppError(error)) {
      process.stderr.write(`The bot cannot start: ${error.message}\n`);
    } else {
      process.stderr.write(`The bot cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exit(1);
  }

  process.stdout.write(
    `\nThe RFI bot is running. Open ${app.url}/ in a browser to answer the questionnaire.\n` +
      (app.deadline.mode === 'trial'
        ? `Trial mode: the questionnaire's real deadline has passed, so submissions are accepted until ${app.deadline.deadlineAt.toISOString()}.\n`
        : '') +
      (app.moderation.bootstrapToken
        ? `Moderation dashboard: ${app.url}/moderate — admin token for this run (shown once, not logged; set MODERATOR_TOKEN to choose your own):\n  ${app.moderation.bootstrapToken}\n`
        : '') +
      (app.config.email?.transport === 'outbox'
        ? `Emails are not sent (no SMTP_URL): they are written to DATA_DIR/outbox/; admins read them at ${app.url}/moderate/outbox\n`
        : '') +
      '\n',
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
