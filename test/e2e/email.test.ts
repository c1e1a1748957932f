import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CONFIRMATIONS_PER_ADDRESS, MAX_CONFIRMATIONS_PER_SESSION } from '../../src/email/opt-in.js';
import { startTestApp } from '../support/app.js';
import { linkTo, readMail } from '../support/mail.js';
import { startSmtpServer } from '../support/smtp.js';
import { WebchatClient } from '../support/webchat-client.js';
import { api, tokenFor } from './moderation-support.js';

/**
 * Email for web chat partners, through the real HTTP server and a local SMTP server: double opt-in (an
 * address gets nothing but a confirmation until its link is followed), its limits, the attacker's view
 * (someone else's imported address typed into your session), one-click unsubscribe (RFC 8058), staff
 * invitations by email with a private draft each, and the "Remind me by email" box's state.
 */
const NO_QUIET_HOURS = { daysBefore: [14, 7, 2, 1, 0], localHour: 10, quietHours: { start: 0, end: 0 }, weekends: true };

interface PanelJson {
  available: boolean;
  show: boolean;
  state: string;
  email: string | null;
  statusText: string;
  labels: Record<string, string>;
  error?: { code: string; message: string };
}

describe('Email for web chat partners', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  let staff: ReturnType<typeof api>;
  let admin: ReturnType<typeof api>;
  const url = () => harness.app.url;

  const reminders = async (client: WebchatClient, body?: Parameters<WebchatClient['reminders']>[0]): Promise<{ status: number; json: PanelJson }> => {
    const response = await client.reminders(body);
    return { status: response.status, json: (await response.json()) as PanelJson };
  };
  const consented = async (language?: 'en' | 'es') => {
    const client = new WebchatClient(url());
    await client.start(language);
    await client.press('agree');
    return client;
  };
  const mailsTo = (address: string) => smtp.mails.filter((mail) => mail.to.some((to) => to.toLowerCase() === address.toLowerCase())).map(readMail);
  const remindNow = async (audience: string) => {
    const response = await staff.post('/api/reminders/send', { audience });
    const { id, queued } = (await response.json()) as { id: string; queued: number };
    await harness.app.staff.executor.drain();
    return { id, queued };
  };
  const partnerRow = async (email: string) =>
    (await harness.app.database.client.query<{ conversation_key: string | null; email_confirmed_at: unknown; source: string }>(
      'SELECT conversation_key, email_confirmed_at, source FROM partners WHERE lower(email) = lower($1)',
      [email],
    )).rows;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    // The frequency cap has its own tests (roster.page.test.ts); here reminders follow invitations at once.
    harness = await startTestApp({ SMTP_URL: smtp.url, REMINDER_RATE_PER_SECOND: '50', REMINDER_MIN_GAP_HOURS: '0' });
    staff = api(harness.app, (await tokenFor(harness.app, 'staff')).token);
    admin = api(harness.app, (await tokenFor(harness.app, 'admin')).token);
    const plan = await fetch(`${url()}/api/reminders/plan`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${(await tokenFor(harness.app, 'staff')).token}`, 'content-type': 'application/json' },
      body: JSON.stringify(NO_QUIET_HOURS),
    });
    expect(plan.status).toBe(200);
  });
  afterAll(async () => {
    await harness?.cleanup();
    await smtp?.stop();
  });

  it('double opt-in: an address gets only a confirmation (no draft link) until its link is followed and Confirm pressed', async () => {
    const address = 'optin.partner@example.org';
    const partner = await consented();
    const saved = await reminders(partner, { email: address, remind: true, timeZone: 'America/Denver' });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ state: 'pending', email: address });
    expect(saved.json.statusText).toContain('Open the link in it to confirm');

    const [confirmation, ...others] = mailsTo(address);
    expect(others).toHaveLength(0);
    expect(confirmation?.subject).toMatch(/^Please confirm your email for reminders: /);
    expect(confirmation?.text).toContain('If it was not you, you do not need to do anything');
    expect(confirmation?.text).not.toContain('#session=');
    expect(confirmation?.text).not.toContain(partner.sessionId);
    const confirmUrl = linkTo(confirmation!, '/email/confirm');

    // Not bound yet: no reminder reaches it, and the roster has no email for this conversation.
    expect(await partnerRow(address)).toEqual([]);
    expect((await remindNow('in-progress')).queued).toBe(0);
    expect(mailsTo(address)).toHaveLength(1);

    // Opening the link (what a mail scanner does) changes nothing; pressing Confirm does.
    const page = await fetch(confirmUrl);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Confirm your email for reminders');
    expect(html).toMatch(/<form method="post" action="\/email\/confirm\?token=[A-Za-z0-9_-]{43}"><button type="submit">Confirm<\/button>/);
    expect((await reminders(partner)).json.state).toBe('pending');
    const confirmed = await fetch(confirmUrl, { method: 'POST' });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('your email is confirmed');
    expect((await reminders(partner)).json).toMatchObject({ state: 'on', email: address });
    // The link works once.
    expect((await fetch(confirmUrl, { method: 'POST' })).status).toBe(404);

    const rows = await partnerRow(address);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.conversation_key).toBe(`webchat:web:${partner.sessionId}`);

    // Now the reminder comes, with the partner's own draft link and a one-click unsubscribe.
    const { id } = await remindNow('in-progress');
    expect(await staff.json(`/api/reminders/${id}`)).toMatchObject({ sent: 1, done: true });
    const reminder = mailsTo(address)[1]!;
    expect(reminder.subject).toMatch(/^A reminder: /);
    expect(linkTo(reminder, /#session=/)).toBe(`${url()}/#session=${partner.sessionId}`);
    const stopUrl = linkTo(reminder, '/email/unsubscribe');
    expect(reminder.header('List-Unsubscribe')).toBe(`<${stopUrl}>`);
    expect(reminder.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
  });

  it('one-click unsubscribe (RFC 8058): the POST stops reminders with nothing else to do; the GET only shows a Stop button', async () => {
    const address = 'oneclick@example.org';
    const partner = await consented();
    await reminders(partner, { email: address, remind: true });
    await fetch(linkTo(mailsTo(address)[0]!, '/email/confirm'), { method: 'POST' });
    await remindNow('in-progress');
    const stopUrl = linkTo(mailsTo(address)[1]!, '/email/unsubscribe');

    const shown = await fetch(stopUrl);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('<button type="submit">Stop reminders</button>');
    expect((await reminders(partner)).json.state).toBe('on');

    // What a mail provider sends: no cookie, no page, just this body.
    const oneClick = await fetch(stopUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('no more reminders');
    expect((await reminders(partner)).json).toMatchObject({ state: 'stopped', email: address });
    const before = mailsTo(address).length;
    await remindNow('in-progress');
    expect(mailsTo(address)).toHaveLength(before);

    // A token cut short, or made up, is a kind 404 page.
    const broken = await fetch(stopUrl.slice(0, -3));
    expect(broken.status).toBe(404);
    expect(await broken.text()).toContain('This link does not work any more');
    expect((await fetch(`${url()}/email/unsubscribe?token=${'A'.repeat(43)}`, { method: 'POST' })).status).toBe(404);
  });

  it('limits confirmation messages per address and per session, with a kind message when it refuses', async () => {
    const address = 'flooded@example.org';
    for (let i = 0; i < MAX_CONFIRMATIONS_PER_ADDRESS; i += 1) {
      expect((await reminders(await consented(), { email: address, remind: true })).status).toBe(200);
    }
    const refused = await reminders(await consented(), { email: address, remind: true });
    expect(refused.status).toBe(429);
    expect(refused.json.error?.message).toMatch(/already sent several confirmation messages to this address today/);
    expect(mailsTo(address)).toHaveLength(MAX_CONFIRMATIONS_PER_ADDRESS);

    const busy = await consented('es');
    for (let i = 0; i < MAX_CONFIRMATIONS_PER_SESSION; i += 1) {
      expect((await reminders(busy, { email: `spread${i}@example.org`, remind: true })).status).toBe(200);
    }
    const tooMany = await reminders(busy, { email: 'one.more@example.org', remind: true });
    expect(tooMany.status).toBe(429);
    expect(tooMany.json.error?.message).toMatch(/Ha pedido varios mensajes de confirmación hoy/);
    expect(mailsTo('one.more@example.org')).toHaveLength(0);
    // Only the latest request of a session has a working link.
    const first = linkTo(mailsTo('spread0@example.org')[0]!, '/email/confirm');
    expect((await fetch(first)).status).toBe(404);
  });

  it("the attacker's view: typing someone's imported address does not attach your session to their record or send them anything but a confirmation", async () => {
    const victim = 'imported.victim@example.org';
    const imported = await staff.post('/api/roster', { partners: [{ platform: 'webchat', email: victim, name: 'Victim Person', organization: 'Victim Org' }] });
    expect(imported.status).toBe(200);
    const [record] = await partnerRow(victim);
    expect(record?.source).toBe('import');
    const victimDraft = record?.conversation_key;

    const attacker = await consented();
    await attacker.send('anonymous');
    expect((await reminders(attacker, { email: victim, remind: true })).json.state).toBe('pending');
    // Still the victim's own record, with their own private draft; the attacker's session is not on it.
    expect(await partnerRow(victim)).toEqual([expect.objectContaining({ conversation_key: victimDraft, email_confirmed_at: null })]);
    const mails = mailsTo(victim);
    expect(mails.map((mail) => mail.subject)).toEqual([expect.stringMatching(/^Please confirm/)]);
    expect(mails[0]?.text).not.toContain(attacker.sessionId);

    // Reminders reach neither; the staff invitation reaches the victim with THEIR draft, never the attacker's.
    await remindNow('unfinished');
    expect(mailsTo(victim)).toHaveLength(1);
    const invite = await staff.post('/api/roster/invite', { all: true });
    expect(invite.status).toBe(202);
    await harness.app.staff.executor.drain();
    const invitation = mailsTo(victim)[1]!;
    expect(invitation.subject).toMatch(/^An invitation: /);
    const draftLink = linkTo(invitation, /#session=/);
    expect(draftLink).not.toContain(attacker.sessionId);
    expect(`webchat:web:${new URL(draftLink).hash.replace('#session=', '')}`).toBe(victimDraft);
    expect(mailsTo(victim)).toHaveLength(2);
  });

  it('an imported partner who starts on their own and confirms their address keeps one roster row, with what staff imported', async () => {
    const address = 'self.starter@example.org';
    await staff.post('/api/roster', { partners: [{ platform: 'webchat', email: address, name: 'Self Starter', organization: 'Starter Org' }] });
    const partner = await consented();
    await partner.send('anonymous');
    await reminders(partner, { email: address.toUpperCase(), remind: true });
    await fetch(linkTo(mailsTo(address.toUpperCase())[0]!, '/email/confirm'), { method: 'POST' });
    const rows = await harness.app.database.client.query<{ conversation_key: string; name: string; organization: string; source: string }>(
      'SELECT conversation_key, name, organization, source FROM partners WHERE lower(email) = $1',
      [address],
    );
    expect(rows.rows).toEqual([{ conversation_key: `webchat:web:${partner.sessionId}`, name: 'Self Starter', organization: 'Starter Org', source: 'import' }]);
  });

  it('staff invite imported web chat partners by email: a fresh private draft each, opened by its link, then reminders follow', async () => {
    const people = ['invitee.one@example.org', 'invitee.two@example.org'];
    await staff.post('/api/roster', { partners: people.map((email) => ({ platform: 'webchat', email })) });
    await staff.post('/api/roster/invite', { all: true });
    await harness.app.staff.executor.drain();
    const [one, two] = people.map((address) => mailsTo(address));
    expect(one).toHaveLength(1);
    expect(two).toHaveLength(1);
    const links = [one![0]!, two![0]!].map((mail) => linkTo(mail, /#session=/));
    expect(links[0]).not.toBe(links[1]);
    for (const mail of [one![0]!, two![0]!]) {
      expect(mail.header('List-Unsubscribe')).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/email\/unsubscribe\?token=[A-Za-z0-9_-]{43}>$/);
      expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    }
    // Not opened yet: the plan's reminders do not go to an address that never confirmed.
    const before = mailsTo(people[0]!).length;
    await remindNow('not-started');
    expect(mailsTo(people[0]!)).toHaveLength(before);

    // The first visit of the link begins the draft (the intro); the address counts as confirmed.
    const sessionId = new URL(links[0]!).hash.replace('#session=', '');
    const state = await fetch(`${url()}/chat/api/sessions/${sessionId}`);
    expect(state.status).toBe(200);
    expect(((await state.json()) as { step: string }).step).toBe('intro');
    expect((await partnerRow(people[0]!))[0]?.email_confirmed_at).not.toBeNull();
    await remindNow('unfinished');
    expect(mailsTo(people[0]!).map((mail) => mail.subject)).toEqual([expect.stringMatching(/^An invitation/), expect.stringMatching(/^A reminder/)]);
    expect(mailsTo(people[1]!)).toHaveLength(1);
    // The second one stops reminders from the invitation itself: still "not started", and nothing more comes.
    const stopped = await fetch(linkTo(two![0]!, '/email/unsubscribe'), { method: 'POST', body: 'List-Unsubscribe=One-Click' });
    expect(stopped.status).toBe(200);
    const row = await harness.app.database.client.query<{ progress: string; reminders_opted_out: boolean }>('SELECT progress, reminders_opted_out FROM partners WHERE email = $1', [people[1]]);
    expect(row.rows).toEqual([{ progress: 'invited', reminders_opted_out: true }]);
    await fetch(`${url()}/chat/api/sessions/${new URL(links[1]!).hash.replace('#session=', '')}`);
    await remindNow('unfinished');
    expect(mailsTo(people[1]!)).toHaveLength(1);
    // A made-up id is still "not found", not a new draft.
    expect((await fetch(`${url()}/chat/api/sessions/${'B'.repeat(32)}`)).status).toBe(404);
  });

  it('"Remind me by email" shows only after consent and before submit, with its real state after stop reminders, in the partner\'s language', async () => {
    const partner = new WebchatClient(url());
    await partner.start('es');
    const intro = await reminders(partner);
    expect(intro.json).toMatchObject({ available: true, show: false });
    expect((await reminders(partner, { email: 'early@example.org', remind: true })).status).toBe(400);
    await partner.press('agree');
    const open = await reminders(partner);
    expect(open.json).toMatchObject({ available: true, show: true, state: 'none' });
    expect(open.json.labels.title).toBe('Recordarme por correo electrónico');
    // It says what this address is for, and what the contact email is for.
    expect(open.json.labels.purpose).toMatch(/solo para enviarle algunos recordatorios/);
    expect(open.json.labels.purpose).toMatch(/correo de contacto de las preguntas es otro: permite que el equipo le contacte sobre su comentario/);

    const address = 'estado@example.org';
    await reminders(partner, { email: address, remind: true });
    await fetch(linkTo(mailsTo(address)[0]!, '/email/confirm'), { method: 'POST' });
    expect((await reminders(partner)).json.statusText).toBe(`Los recordatorios van a ${address}. Para detenerlos, desmarque la casilla y guarde, o escriba parar recordatorios.`);
    await partner.send('parar recordatorios');
    expect((await reminders(partner)).json).toMatchObject({ state: 'stopped', statusText: `Los recordatorios a ${address} están detenidos. Marque la casilla y guarde para recibirlos de nuevo.` });
    // Ticking the box again for the confirmed address needs no new confirmation.
    const again = await reminders(partner, { email: address, remind: true });
    expect(again.json.state).toBe('on');
    expect(mailsTo(address)).toHaveLength(1);

    await partner.send('anónimo');
    await partner.send('1');
    await partner.send('omitir');
    await partner.send('Una respuesta.');
    await partner.send('revisar');
    await partner.press('submit');
    expect((await partner.state()).receipt).toBeTruthy();
    expect((await reminders(partner)).json.show).toBe(false);
  });

  it('serves the chat at /chat/ too, so resume links in emails sent before the fix open it', async () => {
    const page = await fetch(`${url()}/chat/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="/chat/static/chat.js">');
    const bare = await fetch(`${url()}/chat`, { redirect: 'manual' });
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe('/chat/');
  });

  it('never logs an email address or a link token', async () => {
    const text = harness.logs.text;
    expect(text).not.toMatch(/@example\.org/);
    expect(text).not.toMatch(/token=[A-Za-z0-9_-]{20}/);
    // Admins see the confirmed addresses on the roster; staff do not.
    const asAdmin = await admin.json<{ partners: Array<{ email: string | null }> }>('/api/roster');
    expect(asAdmin.partners.some((p) => p.email === 'optin.partner@example.org')).toBe(true);
  });
});

describe('Email turned off', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    harness = await startTestApp({});
  });
  afterAll(async () => harness?.cleanup());

  it('hides "Remind me by email" and refuses it when no email is configured', async () => {
    const client = new WebchatClient(harness.app.url);
    await client.start();
    await client.press('agree');
    const panel = await client.reminders();
    expect(await panel.json()).toMatchObject({ available: false, show: false });
    const put = await client.reminders({ email: 'x@example.org', remind: true });
    expect(put.status).toBe(404);
    expect((await fetch(`${harness.app.url}/email/confirm?token=${'A'.repeat(43)}`)).status).toBe(404);
  });
});
