import { type ChildProcess } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { FakeCommentApi } from '../fixtures/regulations/fake-comment-api.js';
import { spawnBot } from '../support/bot-process.js';
import { freePort } from '../support/free-port.js';
import { schemaTracker } from '../support/pg-schemas.js';
import { describeWithService, serviceUrl } from '../support/services.js';
import { answerWholeRfi } from './webchat-flow.js';

/**
 * The forwarding worker killed (SIGKILL) while its POST /comments is under way, then started again: the
 * submission is recorded `unknown` — it may be on the docket — and is not posted a second time.
 */
await describeWithService('postgres', 'Forwarding across a crash mid-POST (a real bot process)', () => {
  const schemas = schemaTracker(serviceUrl('postgres'));
  const fake = new FakeCommentApi('crash-test-key');
  let bot: ChildProcess | null = null;
  afterAll(async () => {
    bot?.kill('SIGKILL');
    await fake.stop();
    await schemas.dropAll();
  });

  it('never posts twice: the interrupted POST becomes unknown for a moderator', async () => {
    const apiUrl = await fake.start();
    const port = await freePort();
    const env = {
      PATH: process.env.PATH,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      DATABASE_URL: serviceUrl('postgres'),
      DATABASE_SCHEMA: schemas.newSchema(),
      RFI_DEADLINE: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString(),
      MODERATOR_TOKEN: 'crash-test-moderator-token-0123456789abcdef',
      COMMENT_API_URL: apiUrl,
      COMMENT_API_KEY: 'crash-test-key',
      COMMENT_DOCKET_DOCUMENT_ID: 'DOS-2022-0004-0001',
      FORWARD_MODE: 'auto',
      COMMENT_API_TIMEOUT_MS: '8000',
    };
    fake.next({ hang: true });
    let started = await spawnBot(['--import', 'tsx', 'src/main.ts'], env);
    bot = started.child;
    await answerWholeRfi({ url: started.url } as RunningApp);
    for (let i = 0; i < 200 && fake.comments.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(fake.comments).toHaveLength(1);
    bot.kill('SIGKILL');
    await new Promise((resolve) => bot?.once('exit', resolve));

    // Restarted with a short timeout, so the lease of the dead worker's POST runs out quickly.
    started = await spawnBot(['--import', 'tsx', 'src/main.ts'], { ...env, COMMENT_API_TIMEOUT_MS: '1000' });
    bot = started.child;
    const headers = { authorization: `Bearer ${env.MODERATOR_TOKEN}` };
    let state = '';
    for (let i = 0; i < 120 && state !== 'unknown'; i += 1) {
      const list = (await (await fetch(`${started.url}/api/forwarding`, { headers })).json()) as { items: Array<{ state: string }> };
      state = list.items[0]?.state ?? '';
      if (state !== 'unknown') await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // The lease is timed from the first process's 8 s timeout: recovery waits for it, then says unknown.
    expect(state).toBe('unknown');
    expect(fake.comments).toHaveLength(1);
  }, 90_000);
});
