import type { BrowserContext } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { skipWithoutChromium, useBrowserAndApp } from '../support/browser.js';
import { WebchatClient } from '../support/webchat-client.js';

/**
 * A page that holds a session id the server no longer knows (the draft expired, or the server lost it)
 * says so, in the partner's language, and starts a new conversation: it never silently starts over.
 * A draft the server still knows resumes with no such notice.
 */
const STORAGE_KEY = 'rfiChat.sessionId';
const FORGOTTEN_ID = 'Zz0-forgotten-draft-id-000000000'; // the shape of a real id, never issued

describe.skipIf(skipWithoutChromium('the lost-draft browser test'))('a draft the server no longer knows, in a real browser', () => {
  const env = useBrowserAndApp();
  const contexts: BrowserContext[] = [];
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
  });

  async function openWithStoredId(sessionId: string, locale: string) {
    const context = await env.browser.newContext({ locale, viewport: { width: 320, height: 640 } });
    contexts.push(context);
    // The id this browser kept from an earlier visit, in place before the page's script runs (first load only).
    await context.addInitScript(
      ([key, id]) => {
        if (!window.sessionStorage.getItem('seeded')) {
          window.localStorage.setItem(key as string, id as string);
          window.sessionStorage.setItem('seeded', '1');
        }
      },
      [STORAGE_KEY, sessionId],
    );
    const page = await context.newPage();
    await page.goto(`${env.app.url}/`);
    await page.waitForSelector('#composer[data-busy="false"]', { timeout: 15_000 });
    await expect.poll(() => page.locator('.msg-bot').count()).toBeGreaterThan(0);
    return page;
  }

  it('says so in English, then starts a new conversation', async () => {
    const page = await openWithStoredId(FORGOTTEN_ID, 'en-US');
    await expect.poll(() => page.locator('#alert').textContent()).toContain('We could not find your earlier draft');
    expect(await page.locator('.msg-bot').first().textContent()).toMatch(/federal agencies/i);
    const newId = await page.evaluate((key) => window.localStorage.getItem(key), STORAGE_KEY);
    expect(newId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newId).not.toBe(FORGOTTEN_ID);
  });

  it('says so in Spanish to a Spanish-speaking browser', async () => {
    const page = await openWithStoredId(FORGOTTEN_ID, 'es-MX');
    await expect.poll(() => page.locator('#alert').textContent()).toContain('No encontramos su borrador anterior');
  });

  it('resumes a draft the server knows, without the notice', async () => {
    const partner = new WebchatClient(env.app.url);
    await partner.startAtFirstQuestion('1');
    const page = await openWithStoredId(partner.sessionId, 'en-US');
    await expect.poll(() => page.locator('.msg-bot').allTextContents().then((texts) => texts.join('\n'))).toMatch(/Question 1 of 5/);
    expect((await page.locator('#alert').textContent()) ?? '').not.toContain('could not find');
  });
});
