import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { startTestApp, type LogCapture } from '../support/app.js';
import { allText, receiptOf, WebchatClient } from '../support/webchat-client.js';
import { addSubmission, api, tokenFor, type SubmissionJson } from './moderation-support.js';

/**
 * The dashboard pages through the real HTTP server: login with a token → session cookie, redirects,
 * CSRF on forms, escaping of partner text, the PII flag set at submit, the startup admin token, logs.
 */
const XSS_SCRIPT = '<script>window.__pwned=1</script>';
const XSS_IMG = '<img src=x onerror="window.__pwned=2">';

let app: RunningApp;
let logs: LogCapture;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ app, logs, cleanup } = await startTestApp());
}, 60_000);
afterAll(async () => {
  await cleanup?.();
});

async function login(token: string): Promise<{ cookie: string; csrf: (path: string) => Promise<string> }> {
  const response = await fetch(`${app.url}/moderate/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, next: '/moderate/submissions' }).toString(),
    redirect: 'manual',
  });
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/moderate/submissions');
  const setCookie = response.headers.get('set-cookie') ?? '';
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Strict/);
  expect(setCookie).not.toMatch(/Secure/);
  const cookie = setCookie.split(';')[0] as string;
  return {
    cookie,
    async csrf(path: string) {
      const page = await (await fetch(`${app.url}${path}`, { headers: { cookie } })).text();
      return /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    },
  };
}

describe('dashboard access', () => {
  it('redirects pages to the login page without a session, and refuses a wrong token', async () => {
    for (const path of ['/moderate', '/moderate/submissions', '/moderate/questions/1', '/moderate/audit']) {
      const response = await fetch(`${app.url}${path}`, { redirect: 'manual' });
      expect(response.status, path).toBe(303);
      expect(response.headers.get('location')).toBe(`/moderate/login?next=${encodeURIComponent(path)}`);
    }
    const bad = await fetch(`${app.url}/moderate/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'token=rfm_wrongwrongwrongwrongwrong',
      redirect: 'manual',
    });
    expect(bad.status).toBe(303);
    expect(bad.headers.get('location')).toMatch(/^\/moderate\/login\?failed=1/);
    expect(bad.headers.get('set-cookie')).toBeNull();
    const page = await (await fetch(`${app.url}${bad.headers.get('location')}`)).text();
    expect(page).toContain('That token is not valid or has been revoked.');
  });

  it('generates a startup admin token on the embedded default that logs in, and never logs it', async () => {
    const token = app.moderation.bootstrapToken;
    expect(token).toMatch(/^rfm_[A-Za-z0-9_-]{43}$/);
    const { cookie } = await login(token as string);
    const audit = await fetch(`${app.url}/moderate/audit`, { headers: { cookie } });
    expect(audit.status).toBe(200);
    expect(logs.text).not.toContain(token as string);
    expect(logs.text).not.toContain(cookie.split('=')[1] as string);
  });

  it('shows staff the overview only (403 on submissions), and moderators not the audit log', async () => {
    const staff = await login((await tokenFor(app, 'staff')).token);
    expect((await fetch(`${app.url}/moderate`, { headers: { cookie: staff.cookie } })).status).toBe(200);
    const denied = await fetch(`${app.url}/moderate/submissions`, { headers: { cookie: staff.cookie } });
    expect(denied.status).toBe(403);
    expect(await denied.text()).toContain('Your role does not allow this page.');
    const moderator = await login((await tokenFor(app, 'moderator')).token);
    expect((await fetch(`${app.url}/moderate/audit`, { headers: { cookie: moderator.cookie } })).status).toBe(403);
  });

  it('ends the session at logout, and the cookie no longer works', async () => {
    const session = await login((await tokenFor(app, 'moderator')).token);
    const csrf = await session.csrf('/moderate');
    const out = await fetch(`${app.url}/moderate/logout`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${csrf}`,
      redirect: 'manual',
    });
    expect(out.status).toBe(303);
    expect((await fetch(`${app.url}/moderate/submissions`, { headers: { cookie: session.cookie }, redirect: 'manual' })).status).toBe(303);
  });
});

describe('moderating in the dashboard', () => {
  it('escapes partner text everywhere it is shown (no script can run)', async () => {
    const s = await addSubmission(app, {
      organization: `Org ${XSS_IMG}`,
      answers: { 1: `Answer with ${XSS_SCRIPT} and ${XSS_IMG}`, 2: 'Email me: someone@example.org' },
    });
    const { token } = await tokenFor(app, 'admin');
    const { cookie } = await login(token);
    for (const path of [`/moderate/submissions/${s.id}`, '/moderate/submissions', '/moderate/questions/1', '/moderate/audit']) {
      const page = await (await fetch(`${app.url}${path}`, { headers: { cookie } })).text();
      expect(page, path).not.toContain('<script>window');
      expect(page, path).not.toContain('<img src=x');
      if (path !== '/moderate/audit') expect(page, path).toContain('&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;');
    }
    const detail = await (await fetch(`${app.url}/moderate/submissions/${s.id}`, { headers: { cookie } })).text();
    expect(detail).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    // The scanner's hit is highlighted.
    expect(detail).toMatch(/<mark[^>]*>someone@example.org<\/mark>/);
  });

  it('names the respondent type as partners chose it, in the list, the detail and the reading view', async () => {
    const s = await addSubmission(app, { respondentType: 'researcher-or-academic', answers: { 1: 'Reading view answer' } });
    const { token } = await tokenFor(app, 'moderator');
    const { cookie } = await login(token);
    for (const path of [`/moderate/submissions/${s.id}`, '/moderate/submissions', '/moderate/questions/1']) {
      const page = await (await fetch(`${app.url}${path}`, { headers: { cookie } })).text();
      expect(page, path).toContain('Researcher or academic');
      expect(page, path).not.toContain('· researcher-or-academic');
    }
  });

  it('refuses a flag form without the CSRF token, applies it with one, and audits it', async () => {
    const s = await addSubmission(app);
    const session = await login((await tokenFor(app, 'moderator', 'Dana Dashboard')).token);
    const post = (body: Record<string, string>) =>
      fetch(`${app.url}/moderate/submissions/${s.id}/flags`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body).toString(),
        redirect: 'manual',
      });
    expect((await post({ flag: 'quarantined', do: 'set' })).status).toBe(403);
    expect((await post({ flag: 'quarantined', do: 'set', _csrf: 'forged' })).status).toBe(403);
    // The JSON API with a cookie needs the CSRF header too.
    const viaApi = await fetch(`${app.url}/api/submissions/${s.id}/flags`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ flag: 'quarantined', set: true }),
    });
    expect(viaApi.status).toBe(403);
    const { token: adminToken } = await tokenFor(app, 'admin');
    expect((await api(app, adminToken).json<SubmissionJson>(`/api/submissions/${s.id}`)).flags).not.toContain('quarantined');

    const csrf = await session.csrf(`/moderate/submissions/${s.id}`);
    const ok = await post({ flag: 'quarantined', do: 'set', _csrf: csrf });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/moderate/submissions/${s.id}?done=flag-set.quarantined#flags`);
    expect((await api(app, adminToken).json<SubmissionJson>(`/api/submissions/${s.id}`)).flags).toContain('quarantined');
    const audit = await (await fetch(`${app.url}/moderate/audit`, { headers: { cookie: (await login(adminToken)).cookie } })).text();
    expect(audit).toMatch(/Dana Dashboard<\/td><td>moderator<\/td><td>Quarantined \(kept out of exports\) <code>flag-set<\/code>/);
  });

  it('saves a redacted version from the form and keeps the original', async () => {
    const s = await addSubmission(app, { answers: { 1: 'Contact Maria at 555-867-5309 please' } });
    const session = await login((await tokenFor(app, 'moderator')).token);
    const csrf = await session.csrf(`/moderate/submissions/${s.id}`);
    const saved = await fetch(`${app.url}/moderate/submissions/${s.id}/redactions`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, questionId: app.flow.questions[0]?.id ?? '', text: 'Contact [name] at [phone] please', do: 'save' }).toString(),
      redirect: 'manual',
    });
    expect(saved.status).toBe(303);
    const page = await (await fetch(`${app.url}/moderate/submissions/${s.id}`, { headers: { cookie: session.cookie } })).text();
    expect(page).toContain('Contact [name] at [phone] please');
    expect(page).toContain('Contact Maria at');
    const csv = await (await fetch(`${app.url}/api/export.csv`, { headers: { cookie: session.cookie } })).text();
    expect(csv).toContain('Contact [name] at [phone] please');
    expect(csv).not.toContain('Contact Maria');
  });

  it('renders the overview with SVG charts and the reading view of one question', async () => {
    await addSubmission(app, { answers: { 3: 'Question three reading marker Q3-READ' } });
    const { cookie } = await login((await tokenFor(app, 'moderator')).token);
    const overview = await (await fetch(`${app.url}/moderate`, { headers: { cookie } })).text();
    expect(overview).toContain('<svg role="img"');
    expect(overview).toContain('Answers per question');
    // Every submission here is from one day: the time chart still marks it with a dot.
    expect(overview).toMatch(/<circle [^>]*class="chart-point"/);
    expect(overview).not.toMatch(/<script>|style=/);
    const reading = await (await fetch(`${app.url}/moderate/questions/3`, { headers: { cookie } })).text();
    expect(reading).toContain(app.flow.questions[2]?.text.en.slice(0, 40) ?? '');
    expect(reading).toContain('Q3-READ');
    const spanish = await (await fetch(`${app.url}/moderate`, { headers: { cookie, 'accept-language': 'es' } })).text();
    expect(spanish).toContain('Respuestas por pregunta');
  });
});

