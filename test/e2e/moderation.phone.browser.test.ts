import { describe, expect, it } from 'vitest';
import { violationsOf } from '../support/axe.js';
import { skipWithoutChromium, useBrowserAndApp } from '../support/browser.js';
import { addSubmission } from './moderation-support.js';

/**
 * Moderators and staff on a phone (390 × 844): every moderation page fits the screen with no
 * horizontal scroll, the navigation (including "Log out") is reachable, and axe (WCAG 2.1 AA) passes at
 * that width (a table that scrolls inside itself must be reachable by keyboard), in English and Spanish.
 */
const PHONE = { width: 390, height: 844 };

describe.skipIf(skipWithoutChromium('the moderation phone test'))('moderation pages on a phone', () => {
  const env = useBrowserAndApp();

  for (const locale of ['en-US', 'es-ES'] as const) {
    it(`every page fits 390 px with no horizontal scroll (${locale})`, async () => {
      const long = 'Supercalifragilisticexpialidocious-organization-name-without-any-spaces-at-all-'.repeat(3);
      const target = await addSubmission(env.app, {
        channel: 'slack',
        organization: long,
        answers: { 1: `${'A long answer. '.repeat(200)} https://example.org/${'a'.repeat(150)}`, 2: 'Call 555-123-4567' },
      });
      const context = await env.browser.newContext({ viewport: PHONE, locale, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      await page.goto(`${env.app.url}/moderate/login`);
      const widthOf = () => page.evaluate(() => document.documentElement.scrollWidth);
      expect(await widthOf()).toBeLessThanOrEqual(PHONE.width);
      await page.locator('input[name="token"]').fill(env.app.moderation.bootstrapToken as string);
      await page.locator('form.login button[type="submit"]').click();
      await page.waitForURL(/\/moderate$/);

      const pages = ['/moderate', '/moderate/roster', '/moderate/submissions', `/moderate/submissions/${target.id}`, '/moderate/questions/1', '/moderate/audit'];
      const tooWide: string[] = [];
      for (const path of pages) {
        const response = await page.goto(`${env.app.url}${path}`);
        expect(response?.status(), path).toBe(200);
        const width = await widthOf();
        if (width > PHONE.width) {
          tooWide.push(`${path}: ${width} px`);
          if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/${locale}${path.replaceAll('/', '_')}.png`, fullPage: true });
        }
        // The sign-out button is on screen, not cut off.
        for (const violation of await violationsOf(page)) tooWide.push(`${path}: ${violation}`);
        const logout = await page.locator('form.logout button').boundingBox();
        if (!logout || logout.x + logout.width > PHONE.width) tooWide.push(`${path}: "Log out" is off screen`);
      }
      expect(tooWide).toEqual([]);

      // The docket file's documentId field validates in Chromium (its pattern is valid under the v flag
      // browsers now use for `pattern`; an invalid one is silently ignored, with a console error).
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      await page.goto(`${env.app.url}/moderate/submissions`);
      const documentId = page.locator('input[name="documentId"]');
      await documentId.fill('not a document id!');
      expect(await documentId.evaluate((input) => (input as HTMLInputElement).validity.patternMismatch)).toBe(true);
      await documentId.fill('DOS-2022-0004-0001');
      expect(await documentId.evaluate((input) => (input as HTMLInputElement).validity.valid)).toBe(true);
      expect(consoleErrors.filter((text) => text.includes('pattern'))).toEqual([]);
      await context.close();
    }, 90_000);
  }
});
