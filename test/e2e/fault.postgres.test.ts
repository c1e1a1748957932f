import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { ownPostgres } from '../support/own-postgres.js';
import { startTestApp, waitUntilReady } from '../support/app.js';
import { WebchatClient } from '../support/webchat-client.js';

/**
 * Postgres (a cluster of the test's own on another port) stopped just before a partner submits: they are
 * told in plain words that nothing is lost, the draft stays at review, and once Postgres is back the
 * same submit stores it, once.
 */
describe('Postgres stopped at submit (its own cluster)', () => {
  let pg: ReturnType<typeof ownPostgres>;
  beforeAll(async () => {
    pg = ownPostgres(await freePort());
    pg.start();
  }, 120_000);
  afterAll(() => {
    pg?.remove();
  });

  it('tells the partner, loses nothing, and stores the submission once Postgres returns', async () => {
    const { app, cleanup } = await startTestApp({ DATABASE_URL: pg.url });
    try {
      const client = new WebchatClient(app.url);
      await client.start();
      await client.press('agree');
      await client.send('anonymous');
      await client.send('1');
      await client.send('skip');
      await client.send('An answer that must not be lost, marker Plover-3301.');
      await client.send('review');

      pg.stop();
      const refused = await client.press('submit');
      expect(refused.map((reply) => reply.text).join('\n')).toMatch(/could not be saved just now\. Nothing is lost/);
      expect((await client.state()).step).toBe('review');

      pg.start();
      await waitUntilReady(app.url);
      const stored = await client.press('submit');
      const receipt = stored.find((reply) => reply.receipt)?.receipt;
      expect(receipt).toMatch(/^RFI-/);
      const saved = await app.commentStore.getByReceipt(receipt as string);
      expect(saved?.answers.find((answer) => answer.index === 1)?.answer).toBe('An answer that must not be lost, marker Plover-3301.');
    } finally {
      await cleanup();
    }
  }, 120_000);
});
