import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { skipWithoutChromium, useBrowserAndApp } from '../support/browser.js';
import { addSubmission } from './moderation-support.js';

/**
 * The moderation dashboard in a real browser (Debian's Chromium via playwright-core, never downloaded):
 * log in with a token, filter, open a submission, flag it, download a CSV. Skips loudly without Chromium;
 * fails instead under CI / REQUIRE_SERVICES=1.
 */
describe.skipIf(skipWithoutChromium('the moderation browser test'))('moderation dashboard in a real browser', () => {
  const env = useBrowserAndApp();

  it('logs in, filters, opens a submission, flags it and downloads a CSV', async () => {
    await addSubmission(env.app, { channel: 'webchat', organization: 'Webchat Org', answers: { 1: 'Web answer Kestrel-1' } });
    const target = await addSubmission(env.app, {
      channel: 'slack',
      organization: 'Slack Org <img src=x onerror=window.__xss=1>',
      answers: { 1: '=cmd() Slack answer Falcon-2', 4: 'Reach me at someone@example.org' },
    });
    const context = await env.browser.newContext({ acceptDownloads: true, locale: 'en-US' });
    const page = await context.newPage();
    const scriptErrors: string[] = [];
    page.on('pageerror', (error) => scriptErrors.push(error.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') scriptErrors.push(msg.text());
    });

    await page.goto(`${env.app.url}/moderate/submissions`);
    expect(page.url()).toContain('/moderate/login');
    await page.getByLabel('Token').fill(env.app.moderation.bootstrapToken as string);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/moderate\/submissions$/);
    await expect.poll(() => page.locator('ol.submissions > li').count()).toBe(2);

    await page.getByLabel('Channel').selectOption('slack');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/channel=slack/);
    expect(await page.locator('ol.submissions > li').count()).toBe(1);

    // Keyboard: j selects the first submission, Enter opens it.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    // The list's links keep its filters, for previous / next on the submission page.
    await page.waitForURL(new RegExp(`/moderate/submissions/${target.id}\\?channel=slack(&|$)`));
    await expect.poll(() => page.locator('mark').first().textContent()).toBe('someone@example.org');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.getByText('Slack Org <img src=x onerror=window.__xss=1>').count()).toBe(1);

    await page.getByRole('button', { name: 'Quarantine (keep out of exports)' }).click();
    await page.waitForURL(new RegExp(`/moderate/submissions/${target.id}\\?done=flag-set\\.quarantined#flags$`));
    await expect.poll(() => page.getByRole('button', { name: 'Release from quarantine' }).count()).toBe(1);

    await page.goto(`${env.app.url}/moderate/submissions?channel=slack`);
    await page.getByLabel('Include quarantined in downloads').check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/includeQuarantined=1/);
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download CSV' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe('submissions.csv');
    const csv = await readFile((await download.path()) as string, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(target.receipt);
    expect(csv).toContain("'=cmd() Slack answer Falcon-2");
    expect(csv).toContain('quarantined');
    expect(csv).not.toContain('Kestrel-1');
    expect(scriptErrors).toEqual([]);
    await context.close();
  }, 60_000);
});
