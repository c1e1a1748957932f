import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { skipWithoutChromium, useBrowserAndApp } from '../support/browser.js';

/**
 * The web chat page in a real browser (Debian's Chromium driven by playwright-core), at a 320 px wide
 * phone viewport, against the real app (in-memory sessions, PGlite comment store).
 */

const PHONE: BrowserContextOptions = { viewport: { width: 320, height: 640 }, deviceScaleFactor: 1, locale: 'en-US' };
const RECEIPT = /RFI-[0-9A-Z-]+/;
const XSS = '<img src=x onerror=window.__xss=1>';
const ANSWERS = {
  organization: 'Harbor Light Survivor Network',
  q1a: 'Survivors of color need the same protection and services.',
  q1aSecondLine: 'Second line marker Lantern-7731.',
  q1b: `Labor trafficking in agriculture is overlooked. ${XSS} Heron-4410.`,
  q5: 'Pay community partners for their time. A long unbroken link: https://example.org/' + 'very-long-path-segment-'.repeat(8) + 'end Osprey-8812',
};

describe.skipIf(skipWithoutChromium('the web chat browser test'))('web chat page in a real browser (320 px)', () => {
  const env = useBrowserAndApp();
  const contexts: BrowserContext[] = [];

  // Registered after useBrowserAndApp's, so it runs before the browser closes (after-hooks run in reverse).
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
  });

  async function openPage(options: BrowserContextOptions = {}): Promise<{ page: Page; context: BrowserContext }> {
    const context = await env.browser.newContext({ ...PHONE, ...options });
    contexts.push(context);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // CSP violations and script errors show up here; a failed fetch that a test provokes does not count.
      if (message.type() === 'error' && !/Failed to load resource|net::ERR_/.test(message.text())) problems.push(message.text());
    });
    (page as Page & { problems: string[] }).problems = problems;
    await page.goto(`${env.app.url}/`);
    await waitForIdle(page);
    await expect.poll(() => page.locator('.msg-bot').count()).toBeGreaterThan(0);
    return { page, context };
  }

  function problemsOf(page: Page): string[] {
    return (page as Page & { problems: string[] }).problems;
  }

  async function waitForIdle(page: Page): Promise<void> {
    await page.waitForSelector('#composer[data-busy="false"]', { timeout: 15_000 });
  }

  async function botTexts(page: Page): Promise<string[]> {
    return page.locator('.msg-bot').allTextContents();
  }

  /** Waits for the bot's answer to what was just sent, and returns the text of the new bot messages. */
  async function waitForReply(page: Page, before: number): Promise<string> {
    await page.waitForFunction(
      (count) => document.querySelectorAll('.msg-bot').length > count && document.getElementById('composer')?.dataset.busy === 'false',
      before,
      { timeout: 15_000 },
    );
    return (await botTexts(page)).slice(before).join('\n');
  }

  /** Types into the message box with the keyboard (Shift+Enter for line breaks) and presses Enter. */
  async function say(page: Page, text: string): Promise<string> {
    expect(await page.evaluate(() => document.activeElement?.id), 'focus is in the message box').toBe('message');
    const before = await page.locator('.msg-bot').count();
    const lines = text.split('\n');
    for (const [index, line] of lines.entries()) {
      if (index > 0) await page.keyboard.press('Shift+Enter');
      await page.keyboard.type(line);
    }
    expect(await page.inputValue('#message')).toBe(text);
    await page.keyboard.press('Enter');
    const reply = await waitForReply(page, before);
    expect(await page.inputValue('#message'), 'the box is cleared after a message is sent').toBe('');
    expect(await page.evaluate(() => document.activeElement?.id), 'focus returns to the message box').toBe('message');
    return reply;
  }

  /** Presses the action button with this command id (the buttons of the latest bot message only). */
  async function press(page: Page, actionId: string): Promise<string> {
    const button = page.locator(`.msg-bot .actions button[value="${actionId}"]`);
    await expect.poll(() => button.count(), { message: `a "${actionId}" button` }).toBe(1);
    const before = await page.locator('.msg-bot').count();
    await button.click();
    const reply = await waitForReply(page, before);
    expect(await page.evaluate(() => document.activeElement?.id), 'focus returns to the message box').toBe('message');
    return reply;
  }

  async function expectNoHorizontalScroll(page: Page, where: string): Promise<void> {
    const widths = await page.evaluate(() => ({
      scroll: document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY,
      viewport: window.innerWidth,
    }));
    expect(widths.viewport).toBe(320);
    expect(widths.scroll, `no horizontal scroll at 320 px (${where})`).toBeLessThanOrEqual(320);
  }

  async function expectOnlyLatestActions(page: Page): Promise<void> {
    const stale = await page.evaluate(() => {
      const bots = [...document.querySelectorAll('.msg-bot')];
      const lastWithActions = bots.filter((bot) => bot.querySelector('.actions')).pop();
      return bots.filter((bot) => bot !== lastWithActions && bot.querySelector('.actions button:not([disabled])')).length;
    });
    expect(stale, 'older messages keep no active buttons').toBe(0);
  }

  async function answerIntro(page: Page): Promise<void> {
    await say(page, 'agree');
    await say(page, ANSWERS.organization);
    await say(page, '1');
  }

  it('answers the whole RFI with the keyboard, resumes after a reload, and the submission reaches the comment store', async () => {
    const { page } = await openPage();

    // Accessible structure.
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect.poll(() => page.getByRole('textbox', { name: 'Your message' }).count(), { message: 'labelled message box' }).toBe(1);
    expect(await page.evaluate(() => (document.getElementById('message') as HTMLTextAreaElement).labels?.[0]?.textContent?.trim())).toBe('Your message');
    expect(await page.getByRole('button', { name: 'Send' }).isVisible()).toBe(true);
    expect(await page.locator('#transcript[aria-live="polite"]').count()).toBe(1);
    expect(await page.locator('[role="alert"]').count()).toBe(1);
    expect(await page.locator('.msg-bot .actions button[value="agree"]').count()).toBe(1);
    await expectNoHorizontalScroll(page, 'intro');

    await answerIntro(page);
    const question1 = await say(page, 'skip'); // no contact email
    expect(question1).toMatch(/Question 1 of 5/);
    await expect.poll(() => page.getByRole('progressbar').count()).toBe(1);
    const progress = page.getByRole('progressbar');
    expect(await progress.getAttribute('max')).toBe('5');
    expect(await page.locator('#progress-label').textContent()).toMatch(/1 of 5/);
    expect(await page.evaluate(() => (document.getElementById('progress') as HTMLProgressElement).labels?.length)).toBe(1);
    await expectOnlyLatestActions(page);

    // Question 1 in two messages; the first one has a line break (Shift+Enter), the second an HTML payload.
    await say(page, `${ANSWERS.q1a}\n${ANSWERS.q1aSecondLine}`);
    await say(page, ANSWERS.q1b);
    const userTexts = await page.locator('.msg-user .msg-text').allTextContents();
    expect(userTexts).toContain(ANSWERS.q1b);
    expect(userTexts).toContain(`${ANSWERS.q1a}\n${ANSWERS.q1aSecondLine}`);
    expect(await page.locator('#transcript img').count(), 'answer HTML is shown as text').toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    await page.evaluate(() => document.getElementById('message')?.focus());
    expect(await press(page, 'next')).toMatch(/Question 2 of 5/);
    await expectOnlyLatestActions(page);

    // Question 2 is skipped with its button; then a reload resumes at question 3.
    expect(await press(page, 'skip')).toMatch(/Question 3 of 5/);
    const sessionId = await page.evaluate(() => localStorage.getItem('rfiChat.sessionId'));
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    await page.reload();
    await waitForIdle(page);
    await expect.poll(async () => (await botTexts(page)).join('\n'), { message: 'the reloaded page shows the current question' }).toMatch(/Question 3 of 5/);
    expect(await page.evaluate(() => localStorage.getItem('rfiChat.sessionId'))).toBe(sessionId);
    expect(await page.locator('#progress-label').textContent()).toMatch(/3 of 5/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('message');

    expect(await press(page, 'skip')).toMatch(/Question 4 of 5/);
    expect(await press(page, 'skip')).toMatch(/Question 5 of 5/);
    await say(page, ANSWERS.q5);
    await expectNoHorizontalScroll(page, 'long answer with an unbroken link');
    const review = await say(page, 'review');
    expect(review).toContain('Osprey-8812');
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();

    // Submit with the button, then read the receipt from the page.
    const submitted = await press(page, 'submit');
    const receiptBox = page.locator('.receipt-code').last();
    await expect.poll(() => receiptBox.count()).toBe(1);
    const receipt = (await receiptBox.textContent())?.trim() ?? '';
    expect(receipt).toMatch(new RegExp(`^${RECEIPT.source}$`));
    expect(submitted, 'the receipt is also in the text (the typed equivalent)').toContain(receipt);
    expect(await page.getByRole('button', { name: /copy/i }).count()).toBeGreaterThan(0);
    await expectNoHorizontalScroll(page, 'receipt');

    // The copy button puts the receipt on the clipboard (or says how to copy it).
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.app.url });
    // (The receipt's own copy button; "Get a copy" beside it sends the whole comment back.)
    await page.locator('.copy-button').last().click();
    await expect.poll(() => page.locator('.copy-status').last().textContent()).toMatch(/copied/i);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(receipt);

    await page.screenshot({ path: '/tmp/webchat-320.png' });
    await page.screenshot({ path: '/tmp/webchat-320-full.png', fullPage: true });

    // The submission is in the comment store, from the web chat, with the answers as typed.
    const stored = await env.app.commentStore.getByReceipt(receipt);
    expect(stored).not.toBeNull();
    expect(stored?.channel).toBe('webchat');
    expect(stored?.organization).toBe(ANSWERS.organization);
    const answers = stored?.answers ?? [];
    expect(answers.map((answer) => answer.index)).toEqual([1, 2, 3, 4, 5]);
    expect(answers[0]?.answer).toContain(`${ANSWERS.q1a}\n${ANSWERS.q1aSecondLine}`);
    expect(answers[0]?.answer).toContain(ANSWERS.q1b);
    expect(answers.slice(1, 4).map((answer) => answer.answer)).toEqual([null, null, null]);
    expect(answers[4]?.answer).toBe(ANSWERS.q5);

    // A reload after submitting shows the receipt again.
    await page.reload();
    await waitForIdle(page);
    await expect.poll(() => page.locator('.receipt-code').last().textContent()).toBe(receipt);

    expect(problemsOf(page), 'no script errors or CSP violations').toEqual([]);
  });

  it('switches the page labels and the lang attribute with the conversation language', async () => {
    const { page } = await openPage({ locale: 'es-US' });
    // A Spanish-speaking browser starts the conversation in Spanish.
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.locator('#send').textContent()).toBe('Enviar');
    expect(await page.locator('label[for="message"]').textContent()).toBe('Su mensaje');
    expect(await page.locator('#start-over').textContent()).toBe('Empezar de nuevo');

    await say(page, 'language en');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('#send').textContent()).toBe('Send');
    expect(await page.locator('label[for="message"]').textContent()).toBe('Your message');
    expect(await page.title()).not.toMatch(/Solicitud/);

    await say(page, 'language es');
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.locator('#heading').textContent()).toBe('Comparta su opinión');
    expect(await page.locator('.msg-bot').last().getAttribute('lang')).toBe('es');

    // A reload keeps the language (from the session state).
    await page.reload();
    await waitForIdle(page);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.locator('#send').textContent()).toBe('Enviar');
    expect(problemsOf(page)).toEqual([]);
  });

  it('keeps the typed text after a lost response and retries with the same Idempotency-Key (processed once)', async () => {
    const { page } = await openPage();
    await answerIntro(page);

    const keys: Array<{ body: string; key: string | undefined }> = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/messages')) {
        keys.push({ body: request.postData() ?? '', key: request.headers()['idempotency-key'] });
      }
    });
    // The server gets and applies the message, but the answer never reaches the browser.
    await page.route('**/chat/api/session/messages', async (route) => {
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.keyboard.type('skip');
    await page.keyboard.press('Enter');
    await waitForIdle(page);
    await expect.poll(() => page.locator('[role="alert"]').textContent()).toMatch(/not sent|could not reach/i);
    expect(await page.inputValue('#message'), 'the typed text is kept').toBe('skip');
    expect(await page.locator('#send').isDisabled()).toBe(false);
    expect(await page.locator('.msg-user').last().textContent()).not.toContain('skip');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('message');

    await page.unroute('**/chat/api/session/messages');
    const before = await page.locator('.msg-bot').count();
    await page.keyboard.press('Enter'); // send the same text again
    const reply = await waitForReply(page, before);
    expect(await page.locator('[role="alert"]').textContent()).toBe('');
    expect(await page.inputValue('#message')).toBe('');

    const skips = keys.filter((entry) => entry.body === JSON.stringify({ text: 'skip' }));
    expect(skips).toHaveLength(2);
    expect(skips[0]?.key).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
    expect(skips[1]?.key, 'the retry reuses the Idempotency-Key').toBe(skips[0]?.key);
    // Applied once: "skip" skipped the email, not question 1 as well.
    expect(reply).toMatch(/Question 1 of 5/);
    const sessionId = await page.evaluate(() => localStorage.getItem('rfiChat.sessionId'));
    const state = (await (await fetch(`${env.app.url}/chat/api/sessions/${sessionId}`)).json()) as { step: string };
    expect(state.step).toMatch(/^question(:1)?$/);

    // The next message gets a new key.
    await say(page, 'help');
    const last = keys[keys.length - 1];
    expect(last?.body).toBe(JSON.stringify({ text: 'help' }));
    expect(last?.key).not.toBe(skips[0]?.key);
  });

  it('shows the server error message in plain words, and double Enter sends once', async () => {
    const { page } = await openPage();
    await page.route('**/chat/api/session/messages', (route) =>
      route.fulfill({
        status: 429,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Too many requests from your connection. Please wait a minute and try again.' } }),
      }),
    );
    await page.keyboard.type('agree');
    await page.keyboard.press('Enter');
    await waitForIdle(page);
    await expect.poll(() => page.locator('[role="alert"]').textContent()).toContain('Please wait a minute');
    expect(await page.inputValue('#message')).toBe('agree');
    await page.unroute('**/chat/api/session/messages');

    // While a request is in flight the Send button is disabled and Enter does nothing more.
    let posts = 0;
    await page.route('**/chat/api/session/messages', async (route) => {
      posts += 1;
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    const before = await page.locator('.msg-bot').count();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#send').isDisabled()).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('#send').click({ force: true }).catch(() => undefined);
    await waitForReply(page, before);
    expect(posts).toBe(1);
    expect(await page.locator('[role="alert"]').textContent()).toBe('');
  });

  it('"Start over" asks first, then starts a new conversation', async () => {
    const { page } = await openPage();
    await say(page, 'agree');
    const first = await page.evaluate(() => localStorage.getItem('rfiChat.sessionId'));

    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByRole('button', { name: 'Start over' }).click();
    expect(await page.evaluate(() => localStorage.getItem('rfiChat.sessionId'))).toBe(first);
    expect(await page.locator('.msg-user').count()).toBeGreaterThan(0);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Start over' }).click();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('rfiChat.sessionId'))).not.toBe(first);
    await waitForIdle(page);
    expect(await page.locator('.msg-user').count()).toBe(0);
    expect(await page.locator('.msg-bot .actions button[value="agree"]').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('message');
  });

  it('says so, and starts a new conversation, when the stored one no longer exists', async () => {
    const { page, context } = await openPage();
    await page.evaluate(() => localStorage.setItem('rfiChat.sessionId', 'A'.repeat(32)));
    await page.reload();
    await waitForIdle(page);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('rfiChat.sessionId'))).not.toBe('A'.repeat(32));
    expect(await page.locator('.msg-bot .actions button[value="agree"]').count()).toBe(1);
    // Never silently: the page says the earlier draft is gone (test/e2e/webchat.lost-draft.browser.test.ts has more).
    expect(await page.locator('[role="alert"]').textContent()).toContain('We could not find your earlier draft');
    await context.close();
  });

  it('shows visible focus, counts characters of long answers, and respects prefers-reduced-motion', async () => {
    const { page } = await openPage({ reducedMotion: 'reduce' });
    expect(await page.locator('.msg').first().evaluate((node) => getComputedStyle(node).animationName)).toBe('none');
    await page.keyboard.press('Shift+Tab'); // from the message box back to "Start over" or a button
    const outline = await page.evaluate(() => {
      const active = document.activeElement as HTMLElement | null;
      return active ? getComputedStyle(active).outlineStyle : 'none';
    });
    expect(outline).not.toBe('none');

    // Long answers get a character count, tied to the message box.
    await page.locator('#message').fill('a'.repeat(1234));
    expect(await page.locator('#char-count').textContent(), 'the counter shows the limit before it is reached').toBe('1,234 of 20,000 characters');
    expect(await page.getAttribute('#message', 'aria-describedby')).toContain('char-count');
    await page.locator('#message').fill('short');
    expect(await page.locator('#char-count').textContent()).toBe('');

    const { page: animated } = await openPage({ reducedMotion: 'no-preference' });
    expect(await animated.locator('.msg').first().evaluate((node) => getComputedStyle(node).animationName)).toBe('msg-in');
  });
});
