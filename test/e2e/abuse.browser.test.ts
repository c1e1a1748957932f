import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AbuseLimitRules } from '../../src/http/abuse-limits.js';
import { startTestApp } from '../support/app.js';
import { launchChromium, skipWithoutChromium } from '../support/browser.js';

/**
 * The web chat page over a limit, in a real browser: the partner sees the kind 429 message in their
 * language and keeps what they typed; the page never puts the session id in a URL.
 */
const roomy = { limit: 10_000, windowMs: 60_000 };
const rules: AbuseLimitRules = {
  session: { client: roomy, site: roomy },
  turn: { client: { limit: 3, windowMs: 60_000 }, site: roomy },
  submission: { client: roomy, site: roomy },
};

describe.skipIf(skipWithoutChromium('the abuse-limit browser test'))('web chat page over a rate limit', () => {
  let browser: Browser;
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    browser = await launchChromium();
    harness = await startTestApp({ LOG_LEVEL: 'silent' }, { abuseLimits: rules });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await harness?.cleanup();
  });

  it('shows the kind message in Spanish, keeps the typed answer, and sends the session id only in a header', async () => {
    const context = await browser.newContext({ locale: 'es-ES' });
    const page = await context.newPage();
    const requests: Array<{ url: string; authorization: string | undefined }> = [];
    page.on('request', (request) => {
      if (request.url().includes('/chat/api/')) requests.push({ url: request.url(), authorization: request.headers().authorization });
    });
    try {
      await page.goto(`${harness.app.url}/`);
      await page.waitForSelector('#composer[data-busy="false"]');
      const typeAndSend = async (text: string) => {
        await page.fill('#message', text);
        await page.keyboard.press('Enter');
        await page.waitForSelector('#composer[data-busy="false"]');
      };
      // Opening the page starts a session; each typed message is one turn (3 a minute here).
      for (const text of ['ayuda', 'ayuda', 'ayuda']) await typeAndSend(text);
      expect(await page.textContent('#alert')).toBe('');
      const answer = 'Una respuesta larga que no debe perderse.';
      await typeAndSend(answer);
      await expect.poll(() => page.textContent('#alert')).toMatch(/No se perdió nada de lo que escribió\. Inténtelo de nuevo en \d+ segundos?\./);
      expect(await page.inputValue('#message')).toBe(answer);
      expect(await page.locator('.msg-user', { hasText: answer }).count()).toBe(0);

      const sessionId = await page.evaluate(() => localStorage.getItem('rfiChat.sessionId'));
      expect(sessionId).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(requests.filter((r) => r.url.includes(sessionId as string))).toEqual([]);
      const perSession = requests.filter((r) => new URL(r.url).pathname.startsWith('/chat/api/session/') || new URL(r.url).pathname === '/chat/api/session');
      expect(perSession.length).toBeGreaterThanOrEqual(4);
      expect(perSession.every((r) => r.authorization === `Bearer ${sessionId}`)).toBe(true);
    } finally {
      await context.close();
    }
  });
});
