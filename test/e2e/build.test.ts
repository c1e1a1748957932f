import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnBot, stopBot } from '../support/bot-process.js';

/**
 * Production runs compiled JavaScript: `npm run build` (tsc + the page assets) and `node dist/src/main.js`,
 * no tsx. The compiled bot serves the chat and the dashboard, and stops on SIGTERM within 10 s.
 */
describe('npm run build, then node dist/src/main.js', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rfibot-dist-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('builds, starts without tsx, serves the chat and the dashboard, and exits 0 on SIGTERM', async () => {
    const build = spawnSync('npm', ['run', '-s', 'build'], { encoding: 'utf8', timeout: 180_000 });
    expect(build.status, build.stderr || build.stdout).toBe(0);
    expect(existsSync('dist/src/main.js')).toBe(true);
    expect(existsSync('dist/adapters/webchat/public/index.html')).toBe(true);

    const { child, url } = await spawnBot(['dist/src/main.js'], { PATH: process.env.PATH, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', NODE_OPTIONS: '' });
    try {
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('/chat/static/chat.js');
      expect((await fetch(`${url}/chat/static/chat.js`)).status).toBe(200);
      // Every page module (chat.js imports the others as native ES modules) is copied and served.
      const modules = readdirSync('adapters/webchat/public').filter((name) => /\.(js|css)$/.test(name));
      expect(modules.length).toBeGreaterThan(5);
      for (const name of modules) {
        expect(existsSync(`dist/adapters/webchat/public/${name}`), `${name} is copied by the build`).toBe(true);
        const served = await fetch(`${url}/chat/static/${name}`);
        expect(served.status, `/chat/static/${name} is served`).toBe(200);
        expect(served.headers.get('content-type')).toMatch(/^text\/(javascript|css)/);
      }
      expect((await fetch(`${url}/moderate/login`)).status).toBe(200);
      expect((await fetch(`${url}/moderate/static/moderate.css`)).status).toBe(200);
      const created = await fetch(`${url}/chat/api/sessions`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      expect(created.status).toBe(201);
    } finally {
      // Exit code 0: the shutdown finished on its own (main.ts forces exit code 1 after 10 s).
      const exitCode = await stopBot(child);
      expect(exitCode).toBe(0);
    }
  }, 240_000);
});
