import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CountingProxy } from '../support/counting-proxy.js';
import { startTestApp } from '../support/app.js';
import { describeWithService, serviceAvailable } from '../support/services.js';
import { allText, receiptOf, WebchatClient } from '../support/webchat-client.js';
import { ANSWERS, answerWholeRfi, expectStoredSubmission } from './webchat-flow.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisPort = Number(new URL(REDIS_URL).port || 6379);

// Needs both services: the first one missing decides whether the suite fails (REQUIRE_SERVICES=1) or skips.
const missingFirst = (await serviceAvailable('redis')) ? 'postgres' : 'redis';

await describeWithService(missingFirst, 'web chat with Redis sessions and the Postgres comment store', () => {
  {
    const schema = `e2e_${randomBytes(4).toString('hex')}`;
    const prefix = `e2e${randomBytes(4).toString('hex')}`;
    let harness: Awaited<ReturnType<typeof startTestApp>>;
    let proxy: CountingProxy;
    let databaseProxy: CountingProxy;

    beforeAll(async () => {
      proxy = new CountingProxy(redisPort, new URL(REDIS_URL).hostname);
      const proxyPort = await proxy.start();
      const databaseUrl = new URL(DATABASE_URL);
      databaseProxy = new CountingProxy(Number(databaseUrl.port || 5432), databaseUrl.hostname);
      databaseUrl.hostname = '127.0.0.1';
      databaseUrl.port = String(await databaseProxy.start());
      harness = await startTestApp({
        REDIS_URL: `redis://127.0.0.1:${proxyPort}`,
        REDIS_KEY_PREFIX: prefix,
        DATABASE_URL: databaseUrl.toString(),
        DATABASE_SCHEMA: schema,
      });
    });

    afterAll(async () => {
      await harness?.cleanup();
      await proxy?.stop();
      await databaseProxy?.stop();
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    });

    it('answers the whole RFI and finds it in Postgres', async () => {
      expect(harness.app.sessionStore.kind).toBe('redis');
      expect(harness.app.commentStore.kind).toBe('postgres');
      const { receipt } = await answerWholeRfi(harness.app);
      await expectStoredSubmission(harness.app, receipt);
    });

    it('an ordinary turn costs at most 3 Redis round trips and 3 commands (2 for the session, 1 for the shared rate limit)', async () => {
      const client = new WebchatClient(harness.app.url);
      await client.startAtFirstQuestion('2');
      const turns: Array<[string, () => Promise<unknown>]> = [
        ['answer text', () => client.send(ANSWERS.q1a)],
        ['second paragraph', () => client.send(ANSWERS.q1b)],
        ['next', () => client.press('next')],
        ['status (no change)', () => client.send('status')],
      ];
      for (const [name, turn] of turns) {
        proxy.reset();
        await turn();
        expect(proxy.roundTrips, name).toBeGreaterThan(0);
        expect(proxy.roundTrips, name).toBeLessThanOrEqual(3);
        // The turn's rate-limit script (shared by every instance), one claim-and-load script and, when
        // something changed, one compare-and-set script.
        expect(proxy.commands.length, name).toBeGreaterThan(1);
        expect(proxy.commands.length, `${name}: ${proxy.commands.join(', ')}`).toBeLessThanOrEqual(3);
        expect(proxy.commands.every((command) => command === 'EVALSHA'), proxy.commands.join(', ')).toBe(true);
      }
    });

    it('Redis going down gives a clear 503, readyz names it, and nothing already saved is lost', async () => {
      const client = new WebchatClient(harness.app.url);
      await client.startAtFirstQuestion('3');
      await client.send(ANSWERS.q3);

      proxy.cut();
      try {
        const response = await fetch(`${harness.app.url}/chat/api/sessions/${client.sessionId}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: 'written while Redis is down' }),
        });
        expect(response.status).toBe(503);
        const body = (await response.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe('SESSION_STORE_UNAVAILABLE');
        expect(body.error.message).toMatch(/try again/i);
        const ready = await fetch(`${harness.app.url}/readyz`);
        expect(ready.status).toBe(503);
        expect(await ready.json()).toMatchObject({ failing: ['sessionStore'] });
      } finally {
        proxy.restore();
      }

      // ioredis reconnects on its own; wait until the store answers again.
      for (let attempt = 0; attempt < 50; attempt += 1) {
        if ((await fetch(`${harness.app.url}/readyz`)).status === 200) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const review = await client.send('review');
      expect(allText(review)).toContain(ANSWERS.q3);
      expect(allText(review)).not.toContain('written while Redis is down');
    });

    it('two messages racing through Redis both end up in the answer', async () => {
      const client = new WebchatClient(harness.app.url);
      await client.startAtFirstQuestion('4');
      const texts = Array.from({ length: 8 }, (_, i) => `Racing paragraph ${i} token-${(i + 3) * 104_729}`);
      await Promise.all(texts.map((text) => client.send(text)));
      const review = await client.send('review');
      for (const text of texts) expect(allText(review)).toContain(text);
    });

    it('the database going down at submit loses nothing: the partner is told, and a later submit works', async () => {
      const client = new WebchatClient(harness.app.url);
      await client.startAtFirstQuestion('5');
      await client.send(ANSWERS.q1a);
      await client.send('review');

      databaseProxy.cut();
      let failedReply: string;
      try {
        failedReply = allText(await client.press('submit'));
      } finally {
        databaseProxy.restore();
      }
      expect(failedReply).not.toMatch(/RFI-[0-9A-Z]{4}/);
      expect(failedReply).toMatch(/Nothing is lost/);
      expect((await client.state()).step).toBe('review');
      expect((await client.state()).receipt).toBeUndefined();

      const submitted = await client.press('submit');
      const receipt = receiptOf(submitted);
      expect(receipt).toMatch(/^RFI-/);
      const stored = await harness.app.commentStore.getByReceipt(receipt ?? '');
      expect(stored?.answers[0]?.answer).toBe(ANSWERS.q1a);
    });
  }
});
