import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from '@slack/bolt';
import { startApp } from '../src/app.js';

/**
 * One benchmark target, run in its own process by bench/slack.bench.ts:
 *   bare — a bare Bolt app (its own HTTPReceiver) that answers each DM with one chat.postMessage;
 *   ours — the RFI bot (real flow, Redis session store, Slack adapter in HTTP mode).
 * Both talk to the same fake Slack Web API (argv: mode, apiUrl, signingSecret, botToken, redisUrl, prefix).
 * Prints "READY <port>" when listening; stops on SIGTERM.
 */
const [mode, apiUrl, signingSecret, botToken, redisUrl, prefix] = process.argv.slice(2) as [string, string, string, string, string, string];

async function main(): Promise<void> {
  if (mode === 'bare') {
    const app = new App({ signingSecret, token: botToken, clientOptions: { slackApiUrl: apiUrl } });
    app.message(async ({ say }) => {
      await say('Thanks, got it.');
    });
    const server = (await app.start(0)) as { address(): { port: number } };
    console.log(`READY ${server.address().port}`);
    process.once('SIGTERM', () => void app.stop().then(() => process.exit(0)));
    return;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'rfibot-bench-'));
  const app = await startApp({
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: prefix,
      RFI_DEADLINE: '2030-01-01T00:00:00Z',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_BOT_TOKEN: botToken,
      SLACK_API_URL: apiUrl,
    },
  });
  console.log(`READY ${new URL(app.url).port}`);
  process.once('SIGTERM', () => void app.close().then(() => rm(dataDir, { recursive: true, force: true })).then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
