import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { allCatalogs } from '../../src/i18n/catalog.js';
import { FakeCommentApi } from '../fixtures/regulations/fake-comment-api.js';
import { startTestApp } from '../support/app.js';
import { violationsOf } from '../support/axe.js';
import { launchChromium, skipWithoutChromium } from '../support/browser.js';
import { WebchatClient } from '../support/webchat-client.js';

/**
 * Issue 19 in the web chat, in Chromium at a phone (390×844) and a desktop (1280×800), in English and
 * Spanish, with axe on every screen: the first screen (who asks, how to check, "I agree" in view), an
 * over-long paste (kept in the box, with the reason), the structured review of a long answer, the receipt
 * in each forwarding mode, and the copy download.
 */
const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;
const LANGUAGES = ['en', 'es'] as const;
const NOTICE_URL = 'https://www.federalregister.gov/documents/2022/02/10/example-notice';
const CONTACT = { name: { en: 'The Office to Monitor and Combat Trafficking', es: 'La Oficina para Monitorear y Combatir la Trata' }, email: 'rfi-office@example.gov' };
const KEY = 'test-comment-api-key';
const LIMIT = 20_000;

type Size = keyof typeof SIZES;
type Lang = (typeof LANGUAGES)[number];

describe.skipIf(skipWithoutChromium('the web chat trust browser test'))('web chat: first screen, limits, review, receipt and copy (issue 19)', () => {
  let browser: Browser;
  let flowsDir: string;
  const fake = new FakeCommentApi(KEY);
  /** One app per forwarding mode: off (no Comment API), after-review and auto (a fake Comment API). */
  const apps: Record<'off' | 'after-review' | 'auto', { app: RunningApp; cleanup(): Promise<void> }> = {} as never;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    // The RFI questionnaire with the official notice and a contact, as a deployment adds them (FLOWS_DIR).
    flowsDir = await mkdtemp(join(tmpdir(), 'rfibot-flows-'));
    const probe = await startTestApp({ LOG_LEVEL: 'silent' });
    const flow = { ...probe.app.flow, noticeUrl: NOTICE_URL, contact: CONTACT };
    await probe.cleanup();
    await writeFile(join(flowsDir, 'rfi.mjs'), `export default ${JSON.stringify(flow)};\n`);
    const api = await fake.start();
    const forwarding = { COMMENT_API_URL: api, COMMENT_API_KEY: KEY, COMMENT_DOCKET_DOCUMENT_ID: 'DOS-2022-0004-0001' };
    apps.off = await startTestApp({ LOG_LEVEL: 'silent', FLOWS_DIR: flowsDir, MAX_ANSWER_CHARS: String(LIMIT) });
    apps['after-review'] = await startTestApp({ LOG_LEVEL: 'silent', FLOWS_DIR: flowsDir, ...forwarding, FORWARD_MODE: 'after-review' });
    apps.auto = await startTestApp({ LOG_LEVEL: 'silent', FLOWS_DIR: flowsDir, ...forwarding, FORWARD_MODE: 'auto' });
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    for (const started of Object.values(apps)) await started?.cleanup();
    await fake.stop();
    if (flowsDir) await rm(flowsDir, { recursive: true, force: true });
  });

  async function open(url: string, size: Size, lang: Lang, sessionId?: string): Promise<Page> {
    const context = await browser.newContext({ viewport: SIZES[size], deviceScaleFactor: 1, locale: lang === 'es' ? 'es-US' : 'en-US', acceptDownloads: true });
    contexts.push(context);
    if (sessionId) await context.addInitScript((id) => localStorage.setItem('rfiChat.sessionId', id), sessionId);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource|net::ERR_/.test(message.text())) problems.push(message.text());
    });
    (page as Page & { problems: string[] }).problems = problems;
    await page.goto(`${url}/?lang=${lang}`);
    await idle(page);
    await expect.poll(() => page.locator('.msg-bot').count()).toBeGreaterThan(0);
    return page;
  }

  const problemsOf = (page: Page) => (page as Page & { problems: string[] }).problems;

  async function idle(page: Page): Promise<void> {
    await page.waitForSelector('#composer[data-busy="false"]', { timeout: 15_000 });
  }

  async function press(page: Page, id: string): Promise<void> {
    const before = await page.locator('.msg-bot').count();
    await page.locator(`.msg-bot .actions button[value="${id}"]`).click();
    await page.waitForFunction((count) => document.querySelectorAll('.msg-bot').length > count && document.getElementById('composer')?.dataset.busy === 'false', before);
  }

  async function expectAxeClean(page: Page, where: string): Promise<void> {
    expect(await violationsOf(page), `axe (${where})`).toEqual([]);
  }

  /** True when the element is inside the viewport and nothing (the sticky message box) covers its centre. */
  async function fullyVisible(page: Page, selector: string): Promise<{ inView: boolean; onTop: boolean }> {
    return page.locator(selector).evaluate((node) => {
      const box = node.getBoundingClientRect();
      const inView = box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth && box.height > 0;
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return { inView, onTop: hit === node || node.contains(hit) };
    });
  }

  for (const lang of LANGUAGES) {
    for (const size of Object.keys(SIZES) as Size[]) {
      it(`first screen (${lang}, ${size}): title heading, who asks, the notice and contact, the notes as a list, "I agree" in view`, async () => {
        const page = await open(apps.off.app.url, size, lang);
        const flow = apps.off.app.flow;
        expect(await page.locator('.msg-intro h2').textContent()).toBe(flow.title[lang]);
        expect(await page.locator('.intro-who').textContent()).toContain(flow.askedBy[lang]);
        expect(await page.locator('.intro-why').textContent()).toBe(flow.purpose[lang]);
        const notice = page.locator('.intro-notice');
        expect(await notice.getAttribute('href')).toBe(NOTICE_URL);
        expect(await notice.textContent()).toBe(allCatalogs[lang].webchatPage.introNotice);
        expect(await page.locator('.intro-contact-email').getAttribute('href')).toBe(`mailto:${CONTACT.email}`);
        expect(await page.locator('.intro-check').textContent()).toContain(CONTACT.name[lang]);
        expect(await page.locator('.intro-notes li').allTextContents()).toEqual([
          allCatalogs[lang].publicRecord,
          allCatalogs[lang].noPersonalInfo,
          allCatalogs[lang].contentNote,
        ]);
        // No scrolling: the page is at the top and "I agree" is in view, not under the message box.
        expect(await page.evaluate(() => window.scrollY)).toBe(0);
        expect(await fullyVisible(page, '.msg-bot .actions button[value="agree"]')).toEqual({ inView: true, onTop: true });
        expect(await page.locator('.msg-bot .actions button[value="agree"]').textContent()).toBe(allCatalogs[lang].actions.agree);
        await expectAxeClean(page, `intro ${lang} ${size}`);

        // Past the profile steps, at a question, the progress bar stays in view when the page scrolls.
        await press(page, 'agree');
        await press(page, 'anonymous');
        await press(page, '1');
        await press(page, 'skip');
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        expect(await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight), 'the page is taller than the screen').toBe(true);
        expect(await fullyVisible(page, '#progress-wrap')).toEqual({ inView: true, onTop: true });
        expect(problemsOf(page)).toEqual([]);
      });
    }
  }

  for (const lang of LANGUAGES) {
    it(`an over-long paste (${lang}, phone) is not sent: the text stays in the box with the reason, the counter warned`, async () => {
      const client = new WebchatClient(apps.off.app.url);
      await client.start(lang);
      await client.press('agree');
      await client.send('anonymous');
      await client.send('1');
      await client.send('skip');
      const page = await open(apps.off.app.url, 'phone', lang, client.sessionId);
      const c = allCatalogs[lang].webchatPage;
      const n = (value: number) => new Intl.NumberFormat(lang === 'es' ? 'es-US' : 'en-US').format(value);
      // The limit is stated at the question.
      expect(await page.locator('#limit-hint').textContent()).toBe(c.answerLimit.replace('{limit}', n(LIMIT)));

      await page.locator('#message').fill('a'.repeat(19_800));
      expect(await page.locator('#char-count').textContent()).toBe(c.counter.replace('{count}', n(19_800)).replace('{limit}', n(LIMIT)));
      expect(await page.locator('#char-count').textContent()).toContain(lang === 'es' ? '19,800 de 20,000' : '19,800 of 20,000');

      const paste = `${'Community health workers need language access. '.repeat(500)}`.slice(0, 22_400);
      expect(paste.length).toBe(22_400);
      await page.locator('#message').fill(paste);
      const userBubbles = await page.locator('.msg-user').count();
      await page.locator('#message').press('Enter');
      await expect.poll(() => page.locator('#input-error').textContent()).toBe(c.tooLong.replace('{count}', n(22_400)).replace('{limit}', n(LIMIT)));
      expect(await page.inputValue('#message'), 'the paste is still in the box').toBe(paste);
      expect(await page.locator('.msg-user').count(), 'no "You" bubble that looks sent').toBe(userBubbles);
      expect(await page.getAttribute('#message', 'aria-invalid')).toBe('true');
      expect(await page.getAttribute('#message', 'aria-describedby')).toContain('input-error');
      expect(await fullyVisible(page, '#input-error')).toEqual({ inView: true, onTop: true });
      expect((await client.state()).step, 'nothing reached the server').toBe('question:1');
      await expectAxeClean(page, `over-long paste ${lang}`);

      // Shortened to fit, it is sent and the reason goes away.
      await page.locator('#message').fill(paste.slice(0, 1_000));
      expect(await page.locator('#input-error').textContent()).toBe('');
      const bots = await page.locator('.msg-bot').count();
      await page.locator('#message').press('Enter');
      await page.waitForFunction((count) => document.querySelectorAll('.msg-bot').length > count && document.getElementById('composer')?.dataset.busy === 'false', bots);
      expect(await page.inputValue('#message')).toBe('');
      expect(problemsOf(page)).toEqual([]);
    });
  }

  for (const lang of LANGUAGES) {
    for (const size of Object.keys(SIZES) as Size[]) {
      it(`the review (${lang}, ${size}) of one 7,000-character answer and four short ones: warning first, questions apart from answers, one primary button`, async () => {
        const client = new WebchatClient(apps.off.app.url);
        await client.start(lang);
        await client.press('agree');
        await client.send('anonymous');
        await client.send('1');
        await client.send('skip');
        const long = `${'Outreach must be led by people the community trusts. '.repeat(140)}`.slice(0, 7_000);
        const answers = [long, 'Short answer two, Plover-2201.', 'Write to me at person@example.org, Plover-2202.', 'Short answer four, Plover-2203.', 'Short answer five, Plover-2204.'];
        for (const answer of answers) {
          await client.send(answer);
          await client.press('next');
        }
        const page = await open(apps.off.app.url, size, lang, client.sessionId);
        await expect.poll(() => page.locator('.msg-review .review-item').count()).toBe(5);
        const flow = apps.off.app.flow;
        const items = page.locator('.msg-review .review-item');
        for (let index = 0; index < 5; index += 1) {
          const item = items.nth(index);
          expect(await item.locator('.review-question').textContent()).toBe(flow.questions[index]?.text[lang]);
          expect(await item.locator('.review-answer').textContent()).toBe(answers[index]);
          // The wording and the answer look different (not only in words).
          const looks = await item.evaluate((node) => {
            const q = getComputedStyle(node.querySelector('.review-question') as Element);
            const a = getComputedStyle(node.querySelector('.review-answer') as Element);
            return { q: `${q.fontStyle}|${q.backgroundColor}|${q.borderLeftWidth}`, a: `${a.fontStyle}|${a.backgroundColor}|${a.borderLeftWidth}` };
          });
          expect(looks.q).not.toBe(looks.a);
        }
        // The personal-information warning comes before the answers, with an icon and words naming question 3.
        const order = await page.locator('.msg-review .review').evaluate((node) => [...node.children].map((child) => child.className));
        expect(order.indexOf('callout callout-warning')).toBeLessThan(order.indexOf('review-items'));
        expect(await page.locator('.callout-icon').count()).toBe(1);
        const warning = (await page.locator('.callout').textContent()) ?? '';
        expect(warning).toContain(allCatalogs[lang].webchatPage.warningIcon);
        expect(warning).toMatch(/3/);
        expect(await page.locator('.review-length').textContent()).toMatch(/7[.,]\d{3}/);
        // One primary "Send my comment"; "Discard draft" looks different.
        const submit = page.locator('.actions button[value="submit"]');
        const discard = page.locator('.actions button[value="cancel"]');
        expect(await page.locator('.actions .action-primary').count()).toBe(1);
        expect(await submit.getAttribute('class')).toContain('action-primary');
        expect(await discard.getAttribute('class')).toContain('action-secondary');
        const style = (selector: string) => page.locator(selector).evaluate((node) => getComputedStyle(node).backgroundColor + getComputedStyle(node).borderStyle);
        expect(await style('.actions button[value="submit"]')).not.toBe(await style('.actions button[value="cancel"]'));
        await expectAxeClean(page, `review ${lang} ${size}`);

        // Discard asks first (the engine's confirmation), and keeps the draft when the answer is no.
        await press(page, 'cancel');
        expect(await page.locator('.msg-bot').last().textContent()).toContain(allCatalogs[lang].cancelConfirm);
        await press(page, 'no');
        expect((await client.state()).step).toBe('review');
        expect(problemsOf(page)).toEqual([]);
      });
    }
  }

  for (const mode of ['off', 'after-review', 'auto'] as const) {
    for (const lang of LANGUAGES) {
      it(`the receipt (FORWARD_MODE ${mode}, ${lang}) says what happens next, offers a download and a clean print view`, async () => {
        const { app } = apps[mode];
        const client = new WebchatClient(app.url);
        await client.start(lang);
        await client.press('agree');
        await client.send('anonymous');
        await client.send('1');
        await client.send('skip');
        const answer = `Fund survivor-led groups directly. Marker Sandpiper-${mode}-${lang}.`;
        await client.send(answer);
        await client.press('review');
        const page = await open(app.url, lang === 'es' ? 'desktop' : 'phone', lang, client.sessionId);
        await press(page, 'submit');
        const receiptMessage = page.locator('.msg-receipt').last();
        const text = (await receiptMessage.textContent()) ?? '';
        expect(text).toContain(allCatalogs[lang].receiptNext[mode]);
        expect(text).toContain(CONTACT.email);
        const receipt = /RFI-[0-9A-Z-]+/.exec(text)?.[0];
        expect(receipt).toBeDefined();
        await expectAxeClean(page, `receipt ${mode} ${lang}`);

        // Download a copy: plain text through the Bearer-authenticated copy route, saved from a Blob.
        const download = receiptMessage.locator('button.copy-download');
        expect(await download.textContent()).toBe(allCatalogs[lang].webchatPage.downloadCopy);
        const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
        expect(file.suggestedFilename()).toBe('my-comment.txt');
        const saved = await readFile((await file.path()) ?? '', 'utf8');
        expect(saved).toContain(answer);
        expect(saved).toContain(receipt ?? '?');
        expect(saved).toContain(app.flow.questions[0]?.text[lang] ?? '?');

        // Print: the transcript only, without the message box or buttons.
        await page.emulateMedia({ media: 'print' });
        const printed = await page.evaluate(() => ({
          composer: getComputedStyle(document.getElementById('composer-wrap') as Element).display,
          buttons: [...document.querySelectorAll('.transcript button')].filter((node) => (node as HTMLElement).offsetParent !== null).map((node) => node.className),
          review: getComputedStyle(document.querySelector('.msg-review') as Element).display,
          receipt: getComputedStyle(document.querySelector('.msg-receipt') as Element).display,
        }));
        expect(printed).toEqual({ composer: 'none', buttons: [], review: 'block', receipt: 'block' });
        await page.emulateMedia({ media: 'screen' });
        expect(await receiptMessage.locator('button.copy-print').textContent()).toBe(allCatalogs[lang].webchatPage.print);
        expect(problemsOf(page)).toEqual([]);
      });
    }
  }
});
