import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnBotCommand, stopBot } from '../support/bot-process.js';

/**
 * A process manager or a script signals the process it started: for `npm start` that is npm, not the
 * bot. The signal must reach the bot, which shuts down and frees its port (the tsx wrapper used to keep
 * serving after npm had gone).
 */
function portAcceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitUntilReleased(port: number, withinMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < withinMs) {
    if (!(await portAcceptsConnections(port))) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`port ${port} still open after ${withinMs} ms`);
}

describe('signals sent to the process npm start runs', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rfibot-signals-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} to npm stops the bot and releases the port within 10 s`, async () => {
      const { child, url, output } = await spawnBotCommand('npm', ['start'], { PATH: process.env.PATH, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' }, 40_000);
      const port = Number(new URL(url).port);
      expect(await portAcceptsConnections(port)).toBe(true);
      const exitCode = await stopBot(child, signal);
      await waitUntilReleased(port, 10_000);
      expect(output()).toMatch(/rfi bot stopped/);
      expect(exitCode).toBe(0);
    }, 60_000);
  }
});
