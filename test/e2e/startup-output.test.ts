import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnBot, stopBot } from '../support/bot-process.js';

/**
 * What a newcomer sees in the terminal: readable log lines around the banner, not raw JSON. Collectors
 * (stdout not a terminal, or production) keep JSON. `script` (util-linux) gives the bot a real
 * pseudo-terminal, as a person's shell would.
 */
describe('startup output', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rfibot-output-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('in a terminal, log lines are human-readable and the banner is not buried in JSON', async () => {
    const child = spawn('script', ['-qfec', `${process.execPath} --import tsx src/main.ts`, '/dev/null'], {
      env: { PATH: process.env.PATH, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', TERM: 'dumb', NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner:\n${output}`)), 40_000);
        const poll = setInterval(() => {
          if (/rfi bot listening/.test(output) && /Stop the bot with Ctrl\+C/.test(output)) {
            clearInterval(poll);
            clearTimeout(timer);
            resolve();
          }
        }, 50);
      });
      const lines = output.split(/\r?\n/).filter((line) => line.trim() !== '');
      expect(lines.some((line) => /INFO.*rfi bot listening/.test(line))).toBe(true);
      expect(lines.filter((line) => line.trimStart().startsWith('{"level"'))).toEqual([]);
    } finally {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }, 60_000);

  it('when stdout is not a terminal, logs stay JSON for collectors', async () => {
    const { child, output } = await spawnBot(['--import', 'tsx', 'src/main.ts'], { PATH: process.env.PATH, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' }, 40_000);
    expect(await stopBot(child)).toBe(0);
    const listening = output()
      .split('\n')
      .find((line) => line.includes('rfi bot listening'));
    expect(JSON.parse(listening ?? 'null')).toMatchObject({ msg: 'rfi bot listening', level: 30 });
  }, 60_000);
});
