import { describe, expect, it } from 'vitest';
import { violationsOf } from '../support/axe.js';
import { skipWithoutChromium, useBrowserAndApp } from '../support/browser.js';
import { addSubmission } from './moderation-support.js';

/**
 * Issue 20 items 1, 2, 3, 7 in Chromium: approve, see the confirmation in place (a status region at
 * #flags), undo it, add to a committee; the Docket page's buttons; the reading view's collapsed
 * quarantined answer. axe (WCAG 2.1 AA) passes on each page after the action, and nothing is wider
 * than a 390 px phone.
 */
const PHONE = { width: 390, height: 844 };

describe.skipIf(skipWithoutChromium('the moderation actions browser test'))('moderation actions in a real browser', () => {
  const env = useBrowserAndApp();

  it('confirms each action in place with an Undo, on a phone, and stays axe-clean', async () => {
    const marker = `AB-${Date.now()}`;
    const target = await addSubmission(env.app, { answers: { 1: `${marker} answer`, 2: 'Second answer' } });
    const quarantined = await addSubmission(env.app, { answers: { 1: `${marker} hidden words` } });
    await env.app.database.moderation.setFlag(quarantined.id, 'quarantined', true, 'tester');
    await env.app.database.client.query(`INSERT INTO forward_outbox (submission_id, state, attempts, api_status, api_message) VALUES ($1, 'dead', 1, 400, 'Validation error: too short')`, [target.id]);

    const context = await env.browser.newContext({ viewport: PHONE, locale: 'en-US', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const problems: string[] = [];
    const check = async (what: string) => {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > PHONE.width) problems.push(`${what}: ${width} px wide`);
      for (const violation of await violationsOf(page)) problems.push(`${what}: ${violation}`);
    };
    await page.goto(`${env.app.url}/moderate/login?next=${encodeURIComponent(`/moderate/submissions/${target.id}`)}`);
    await page.locator('input[name="token"]').fill(env.app.moderation.bootstrapToken as string);
    await page.locator('form.login button[type="submit"]').click();
    await page.waitForURL(new RegExp(`/moderate/submissions/${target.id}$`));
    await expect.poll(() => page.locator('#docket').textContent()).toContain('Not configured');
    await check('submission page');

    await page.getByRole('button', { name: 'Approve for the docket' }).click();
    await page.waitForURL(/\?done=flag-set\.cleared#flags$/);
    const status = page.locator('#flags [role="status"]');
    await expect.poll(() => status.textContent()).toContain('Approved for the docket');
    expect(await status.isVisible()).toBe(true);
    // Focus moves to the confirmation, so the keyboard continues from what just changed.
    await expect.poll(() => page.evaluate(() => (document.activeElement?.closest('#flags') ? document.activeElement.getAttribute('role') : document.activeElement?.tagName))).toBe('status');
    expect(await page.getByRole('button', { name: 'Withdraw the approval' }).count()).toBe(1);
    await check('after approving');

    await status.getByRole('button', { name: 'Undo' }).click();
    await page.waitForURL(/\?done=flag-cleared\.cleared#flags$/);
    await expect.poll(() => page.locator('#flags [role="status"]').textContent()).toContain('Approval withdrawn');
    expect(await page.getByRole('button', { name: 'Approve for the docket' }).count()).toBe(1);

    await page.getByText('Add to committee…').click();
    await page.getByLabel('Committee', { exact: true }).selectOption('victim-services');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.waitForURL(/#committees$/);
    await expect.poll(() => page.locator('#committees [role="status"]').textContent()).toContain('Added to committee: Victim services');
    await check('after adding a committee');

    await page.goto(`${env.app.url}/moderate/forwarding?state=dead`);
    await check('Docket page');
    await page.getByLabel('Tracking number from regulations.gov').fill('kx9-test-0001');
    await page.getByRole('button', { name: 'It is on the docket (enter the tracking number)' }).click();
    await page.waitForURL(/done=forward-tracking/);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Marked as on the docket, tracking number kx9-test-0001');
    await page.goto(`${env.app.url}/moderate/submissions/${target.id}`);
    expect(await page.getByRole('link', { name: 'kx9-test-0001' }).getAttribute('href')).toBe('https://www.regulations.gov/comment/kx9-test-0001');

    await page.goto(`${env.app.url}/moderate/questions/1?q=${marker}`);
    const hidden = page.getByText(`${marker} hidden words`);
    expect(await hidden.isVisible()).toBe(false);
    expect(await page.getByText('Quarantined', { exact: true }).isVisible()).toBe(true);
    await page.getByText('Show the quarantined answer').click();
    expect(await hidden.isVisible()).toBe(true);
    await check('reading view');
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
