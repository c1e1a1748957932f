import { startApp } from './app.js';
import { ConfigError } from './config.js';
import { isAppError } from './errors.js';
import { formatBanner } from './startup-banner.js';

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
    formatBanner({
      listenUrl: app.url,
      publicUrl: app.config.publicUrl,
      deadlineAt: app.deadline.deadlineAt,
      deadlineMode: app.deadline.mode,
      timeZone: app.flow.timeZone,
      now: new Date(),
      slack: app.config.slack ? { on: true, socketMode: app.config.slack.appToken !== undefined } : { on: false },
      teams: app.config.teams ? { on: true, emulator: app.config.teams.emulator } : { on: false },
      email: { on: app.config.email !== undefined, devOutbox: app.config.email?.transport === 'outbox' },
      bootstrapToken: app.moderation.bootstrapToken,
    }) + '\n',
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
