import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnBot, stopBot } from '../support/bot-process.js';
import { allText, WebchatClient } from '../support/webchat-client.js';

/**
 * The embedded default (no REDIS_URL, no DATABASE_URL) as `npm start` runs it: drafts live in PGlite in
 * DATA_DIR, so stopping and starting the bot keeps every draft, and so does a SIGKILL for every answer
 * the partner saw acknowledged. The trial deadline stays where the first start put it.
 */
const ENTRY = ['--import', 'tsx', 'src/main.ts'];
const Q1 = 'Survivors of color are turned away from shelters more often. Marker Kestrel-5120.';
const Q2 = 'Fund community organizations led by survivors. Marker Larch-3391.';
const Q3 = 'Publish data by race, with community review. Marker Wren-7784.';

/** The trial deadline to the millisecond, from the startup warning's log fields (the banner shows minutes only). */
function trialDeadlineIn(output: string): string | undefined {
  return /"trialDeadline":"([^"]+)"/.exec(output)?.[1];
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.on('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('restarting the bot on the embedded default', () => {
  let dataDir: string;
  const env = () => ({ PATH: process.env.PATH, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development' });
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rfibot-restart-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps a half-answered draft across SIGTERM and a new start, and the trial deadline does not move', async () => {
    const first = await spawnBot(ENTRY, env(), 60_000);
    const partner = new WebchatClient(first.url);
    let deadline: string | undefined;
    try {
      deadline = trialDeadlineIn(first.output());
      expect(deadline).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      await partner.startAtFirstQuestion('1');
      await partner.send(Q1);
      await partner.press('next');
      await partner.send(Q2);
      await partner.press('next');
      expect((await partner.state()).step).toBe('question:3');
    } catch (error) {
      // A failed check must not leave the bot running with the data directory locked.
      first.child.kill('SIGKILL');
      throw error;
    }
    expect(await stopBot(first.child)).toBe(0);

    const second = await spawnBot(ENTRY, env(), 60_000);
    try {
      expect(trialDeadlineIn(second.output())).toBe(deadline);
      const same = new WebchatClient(second.url);
      same.sessionId = partner.sessionId;
      expect((await same.state()).step).toBe('question:3');
      await same.send(Q3);
      const review = await same.send('review');
      expect(allText(review)).toContain(Q1);
      expect(allText(review)).toContain(Q2);
      expect(allText(review)).toContain(Q3);
    } finally {
      expect(await stopBot(second.child)).toBe(0);
    }
  }, 180_000);

  it('loses nothing acknowledged when the process is killed (SIGKILL) mid-conversation', async () => {
    const first = await spawnBot(ENTRY, env(), 60_000);
    const partner = new WebchatClient(first.url);
    await partner.startAtFirstQuestion('1');
    // Answered and acknowledged (200 with the bot's reply), then the process dies without any shutdown.
    const ack = await partner.send(Q1);
    expect(allText(ack)).toContain(String(Q1.length));
    await killHard(first.child);

    // The dead process left its lock behind: the next start takes it over.
    const second = await spawnBot(ENTRY, env(), 60_000);
    try {
      const same = new WebchatClient(second.url);
      same.sessionId = partner.sessionId;
      expect((await same.state()).step).toBe('question:1');
      const review = await same.send('review');
      expect(allText(review)).toContain(Q1);
    } finally {
      expect(await stopBot(second.child)).toBe(0);
    }
  }, 180_000);
});
