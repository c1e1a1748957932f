import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { violationsOf } from '../support/axe.js';
import { launchChromium, skipWithoutChromium } from '../support/browser.js';
import { startTestApp } from '../support/app.js';
import { linkTo, readMail, type ReadMail } from '../support/mail.js';
import { startSmtpServer } from '../support/smtp.js';
import { WebchatClient } from '../support/webchat-client.js';
import { api, tokenFor } from './moderation-support.js';

/**
 * Every link in every email opens what it promises, in a real browser (Debian's Chromium): the links are
 * taken out of the emails a local SMTP server captured (or, for the development outbox, clicked on the
 * /moderate/outbox page), and each is opened in a fresh browser context, as on another device.
 */
const NO_QUIET_HOURS = { daysBefore: [14, 7, 2, 1, 0], localHour: 10, quietHours: { start: 0, end: 0 }, weekends: true };
const ANSWER = 'Shelters need interpreters on call. Kestrel-5521.';

describe.skipIf(skipWithoutChromium('the email links browser test'))('links in emails, opened in Chromium', () => {
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  let staff: ReturnType<typeof api>;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    smtp = await startSmtpServer();
    harness = await startTestApp({ SMTP_URL: smtp.url, REMINDER_RATE_PER_SECOND: '50', LOG_LEVEL: 'silent' });
    const { token } = await tokenFor(harness.app, 'staff');
    staff = api(harness.app, token);
    await fetch(`${harness.app.url}/api/reminders/plan`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(NO_QUIET_HOURS) });
  }, 120_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await harness?.cleanup();
    await smtp?.stop();
  });

  /** A new browser context (another device: no stored session) with a page that fails the test on script errors. */
  async function device(): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-US', reducedMotion: 'reduce' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    return page;
  }
  const idle = (page: Page) => page.waitForSelector('#composer[data-busy="false"]', { timeout: 15_000 });
  async function say(page: Page, text: string): Promise<void> {
    const before = await page.locator('.msg-bot').count();
    await page.fill('#message', text);
    await page.keyboard.press('Enter');
    await page.waitForFunction((count) => document.querySelectorAll('.msg-bot').length > count && document.getElementById('composer')?.dataset.busy === 'false', before, { timeout: 15_000 });
  }
  const mailsTo = (address: string): ReadMail[] => smtp.mails.filter((mail) => mail.to.includes(address)).map(readMail);

  it('a partner asks for reminders in the page, confirms on another device, and each reminder link opens their own draft or stops the reminders', async () => {
    const address = 'browser.partner@example.org';
    const phone = await device();
    await phone.goto(`${harness.app.url}/`);
    await idle(phone);
    // Before consent, no "Remind me by email".
    await expect.poll(() => phone.locator('.msg-bot').count()).toBeGreaterThan(0);
    expect(await phone.isHidden('#remind-panel')).toBe(true);
    await say(phone, 'agree');
    await expect.poll(() => phone.isVisible('#remind-panel')).toBe(true);
    await say(phone, 'anonymous');
    await say(phone, '1');
    await say(phone, 'skip');
    await say(phone, ANSWER);
    await say(phone, 'review');

    await phone.click('#remind-title');
    expect(await phone.textContent('#remind-purpose')).toContain('The contact email in the questions is different');
    await phone.fill('#remind-email', address);
    await phone.click('#remind-save');
    await expect.poll(() => phone.textContent('#remind-status')).toContain(`We sent a message to ${address}`);
    expect(await violationsOf(phone), 'the open "Remind me by email" box').toEqual([]);

    // The confirmation link, on another device: a Confirm button, then confirmed.
    const laptop = await device();
    await laptop.goto(linkTo(mailsTo(address)[0]!, '/email/confirm'));
    expect(await laptop.textContent('h1')).toBe('Confirm your email for reminders');
    expect(await violationsOf(laptop), 'the confirm page').toEqual([]);
    await laptop.click('button[type="submit"]');
    await laptop.waitForSelector('text=Thank you: your email is confirmed');
    expect(await violationsOf(laptop), 'the confirmed page').toEqual([]);

    await staff.post('/api/reminders/send', { audience: 'in-progress' });
    await harness.app.staff.executor.drain();
    const reminder = mailsTo(address)[1]!;

    // The resume link: the partner's own draft, with their answer, on a device that never saw it.
    const tablet = await device();
    const resume = linkTo(reminder, /#session=/);
    expect(new URL(resume).pathname).toBe('/');
    await tablet.goto(resume);
    await idle(tablet);
    await expect.poll(() => tablet.locator('.msg-bot').allTextContents().then((texts) => texts.join('\n'))).toContain('Kestrel-5521');
    expect(new URL(tablet.url()).hash).toBe(''); // the session id left the address bar

    // The same link in the old form (/chat/#session=…, sent before the fix) opens the same draft.
    const old = await device();
    await old.goto(resume.replace('/#session=', '/chat/#session='));
    await idle(old);
    await expect.poll(() => old.locator('.msg-bot').allTextContents().then((texts) => texts.join('\n'))).toContain('Kestrel-5521');

    // The stop link: a Stop reminders button, then done; the chat's box then says so.
    const other = await device();
    await other.goto(linkTo(reminder, '/email/unsubscribe'));
    expect(await violationsOf(other), 'the unsubscribe page').toEqual([]);
    await other.click('button[type="submit"]');
    await other.waitForSelector('text=Done: no more reminders');
    expect(await violationsOf(other), 'the unsubscribed page').toEqual([]);
    await say(phone, 'status');
    await expect.poll(() => phone.textContent('#remind-status')).toContain('are stopped');
    expect(await phone.isChecked('#remind-check')).toBe(false);
  });

  it("a staff invitation's link opens a fresh draft of the partner's own", async () => {
    const address = 'browser.invitee@example.org';
    await staff.post('/api/roster', { partners: [{ platform: 'webchat', email: address }] });
    await staff.post('/api/roster/invite', { all: true });
    await harness.app.staff.executor.drain();
    const invitation = mailsTo(address)[0]!;
    const page = await device();
    await page.goto(linkTo(invitation, /#session=/));
    await idle(page);
    await expect.poll(() => page.locator('.msg-bot').allTextContents().then((texts) => texts.join('\n'))).toMatch(/agree/i);
    const sessionId = await page.evaluate(() => window.localStorage.getItem('rfiChat.sessionId'));
    expect(linkTo(invitation, /#session=/)).toContain(`#session=${sessionId}`);
    // Its stop link works as well.
    await page.goto(linkTo(invitation, '/email/unsubscribe'));
    await page.click('button[type="submit"]');
    await page.waitForSelector('text=Done: no more reminders');
  });
});

describe.skipIf(skipWithoutChromium('the email outbox browser test'))('the development outbox in Chromium', () => {
  let browser: Browser;
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    browser = await launchChromium();
    harness = await startTestApp({ EMAIL_OUTBOX: 'on', LOG_LEVEL: 'silent' });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await harness?.cleanup();
  });

  it('an admin reads the confirmation at /moderate/outbox and its link, clicked there, confirms', async () => {
    const client = new WebchatClient(harness.app.url);
    await client.start();
    await client.press('agree');
    const saved = await client.reminders({ email: 'outbox.partner@example.org', remind: true });
    expect(saved.status).toBe(200);

    const context = await browser.newContext({ locale: 'en-US', reducedMotion: 'reduce' });
    const page = await context.newPage();
    const { token } = await tokenFor(harness.app, 'admin');
    await page.goto(`${harness.app.url}/moderate/outbox`);
    await page.fill('input[name="token"]', token);
    await page.click('button[type="submit"]');
    await page.waitForSelector('text=Nobody received them');
    expect(await violationsOf(page), 'the outbox list').toEqual([]);
    await page.click('a:has-text("Please confirm your email for reminders")');
    await page.waitForSelector('text=outbox.partner@example.org');
    expect(await violationsOf(page), 'one email in the outbox').toEqual([]);
    await page.click('pre a[href*="/email/confirm?token="]');
    await page.waitForSelector('h1:has-text("Confirm your email for reminders")');
    await page.click('button[type="submit"]');
    await page.waitForSelector('text=Thank you: your email is confirmed');
    await context.close();
  });
});
