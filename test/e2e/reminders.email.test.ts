import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer } from '../support/smtp.js';
import { startTestApp } from '../support/app.js';
import { linkTo, readMail } from '../support/mail.js';
import { api, tokenFor } from './moderation-support.js';

/**
 * Web chat partners who ticked "remind me": reminders by email through SMTP (a local SMTP server on
 * 127.0.0.1), with a private link that resumes the same draft on another device.
 */
const NO_QUIET_HOURS = { daysBefore: [14, 7, 2, 1, 0], localHour: 10, quietHours: { start: 0, end: 0 }, weekends: true };
const EMAIL = 'partner.reminders@example.org';

describe('Reminders by email for web chat partners', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  let staff: ReturnType<typeof api>;
  let sessionId = '';
  const chat = (method: string, path: string, body?: unknown) =>
    fetch(`${harness.app.url}/chat/api/sessions${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    harness = await startTestApp({ SMTP_URL: smtp.url, REMINDER_RATE_PER_SECOND: '50', PUBLIC_URL: 'https://rfi.example.org' });
    const { token } = await tokenFor(harness.app, 'staff');
    staff = api(harness.app, token);
    await fetch(`${harness.app.url}/api/reminders/plan`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(NO_QUIET_HOURS) });
    const created = (await (await chat('POST', '', {})).json()) as { sessionId: string };
    sessionId = created.sessionId;
    expect((await chat('POST', `/${sessionId}/messages`, { text: 'agree' })).status).toBe(200);
  });
  afterAll(async () => {
    await harness?.cleanup();
    await smtp?.stop();
  });

  it('refuses a bad "remind me" body and an unknown session', async () => {
    expect((await chat('PUT', `/${sessionId}/reminders`, { email: 'not an email', remind: true })).status).toBe(400);
    expect((await chat('PUT', `/${sessionId}/reminders`, { remind: true })).status).toBe(400);
    expect((await chat('PUT', `/${'x'.repeat(32)}/reminders`, { email: EMAIL, remind: true })).status).toBe(404);
  });

  it('emails the reminder with the countdown, the typed commands and a private resume link; the link opens the same draft', async () => {
    const saved = await chat('PUT', `/${sessionId}/reminders`, { email: EMAIL, remind: true, timeZone: 'America/Denver' });
    expect(saved.status).toBe(200);
    // Double opt-in: the confirmation message first (its link, then Confirm), then reminders.
    expect(smtp.mails).toHaveLength(1);
    // PUBLIC_URL is the address partners open: the same path on this server.
    const confirmUrl = new URL(linkTo(readMail(smtp.mails[0]!), '/email/confirm'));
    expect(confirmUrl.origin).toBe('https://rfi.example.org');
    const confirmed = await fetch(`${harness.app.url}${confirmUrl.pathname}${confirmUrl.search}`, { method: 'POST' });
    expect(confirmed.status).toBe(200);
    smtp.mails.length = 0;
    const roster = await staff.json<{ partners: Array<{ platform: string; status: string; timeZone: string | null; email: string | null }> }>('/api/roster');
    expect(roster.partners).toEqual([expect.objectContaining({ platform: 'webchat', status: 'started', timeZone: 'America/Denver', email: null })]);
    const { token: adminToken } = await tokenFor(harness.app, 'admin');
    const asAdmin = await api(harness.app, adminToken).json<{ partners: Array<{ email: string | null }> }>('/api/roster');
    expect(asAdmin.partners[0]?.email).toBe(EMAIL);

    const { id } = (await (await staff.post('/api/reminders/send', { audience: 'in-progress' })).json()) as { id: string };
    await harness.app.staff.executor.drain();
    expect(await staff.json(`/api/reminders/${id}`)).toMatchObject({ sent: 1, failed: 0, done: true });
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual([EMAIL]);
    expect(mail.raw).toMatch(/Subject: A reminder:/);
    const body = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    expect(body).toMatch(/days left/);
    expect(body).toContain('open the link and type stop reminders');
    expect(body).toContain(`https://rfi.example.org/#session=${sessionId}`);
    expect(readMail(mail).header('List-Unsubscribe')).toMatch(/^<https:\/\/rfi\.example\.org\/email\/unsubscribe\?token=[A-Za-z0-9_-]{43}>$/);
    expect(readMail(mail).header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    // The session in the link is the draft: another device resumes it.
    const state = (await (await chat('GET', `/${sessionId}`)).json()) as { step: string };
    expect(state.step).toBe('organization');
  });

  it('stops emailing after "stop reminders" typed in the web chat', async () => {
    const stopped = (await (await chat('POST', `/${sessionId}/messages`, { text: 'stop reminders' })).json()) as { replies: Array<{ text: string }> };
    expect(stopped.replies[0]?.text).toMatch(/you will not get any more reminders/);
    const { queued } = (await (await staff.post('/api/reminders/send', { audience: 'unfinished' })).json()) as { queued: number };
    expect(queued).toBe(0);
  });

  it('never logs the email address', () => {
    expect(harness.logs.text).not.toContain(EMAIL);
  });
});