describe('export when the client goes away', () => {
  it('stops streaming, logs the abort and keeps serving', async () => {
    const db = app.database.client;
    await db.query(
      `INSERT INTO submissions (id, receipt, flow_id, flow_version, organization, respondent_type, language, channel, submitted_at)
       SELECT 'bulk-' || i, 'RFI-BULK' || i, $1, 1, 'Bulk', 'government', 'en', 'teams', timestamptz '2020-01-01' + i * interval '1 minute'
         FROM generate_series(1, 3000) AS i`,
      [app.flow.id],
    );
    await db.query(
      `INSERT INTO submission_answers (submission_id, question_id, question_index, question_text, answer)
       SELECT 'bulk-' || i, $1, 1, 'Q1', repeat('long answer text ', 200) FROM generate_series(1, 3000) AS i`,
      [app.flow.questions[0]?.id],
    );
    const { token } = await tokenFor(app, 'moderator');
    // A fresh connection (agent: false): the bulk inserts above block this process for a while, and a
    // pooled keep-alive socket could be closed by the server's idle timer just as it is reused.
    await new Promise<void>((resolve, reject) => {
      const req = request(`${app.url}/api/export.csv?channel=teams&respondentType=government`, { agent: false, headers: { authorization: `Bearer ${token}` } }, (res) => {
        expect(res.statusCode).toBe(200);
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (error) => ((error as { code?: string }).code === 'ECONNRESET' ? resolve() : reject(error)));
      req.end();
    });
    await expect.poll(() => logs.lines.some((line) => line.includes('"msg":"moderation export"') && line.includes('"aborted":true')), { timeout: 10_000 }).toBe(true);
    const exported = logs.lines.find((line) => line.includes('"aborted":true')) ?? '';
    expect((JSON.parse(exported) as { rows: number }).rows).toBeLessThan(3000);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  }, 30_000);
});

describe('PII at submit', () => {
  it('flags a web chat submission whose answer holds a phone number as pii-suspected', async () => {
    const client = new WebchatClient(app.url);
    await client.reachReview('You can reach our survivor advocate at 555-201-3344 any time.');
    let replies = await client.press('submit');
    if (!receiptOf(replies)) replies = await client.press('submit');
    const receipt = receiptOf(replies);
    expect(receipt, allText(replies)).toBeTruthy();
    const stored = await app.commentStore.getByReceipt(receipt as string);
    const { token } = await tokenFor(app, 'moderator');
    const view = await api(app, token).json<SubmissionJson>(`/api/submissions/${stored?.id}`);
    expect(view.flags).toEqual(['pii-suspected']);
  });

  it('highlights a date of birth and a possible personal name, labelled in the reader\'s language', async () => {
    const client = new WebchatClient(app.url);
    await client.reachReview('Our client Maria Lopez, DOB 03/14/1988, asked us to speak for her.');
    let replies = await client.press('submit');
    if (!receiptOf(replies)) replies = await client.press('submit');
    const stored = await app.commentStore.getByReceipt(receiptOf(replies) as string);
    const { token } = await tokenFor(app, 'moderator');
    const { cookie } = await login(token);
    const page = async (language: string) =>
      (await fetch(`${app.url}/moderate/submissions/${stored?.id}`, { headers: { cookie, 'accept-language': language } })).text();
    const en = await page('en');
    expect(en).toContain('<mark title="Possible personal information: possible personal name">Maria Lopez</mark><span class="sr-only"> (possible personal name)</span>');
    expect(en).toContain('<mark title="Possible personal information: date of birth">03/14/1988</mark>');
    const es = await page('es');
    expect(es).toContain('<mark title="Posible información personal: posible nombre de persona">Maria Lopez</mark>');
    expect(es).toContain('<span class="sr-only"> (fecha de nacimiento)</span>');
  });
});
