import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnBot, stopBot } from '../support/bot-process.js';

/** The real process, as `npm start` runs it. */
const ENTRY = ['--import', 'tsx', 'src/main.ts'];

describe('the bot process', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rfibot-process-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts on the embedded default, serves the chat, and shuts down gracefully on SIGTERM', async () => {
    const { child, url, output } = await spawnBot(ENTRY, { PATH: process.env.PATH, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' }, 25_000);
    // The shipped RFI closed in 2022: without RFI_DEADLINE the newcomer gets trial mode, and is told so.
    expect(output()).toMatch(/Trial mode/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const created = await fetch(`${url}/chat/api/sessions`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(created.status).toBe(201);

    const exitCode = await stopBot(child);
    expect(exitCode).toBe(0);
    expect(output()).toMatch(/rfi bot stopped/);
  });

  it('a broken questionnaire stops startup with exit 1 and names the field', async () => {
    const flowsDir = await mkdtemp(join(tmpdir(), 'rfibot-flows-'));
    const original = await readFile(new URL('../../conversations/rfi-racial-equity-2022.ts', import.meta.url), 'utf8');
    // Same file with the Spanish wording of a question emptied.
    const broken = original.replace(/(questions:\s*\[[\s\S]*?text:\s*\{[\s\S]*?es:\s*)(['"`])[\s\S]*?\2/, '$1$2$2');
    expect(broken).not.toBe(original);
    await writeFile(join(flowsDir, 'broken-flow.ts'), broken.replace(/from ['"]\.\.\/src\//g, `from '${new URL('../../src/', import.meta.url).pathname}`));
    const result = spawnSync(process.execPath, ENTRY, {
      env: { PATH: process.env.PATH, PORT: '0', DATA_DIR: dataDir, FLOWS_DIR: flowsDir },
      encoding: 'utf8',
      timeout: 25_000,
    });
    await rm(flowsDir, { recursive: true, force: true });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/broken-flow\.ts/);
    expect(result.stderr).toMatch(/questions\.0\.text\.es/);
  });
});
