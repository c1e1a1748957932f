import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import rfiFlow from '../../conversations/rfi-racial-equity-2022.js';
import { en } from '../../src/i18n/catalog.en.js';
import { allText, receiptOf, WebchatClient } from '../support/webchat-client.js';
import { startTestApp } from '../support/app.js';

/**
 * Issue 19, item 5 through the real HTTP server: the receipt follows FORWARD_MODE, and
 * GET /chat/api/sessions/{sessionId}/copy gives the partner a plain-text copy of what was sent.
 */
const ANSWER = 'Fund survivor-led groups directly & pay for their time. Marker Copy-5521.';

describe('web chat receipt and copy', () => {
  let off: Awaited<ReturnType<typeof startTestApp>>;
  let afterReview: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    [off, afterReview] = await Promise.all([
      startTestApp(),
      // Forwarding configured, after review: nothing is posted at submit, so the API is never called here.
      startTestApp({ COMMENT_API_URL: 'http://127.0.0.1:9/v4/comments', COMMENT_API_KEY: 'test-key', COMMENT_DOCKET_DOCUMENT_ID: 'DOS-2022-0004-0001', FORWARD_MODE: 'after-review' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([off?.cleanup(), afterReview?.cleanup()]);
  });

  it('without forwarding, the receipt says the agency receives it from this system; the copy has every question, the answer, the receipt and the time', async () => {
    const client = new WebchatClient(off.app.url);
    await client.reachReview(ANSWER);
    const early = await fetch(`${off.app.url}/chat/api/sessions/${client.sessionId}/copy`);
    expect(early.status).toBe(404);

    const submitted = await client.press('submit');
    const receipt = receiptOf(submitted) as string;
    expect(allText(submitted)).toContain(`Received. ${en.receiptNext.off}\nYour receipt number is ${receipt}`);
    expect(allText(submitted)).toContain('Forwarding is not set up here: the agency receives it from this system');
    expect(allText(submitted)).not.toMatch(/has been sent/);

    const response = await fetch(`${off.app.url}/chat/api/sessions/${client.sessionId}/copy`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const copy = await response.text();
    for (const question of rfiFlow.questions) expect(copy).toContain(question.text.en);
    expect(copy).toContain(ANSWER);
    expect(copy).toContain(en.copyReceipt(receipt));
    // Received at, in the questionnaire's time zone (America/New_York: EST or EDT).
    expect(copy).toMatch(/Received: .*\d{4}.*\b(E[SD]T|ET)\b/);
    expect(copy).toContain(en.receiptNext.off);

    // Typed in the chat, `copy` gives the same text back.
    expect(allText(await client.send('copy'))).toContain(ANSWER);
    expect((await fetch(`${off.app.url}/chat/api/sessions/not-a-session/copy`)).status).toBe(404);
  });

  it('with FORWARD_MODE=after-review, the receipt says a moderator reviews it before it is posted', async () => {
    const client = new WebchatClient(afterReview.app.url);
    await client.reachReview(ANSWER);
    const submitted = await client.press('submit');
    expect(allText(submitted)).toContain('Received. A moderator reviews it before it is posted to the public docket');
  });
});
