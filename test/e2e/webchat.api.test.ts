import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionIds, allText, receiptOf, WebchatClient } from '../support/webchat-client.js';
import { startTestApp } from '../support/app.js';
import { ANSWERS, answerWholeRfi, expectStoredSubmission } from './webchat-flow.js';

/** The embedded default (in-memory sessions, PGlite) through the real HTTP server. */
describe('web chat over HTTP, embedded default', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    harness = await startTestApp();
  });
  afterAll(async () => {
    await harness?.cleanup();
  });

  it('answers the whole RFI and finds the submission in the comment store', async () => {
    const { receipt, client } = await answerWholeRfi(harness.app);
    await expectStoredSubmission(harness.app, receipt);

    // Submitting twice (double click, retry) yields one submission and the same receipt.
    const again = await client.press('submit');
    expect(allText(again)).toContain(receipt);
    const status = await client.send('status');
    expect(allText(status)).toContain(receipt);
  });

  it('serves the chat page and its assets', async () => {
    const page = await fetch(`${harness.app.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain('/chat/static/chat.js');
    for (const asset of ['chat.js', 'chat.css']) {
      expect((await fetch(`${harness.app.url}/chat/static/${asset}`)).status).toBe(200);
    }
    expect((await fetch(`${harness.app.url}/chat/static/..%2Fparse.ts`)).status).toBe(404);
  });

  it('session ids are unguessable and unknown ones are a 404 JSON error', async () => {
    const client = new WebchatClient(harness.app.url);
    await client.start();
    expect(client.sessionId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(Buffer.from(client.sessionId, 'base64url').length).toBeGreaterThanOrEqual(16);

    const unknownId = 'A'.repeat(32);
    const response = await fetch(`${harness.app.url}/chat/api/sessions/${unknownId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'hello' }),
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    expect((await fetch(`${harness.app.url}/chat/api/sessions/${unknownId}`)).status).toBe(404);
    expect((await fetch(`${harness.app.url}/chat/api/sessions/not-an-id`)).status).toBe(404);
  });

  it('bad bodies get a JSON error and change nothing', async () => {
    const client = new WebchatClient(harness.app.url);
    await client.start();
    await client.press('agree');
    const before = await client.state();
    const url = `${harness.app.url}/chat/api/sessions/${client.sessionId}/messages`;
    const cases: Array<{ body: string; status: number; code: string }> = [
      { body: '{"text": ', status: 400, code: 'MALFORMED_JSON' },
      { body: '{"text": 42}', status: 400, code: 'INVALID_REQUEST' },
      { body: '{"text": "a", "action": "next"}', status: 400, code: 'INVALID_REQUEST' },
      { body: '[]', status: 400, code: 'INVALID_REQUEST' },
      { body: JSON.stringify({ text: 'x'.repeat(70 * 1024) }), status: 413, code: 'BODY_TOO_LARGE' },
    ];
    for (const testCase of cases) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: testCase.body });
      expect(response.status, testCase.body.slice(0, 30)).toBe(testCase.status);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(testCase.code);
      expect(body.error.message.length).toBeGreaterThan(10);
    }
    expect(await client.state()).toEqual(before);
  });

  it('a retried message with the same Idempotency-Key is applied once', async () => {
    const client = new WebchatClient(harness.app.url);
    await client.startAtFirstQuestion('6');
    await client.send(ANSWERS.q1a, 'retry-key-0001');
    const duplicate = await client.send(ANSWERS.q1a, 'retry-key-0001');
    expect(duplicate).toEqual([]);
    await client.send('review');
    const submitted = await client.send('submit');
    const stored = await harness.app.commentStore.getByReceipt(receiptOf(submitted) ?? '');
    expect(stored?.answers[0]?.answer).toBe(ANSWERS.q1a);
    expect(stored?.organization).toBeNull();
  });

  it('two messages racing for the same conversation both end up in the answer', async () => {
    const client = new WebchatClient(harness.app.url);
    await client.startAtFirstQuestion('6');
    const texts = Array.from({ length: 6 }, (_, i) => `Parallel paragraph ${i} marker-${i * 7919}`);
    await Promise.all(texts.map((text) => client.send(text)));
    const review = await client.send('review');
    for (const text of texts) expect(allText(review)).toContain(text);
  });

  it('GET state resumes a session after a reload, in its language', async () => {
    const client = new WebchatClient(harness.app.url);
    await client.start('es');
    expect(await client.state()).toMatchObject({ step: 'intro', language: 'es' });
    await client.send('acepto');
    const state = await client.state();
    expect(state.step).toBe('organization');
    const resumed = await client.press('resume');
    expect(allText(resumed).length).toBeGreaterThan(0);
  });

  it('an unknown command changes nothing and offers help', async () => {
    const client = new WebchatClient(harness.app.url);
    await client.start();
    const before = await client.state();
    const replies = await client.press('launch-rockets');
    expect(allText(replies)).toMatch(/help/i);
    expect(await client.state()).toEqual(before);
    expect(actionIds(replies).every((id) => id.length > 0)).toBe(true);
  });

  it('healthz and readyz answer', async () => {
    const health = await fetch(`${harness.app.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${harness.app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', components: { sessionStore: 'ok', commentStore: 'ok' } });
  });

  it('unknown routes and methods get JSON errors', async () => {
    const missing = await fetch(`${harness.app.url}/nope`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('ROUTE_NOT_FOUND');
    const wrongMethod = await fetch(`${harness.app.url}/chat/api/sessions`, { method: 'GET' });
    expect(wrongMethod.status).toBe(405);
  });
});
