import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { FakeCommentApi } from '../fixtures/regulations/fake-comment-api.js';
import { startTestApp, waitUntilReady } from '../support/app.js';
import { launchChromium, skipWithoutChromium } from '../support/browser.js';
import { freePort } from '../support/free-port.js';
import { ownPostgres } from '../support/own-postgres.js';
import { sessionsInRedisEnv } from '../support/services.js';
import { WebchatClient } from '../support/webchat-client.js';

/**
 * What the web chat page shows without the partner doing anything: the docket's tracking number once the
 * submission is forwarded (FORWARD_MODE=auto, a fake Comment API), and a submit the database refused
 * (its own Postgres cluster, stopped) stored by itself once the database is back. The page looks at the
 * status every 15 s; the page's clock is Playwright's, moved forward instead of waited for.
 */
const KEY = 'test-comment-api-key';
const WATCH_STEP_MS = 16_000;

describe.skipIf(skipWithoutChromium('the web chat docket browser test'))('web chat page: news from the server', () => {
  const fake = new FakeCommentApi(KEY);
  let pg: ReturnType<typeof ownPostgres>;
  let browser: Browser;
  let app: RunningApp;
  let stopApp: () => Promise<void>;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    pg = ownPostgres(await freePort());
    pg.start();
    browser = await launchChromium();
    const url = await fake.start();
    const started = await startTestApp({
      LOG_LEVEL: 'silent',
      DATABASE_URL: pg.url,
      // Drafts stay up while this test stops its Postgres (without REDIS_URL they would live in it).
      ...sessionsInRedisEnv('docket-browser'),
      COMMENT_API_URL: url,
      COMMENT_API_KEY: KEY,
      COMMENT_DOCKET_DOCUMENT_ID: 'DOS-2022-0004-0001',
      FORWARD_MODE: 'auto',
    });
    app = started.app;
    stopApp = started.cleanup;
  }, 120_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await stopApp?.();
    await fake.stop();
    pg?.remove();
  });

  /** A draft at review made through the API, opened in a page whose clock the test moves. */
  async function pageAtReview(answer: string): Promise<Page> {
    const client = new WebchatClient(app.url);
    await client.reachReview(answer);
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'en-US' });
    contexts.push(context);
    await context.addInitScript((sessionId) => localStorage.setItem('rfiChat.sessionId', sessionId), client.sessionId);
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`${app.url}/`);
    await page.waitForSelector('#composer[data-busy="false"]');
    await expect.poll(() => page.locator('.msg-bot .actions button[value="submit"]').count()).toBe(1);
    return page;
  }

  async function pressSubmit(page: Page): Promise<string> {
    const before = await page.locator('.msg-bot').count();
    await page.locator('.msg-bot .actions button[value="submit"]').click();
    await page.waitForFunction((count) => document.querySelectorAll('.msg-bot').length > count && document.getElementById('composer')?.dataset.busy === 'false', before);
    return (await page.locator('.msg-bot').allTextContents()).slice(before).join('\n');
  }

  it('shows the tracking number, with a Copy button, once the docket has it', async () => {
    const page = await pageAtReview('Fund survivor-led groups, marker Finch-2207.');
    const submitted = await pressSubmit(page);
    const receipt = /RFI-[0-9A-Z-]+/.exec(submitted)?.[0];
    expect(receipt).toBeDefined();
    expect(await page.locator('.tracking-code').count()).toBe(0);

    await app.forwarding?.drain();
    const tracking = fake.accepted.at(-1)?.trackingNumber as string;
    expect(tracking).toBeTruthy();
    await page.clock.fastForward(WATCH_STEP_MS);
    await expect.poll(() => page.locator('.tracking-code').textContent()).toBe(tracking);
    expect(await page.getByRole('button', { name: 'Copy tracking number' }).count()).toBe(1);
    expect(await page.locator('.msg-bot').last().textContent()).toMatch(/public docket/);

    // Shown once, and again after a reload (the partner's next visit).
    await page.clock.fastForward(WATCH_STEP_MS);
    expect(await page.locator('.tracking-code').count()).toBe(1);
    await page.reload();
    await page.waitForSelector('#composer[data-busy="false"]');
    await expect.poll(() => page.locator('.tracking-code').textContent()).toBe(tracking);
  });

  it('shows a submit the database refused as saved once it is, without the partner doing anything', async () => {
    const page = await pageAtReview('Protect survivors of color, marker Teal-5120.');
    pg.stop();
    let restarted = false;
    try {
      const refused = await pressSubmit(page);
      expect(refused).toMatch(/could not be saved just now\. Nothing is lost/);
      expect(await page.locator('.receipt-code').count()).toBe(0);
      // Nothing changes while the database is down.
      await page.clock.fastForward(WATCH_STEP_MS);
      expect(await page.locator('.receipt-code').count()).toBe(0);

      pg.start();
      restarted = true;
      await waitUntilReady(app.url);
      // The job also runs on its own every 5 s and may have stored it already: the page is the proof.
      await app.submitRetry.runNow();
      await page.clock.fastForward(WATCH_STEP_MS);
      await expect.poll(() => page.locator('.receipt-code').count()).toBe(1);
      const receipt = (await page.locator('.receipt-code').textContent())?.trim() ?? '';
      expect(receipt).toMatch(/^RFI-/);
      expect(await page.locator('.msg-bot').last().textContent()).toMatch(/Good news: your comment could not be saved at first, and now it is/);
      expect(await page.locator('.msg-bot .actions button[value="submit"]').count(), 'no stale Submit button').toBe(0);
      const stored = await app.commentStore.getByReceipt(receipt);
      expect(stored?.answers.find((answer) => answer.index === 1)?.answer).toBe('Protect survivors of color, marker Teal-5120.');

      // …and then the docket's tracking number follows, as for any submit.
      await app.forwarding?.drain();
      await page.clock.fastForward(WATCH_STEP_MS);
      await expect.poll(() => page.locator('.tracking-code').count()).toBe(1);
    } finally {
      if (!restarted) pg.start();
    }
  }, 60_000);
});
