import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, waitUntilReady } from '../support/app.js';
import { WebchatClient } from '../support/webchat-client.js';
import { freePort } from '../support/free-port.js';

/**
 * A real Redis of our own (another port; the shared one stays up), killed with SIGKILL in the middle of a
 * conversation and started again on its append-only file: the partner is told plainly to try again in a
 * minute, nothing they saved is lost, and the conversation carries on where it was.
 */
describe('Redis stopped mid-conversation (its own redis-server)', () => {
  let dir: string;
  let port: number;
  let redis: ChildProcess | null = null;
  const startRedis = async () => {
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''], { stdio: 'ignore' });
    const client = new Redis({ port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined); // refused until it is up: that is what we wait for
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if (await client.connect().then(() => client.ping()).then(() => true, () => false)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    client.disconnect();
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rfibot-redis-fault-'));
    port = await freePort();
    await startRedis();
  });
  afterAll(async () => {
    redis?.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('tells the partner to try again, loses nothing, and resumes once Redis is back', async () => {
    const { app, cleanup } = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
    try {
      const client = new WebchatClient(app.url);
      await client.start();
      await client.press('agree');
      await client.send('Harbor Light');
      await client.send('1');
      await client.send('skip');
      await client.send('Saved before Redis went down.');

      redis?.kill('SIGKILL');
      const refused = await fetch(`${app.url}/chat/api/sessions/${client.sessionId}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'Sent while Redis is down.' }),
      });
      expect(refused.status).toBe(503);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/Nothing was lost; please try again in a minute/);

      await startRedis();
      await waitUntilReady(app.url);
      await client.send('Sent again after it came back.');
      const session = await app.loadSession({ channel: 'webchat', tenantId: 'web', userId: client.sessionId });
      const first = app.flow.questions[0]?.id ?? '';
      expect(session?.answers[first]).toBe('Saved before Redis went down.\n\nSent again after it came back.');
    } finally {
      await cleanup();
    }
  }, 60_000);
});
