import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { violationsOf } from '../support/axe.js';
import { skipWithoutChromium, useBrowserAndApp } from '../support/browser.js';
import { tokenFor } from './moderation-support.js';

/**
 * The roster page in Debian's Chromium, as staff use it: sign in, upload a CSV with a bad line through
 * the file input, read the line-numbered report, preview an invitation and confirm it; at a phone's
 * 390 px and a desktop's 1280 px, in English and Spanish (the page follows the browser's language).
 * Every page passes axe (WCAG 2.1 AA) and nothing is wider than the screen.
 */
const CSV = ['platform,team_id,user_id,name,organization', 'slack,T0001,UBROWSE01,Ada,Harbor Light', 'fax,,,,', 'teams,,29:1BrowserTeams,Teo,Northside Clinic', ''].join('\n');

const SETTINGS: Array<[string, BrowserContextOptions, RegExp, RegExp]> = [
  ['English, 390 px', { viewport: { width: 390, height: 800 }, locale: 'en-US', reducedMotion: 'reduce' }, /Upload and import/, /Preview the invitation/],
  ['Spanish, 390 px', { viewport: { width: 390, height: 800 }, locale: 'es-ES', reducedMotion: 'reduce' }, /Subir e importar/, /Vista previa de la invitación/],
  ['English, 1280 px', { viewport: { width: 1280, height: 900 }, locale: 'en-US', reducedMotion: 'reduce' }, /Upload and import/, /Preview the invitation/],
  ['Spanish, 1280 px', { viewport: { width: 1280, height: 900 }, locale: 'es-ES', reducedMotion: 'reduce' }, /Subir e importar/, /Vista previa de la invitación/],
];

async function fitsTheScreen(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe.skipIf(skipWithoutChromium('the roster browser test'))('the roster page in a real browser (axe, phone and desktop, English and Spanish)', () => {
  const env = useBrowserAndApp();

  for (const [name, options, uploadLabel, inviteLabel] of SETTINGS) {
    it(`${name}: upload a CSV, read the report, preview an invitation`, async () => {
      const context = await env.browser.newContext(options);
      const page = await context.newPage();
      await page.goto(`${env.app.url}/moderate/login?next=/moderate/roster`);
      await page.locator('#token').fill((await tokenFor(env.app, 'staff')).token);
      await page.locator('form.login button[type=submit]').click();
      await page.waitForURL((url) => url.pathname === '/moderate/roster');
      expect(await violationsOf(page), 'roster page').toEqual([]);
      expect(await fitsTheScreen(page), 'roster page width').toBe(true);

      await page.locator('#csv-file').setInputFiles({ name: 'partners.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
      await page.getByRole('button', { name: uploadLabel }).click();
      await page.waitForURL((url) => url.pathname.startsWith('/moderate/roster/imports/'));
      expect(await page.locator('main').textContent()).toMatch(/platform must be slack, teams or webchat/);
      expect(await page.locator('td').first().textContent()).toBe('3');
      expect(await violationsOf(page), 'import report').toEqual([]);
      expect(await fitsTheScreen(page), 'import report width').toBe(true);

      await page.goto(`${env.app.url}/moderate/roster`);
      await page.getByRole('button', { name: inviteLabel }).click();
      await page.waitForURL((url) => url.pathname === '/moderate/roster/preview');
      // Slack and Teams are not set up in this app: the preview says why nobody can be reached.
      expect(await page.locator('main').textContent()).toMatch(/their channel is not set up on this server|su canal no está configurado en este servidor/);
      expect(await violationsOf(page), 'preview').toEqual([]);
      expect(await fitsTheScreen(page), 'preview width').toBe(true);

      await page.goto(`${env.app.url}/moderate/roster`);
      expect(await page.locator('main').textContent()).toMatch(/Harbor Light/);
      expect(await violationsOf(page), 'roster with partners').toEqual([]);
      expect(await fitsTheScreen(page), 'roster with partners width').toBe(true);
      await context.close();
    }, 120_000);
  }
});
