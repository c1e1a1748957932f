import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { violationsOf } from '../support/axe.js';
import { skipWithoutChromium, useBrowserAndApp } from '../support/browser.js';
import { addSubmission } from './moderation-support.js';

/**
 * Accessibility (Section 508 / WCAG 2.1 AA) of every page a person uses: the web chat at phone and
 * desktop widths, in English and Spanish, at the steps that look different (intro, a question with
 * buttons, an error, the review), and the moderation dashboard (login, list, one submission, one
 * question, audit). axe-core runs inside the real page in Debian's Chromium; any violation of the WCAG
 * 2.0/2.1 A and AA rules fails, with the rule, the elements and how to fix it in the message.
 * axe cannot judge everything (reading order, plain language): the web chat browser test covers the
 * keyboard and focus, and a person should still review the pages with a screen reader before launch.
 */
// Colours are judged in their final state: without reduced motion, a new message fades in for 160 ms.
const PHONE: BrowserContextOptions = { viewport: { width: 320, height: 640 }, locale: 'en-US', reducedMotion: 'reduce' };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: 'en-US', reducedMotion: 'reduce' };

describe.skipIf(skipWithoutChromium('the accessibility browser test'))('accessibility (axe-core, WCAG 2.1 AA) in a real browser', () => {
  const env = useBrowserAndApp();

  async function chatPage(options: BrowserContextOptions): Promise<Page> {
    const context = await env.browser.newContext(options);
    const page = await context.newPage();
    await page.goto(`${env.app.url}/`);
    await page.waitForSelector('#composer[data-busy="false"]', { timeout: 15_000 });
    await expect.poll(() => page.locator('.msg-bot').count()).toBeGreaterThan(0);
    return page;
  }

  async function say(page: Page, text: string): Promise<void> {
    const before = await page.locator('.msg-bot').count();
    await page.fill('#message', text);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (count) => document.querySelectorAll('.msg-bot').length > count && document.getElementById('composer')?.dataset.busy === 'false',
      before,
      { timeout: 15_000 },
    );
  }

  for (const [name, options] of [
    ['phone, 320 px', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`web chat (${name}): intro, a question with buttons, an error, the review, and Spanish`, async () => {
      const page = await chatPage(options);
      expect(await violationsOf(page), 'intro').toEqual([]);

      for (const text of ['agree', 'Harbor Light Survivor Network', '1', 'skip']) await say(page, text);
      expect(await page.locator('.msg-bot').last().textContent()).toContain('Question 1 of 5');
      expect(await violationsOf(page), 'question 1 with buttons').toEqual([]);

      // An answer over the length limit: not sent; the reason is announced and shown beside the box, which keeps the text.
      await page.fill('#message', 'x'.repeat(25_000));
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#input-error').textContent()).toContain('25,000');
      expect(await violationsOf(page), 'after a refused answer').toEqual([]);

      await say(page, 'Survivors of color need the same protection and services.');
      await say(page, 'review');
      expect(await violationsOf(page), 'review').toEqual([]);

      await say(page, 'idioma es');
      await expect.poll(() => page.getAttribute('html', 'lang')).toBe('es');
      expect(await violationsOf(page), 'Spanish').toEqual([]);
      await page.context().close();
    }, 60_000);
  }

  it('moderation dashboard: login, list, one submission, one question, audit', async () => {
    await addSubmission(env.app, { channel: 'webchat', organization: 'Webchat Org', answers: { 1: 'Web answer Kestrel-1', 2: 'Call me at 555-867-5309' } });
    const target = await addSubmission(env.app, { channel: 'slack', organization: 'Slack Org', answers: { 1: 'Slack answer Falcon-2' } });
    const context = await env.browser.newContext(DESKTOP);
    const page = await context.newPage();

    await page.goto(`${env.app.url}/moderate/login`);
    expect(await violationsOf(page), 'login').toEqual([]);
    await page.getByLabel('Token').fill(env.app.moderation.bootstrapToken as string);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/moderate') && !url.pathname.startsWith('/moderate/login'));

    for (const path of ['/moderate', '/moderate/submissions', `/moderate/submissions/${target.id}`, '/moderate/questions/1', '/moderate/audit', '/moderate/roster', '/moderate/forwarding']) {
      await page.goto(`${env.app.url}${path}`);
      expect(await violationsOf(page), path).toEqual([]);
    }
    await context.close();
  }, 120_000);
});
