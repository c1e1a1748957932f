import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startApp, type RunningApp, type StartOptions } from '../../src/app.js';
import type { Env } from '../../src/config.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Captures every log line the app writes, so tests can scan them. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    callback();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

/** What a harness may pass through to startApp besides the env (a test clock, Teams hooks). */
export type TestAppOptions = Pick<StartOptions, 'clock' | 'teams' | 'sessionStore' | 'abuseLimits'>;

/**
 * Starts the real app (real HTTP server, real stores) on a random port with a temp DATA_DIR, logging at
 * debug level into a LogCapture; `env` adds to or overrides the test defaults.
 */
export async function startTestApp(env: Env = {}, options: TestAppOptions = {}): Promise<{ app: RunningApp; logs: LogCapture; cleanup(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rfibot-test-'));
  const logs = new LogCapture();
  const app = await startApp({
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      NODE_ENV: 'test',
      LOG_LEVEL: 'debug',
      RFI_DEADLINE: new Date(Date.now() + 30 * DAY_MS).toISOString(),
      ...env,
    },
    logDestination: logs,
    ...options,
  });
  return {
    app,
    logs,
    async cleanup() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits until GET /readyz answers 200 (a store came back), polling every 100 ms, up to `attempts` tries. */
export async function waitUntilReady(url: string, attempts = 100): Promise<void> {
  for (let attempt = 0; attempt < attempts && (await fetch(`${url}/readyz`)).status !== 200; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
