import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { AUTH_FAILURE_LIMIT } from '../../src/moderation/auth-throttle.js';
import { admin as adminScript } from '../support/admin-script.js';
import { DAY_MS, LogCapture, startTestApp } from '../support/app.js';
import { ShiftedClock } from '../support/clock.js';
import { tokenFor } from './moderation-support.js';

/**
 * Issue 17 item 4 (tokens in the browser and over the API) and issue 18 item 7 (bootstrap revocation,
 * expiry, failed sign-ins throttled and audited), while the bot runs, through the real HTTP server.
 * TRUST_PROXY=1 lets each test be its own client (X-Forwarded-For), so one test's lockout is not another's.
 */
describe('staff tokens while the bot runs', () => {
  const clock = new ShiftedClock();
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  let url: string;
  let admin: string;
  beforeAll(async () => {
    harness = await startTestApp({ TRUST_PROXY: '1' }, { clock });
    url = harness.app.url;
    admin = (await tokenFor(harness.app, 'admin', 'Head admin')).token;
  });
  afterAll(async () => {
    await harness?.cleanup();
  });

  const as = (token: string, client = '198.51.100.1') => ({ authorization: `Bearer ${token}`, 'x-forwarded-for': client });
  const postToken = (token: string, body: unknown) =>
    fetch(`${url}/api/tokens`, { method: 'POST', headers: { ...as(token), 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('creates a token through the API that works at once, lists it without the secret, and refuses it at once when revoked', async () => {
    const created = await postToken(admin, { role: 'moderator', name: 'Ana (outreach)', expiresInDays: 30 });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; token: string };
    expect(Object.keys(body).sort()).toEqual(['id', 'token']);
    expect(body.token).toMatch(/^rfm_[A-Za-z0-9_-]{43}$/);
    expect((await fetch(`${url}/api/submissions`, { headers: as(body.token) })).status).toBe(200);

    const listed = (await (await fetch(`${url}/api/tokens`, { headers: as(admin) })).json()) as { items: Array<Record<string, unknown>> };
    const record = listed.items.find((item) => item.id === body.id);
    expect(record).toMatchObject({ role: 'moderator', name: 'Ana (outreach)', revokedAt: null });
    expect(Date.parse(record?.expiresAt as string) - clock.now().getTime()).toBeGreaterThan(29 * DAY_MS);
    expect(JSON.stringify(listed)).not.toContain(body.token);

    const revoked = await fetch(`${url}/api/tokens/${body.id}`, { method: 'DELETE', headers: as(admin) });
    expect(revoked.status).toBe(200);
    expect((await fetch(`${url}/api/submissions`, { headers: as(body.token) })).status).toBe(401);
    expect((await fetch(`${url}/api/tokens/${body.id}x`, { method: 'DELETE', headers: as(admin) })).status).toBe(404);

    const audit = await harness.app.database.moderation.listAudit({ limit: 50 });
    expect(audit.find((e) => e.action === 'token-created' && e.detail.tokenId === body.id)).toMatchObject({ actorName: 'Head admin' });
    expect(audit.find((e) => e.action === 'token-revoked' && e.detail.tokenId === body.id)).toBeTruthy();
    expect(JSON.stringify(audit)).not.toContain(body.token);
    expect(harness.logs.text).not.toContain(body.token);
  });

  it('refuses an expired token (and its dashboard session) once its day has passed', async () => {
    const { token } = (await (await postToken(admin, { role: 'moderator', name: 'Short-lived', expiresInDays: 1 })).json()) as { token: string };
    expect((await fetch(`${url}/api/submissions`, { headers: as(token) })).status).toBe(200);
    const login = await fetch(`${url}/moderate/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.1' },
      body: new URLSearchParams({ token, next: '/moderate' }).toString(),
      redirect: 'manual',
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect((await fetch(`${url}/moderate/submissions`, { headers: { cookie }, redirect: 'manual' })).status).toBe(200);
    clock.advance(DAY_MS + 60_000);
    expect((await fetch(`${url}/api/submissions`, { headers: as(token) })).status).toBe(401);
    expect((await fetch(`${url}/moderate/submissions`, { headers: { cookie }, redirect: 'manual' })).status).toBe(303);
  });

  it('is for admins only, and says how to fix a bad request', async () => {
    const moderator = (await tokenFor(harness.app, 'moderator')).token;
    expect((await postToken(moderator, { role: 'admin', name: 'Me, promoted' })).status).toBe(403);
    expect((await fetch(`${url}/api/tokens`, { headers: as(moderator) })).status).toBe(403);
    const bad = await postToken(admin, { role: 'owner', name: '', expiresInDays: 0.5 });
    expect(bad.status).toBe(400);
    const details = ((await bad.json()) as { error: { details: string[] } }).error.details.join('\n');
    expect(details).toMatch(/name:/);
    expect(details).toMatch(/role: use one of staff, moderator, admin/);
    expect(details).toMatch(/expiresInDays: a whole number of days from 1 to 3650/);
  });

  it('manages tokens on /moderate/tokens: POST → 303 → GET, the new token shown once, CSRF-protected', async () => {
    const client = { 'x-forwarded-for': '198.51.100.2' };
    const login = await fetch(`${url}/moderate/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...client },
      body: new URLSearchParams({ token: admin, next: '/moderate' }).toString(),
      redirect: 'manual',
    });
    const session = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const overview = await (await fetch(`${url}/moderate`, { headers: { cookie: session, ...client } })).text();
    expect(overview).toContain('href="/moderate/tokens"');
    const page = await (await fetch(`${url}/moderate/tokens`, { headers: { cookie: session, ...client } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] as string;
    expect(csrf).toBeTruthy();
    const form = (fields: Record<string, string>) => ({
      method: 'POST',
      headers: { cookie: session, 'content-type': 'application/x-www-form-urlencoded', ...client },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual' as const,
    });

    expect((await fetch(`${url}/moderate/tokens`, form({ name: 'Forged', role: 'admin' }))).status).toBe(403);
    const created = await fetch(`${url}/moderate/tokens`, form({ _csrf: csrf, name: 'Luz (research)', role: 'staff', expiresInDays: '7' }));
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe('/moderate/tokens');
    const reveal = (created.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect(created.headers.get('set-cookie')).toMatch(/Path=\/moderate\/tokens; HttpOnly; SameSite=Strict; Max-Age=300/);

    const shown = await fetch(`${url}/moderate/tokens`, { headers: { cookie: `${session}; ${reveal}`, ...client } });
    const shownHtml = await shown.text();
    const token = /<code id="new-token">(rfm_[A-Za-z0-9_-]{43})<\/code>/.exec(shownHtml)?.[1] as string;
    expect(token).toBeTruthy();
    expect(shownHtml).toContain('Luz (research)');
    expect(shown.headers.get('set-cookie')).toMatch(/rfm_reveal=; .*Max-Age=0/);
    // Shown once: the refresh (the cookie is gone) shows the list, not the token.
    expect(await (await fetch(`${url}/moderate/tokens`, { headers: { cookie: session, ...client } })).text()).not.toContain(token);
    // The sealed cookie is useless with another session.
    const other = await fetch(`${url}/moderate/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...client },
      body: new URLSearchParams({ token: admin, next: '/moderate' }).toString(),
      redirect: 'manual',
    });
    const otherSession = (other.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect(await (await fetch(`${url}/moderate/tokens`, { headers: { cookie: `${otherSession}; ${reveal}`, ...client } })).text()).not.toContain(token);

    expect((await fetch(`${url}/api/stats`, { headers: as(token) })).status).toBe(200);
    const id = (await harness.app.database.moderation.listTokens()).find((t) => t.name === 'Luz (research)')?.id as string;
    const revoked = await fetch(`${url}/moderate/tokens/${id}/revoke`, form({ _csrf: csrf }));
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toBe('/moderate/tokens?revoked=1');
    expect((await fetch(`${url}/api/stats`, { headers: as(token) })).status).toBe(401);
    const spanish = await (await fetch(`${url}/moderate/tokens?revoked=1`, { headers: { cookie: session, 'accept-language': 'es', ...client } })).text();
    expect(spanish).toContain('El token está revocado');
  });

  it('throttles bad Bearer tokens per client, and writes them to the audit log as counts', async () => {
    const attacker = '203.0.113.66';
    const statuses: number[] = [];
    for (let i = 0; i < AUTH_FAILURE_LIMIT.limit + 15; i += 1) {
      statuses.push((await fetch(`${url}/api/submissions`, { headers: as(`rfm_wrong-guess-${String(i).padStart(40, '0')}`, attacker) })).status);
    }
    expect(statuses.slice(0, AUTH_FAILURE_LIMIT.limit)).toEqual(Array(AUTH_FAILURE_LIMIT.limit).fill(401));
    expect(statuses.slice(AUTH_FAILURE_LIMIT.limit)).toEqual(Array(15).fill(429));
    const locked = await fetch(`${url}/api/submissions`, { headers: as(admin, attacker) });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another client is not affected.
    expect((await fetch(`${url}/api/submissions`, { headers: as(admin, '198.51.100.9') })).status).toBe(200);

    await harness.app.moderation.flushAuthAudit();
    const rows = (await harness.app.database.moderation.listAudit({ limit: 200, action: 'auth-failed' })).filter((e) => e.detail.client === attacker);
    expect(rows.length).toBeLessThanOrEqual(2);
    const total = (key: string) => rows.reduce((sum, row) => sum + Number(row.detail[key] ?? 0), 0);
    expect(total('failed')).toBe(AUTH_FAILURE_LIMIT.limit);
    expect(total('refused')).toBe(16);
    expect(rows.every((row) => row.detail.kind === 'bearer')).toBe(true);
    expect(harness.logs.text).not.toContain(attacker);
  });

  it('throttles failed sign-ins on the login form with a kind page and Retry-After', async () => {
    const client = { 'x-forwarded-for': '203.0.113.77', 'content-type': 'application/x-www-form-urlencoded' };
    for (let i = 0; i < AUTH_FAILURE_LIMIT.limit; i += 1) {
      const failed = await fetch(`${url}/moderate/login`, { method: 'POST', headers: client, body: 'token=not-a-real-token-at-all-123', redirect: 'manual' });
      expect(failed.headers.get('location')).toMatch(/failed=1/);
    }
    const locked = await fetch(`${url}/moderate/login`, { method: 'POST', headers: { ...client, 'accept-language': 'es' }, body: `token=${admin}`, redirect: 'manual' });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await locked.text()).toContain('Llegaron demasiados intentos de inicio de sesión');
    await harness.app.moderation.flushAuthAudit();
    const rows = (await harness.app.database.moderation.listAudit({ limit: 200, action: 'auth-failed' })).filter((e) => e.detail.client === '203.0.113.77');
    expect(rows.reduce((sum, row) => sum + Number(row.detail.failed), 0)).toBe(AUTH_FAILURE_LIMIT.limit);
    expect(rows.every((row) => row.detail.kind === 'login')).toBe(true);
  });
});

describe('the startup (bootstrap) admin token', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rfibot-bootstrap-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is revoked once MODERATOR_TOKEN is set, and replaced (the old one refused) when a new one is printed', async () => {
    const env = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, NODE_ENV: 'test' as const, RFI_DEADLINE: new Date(Date.now() + 30 * DAY_MS).toISOString() };
    const envToken = 'x'.repeat(12) + 'moderator-token-from-the-environment';
    const works = async (url: string, token: string) => (await fetch(`${url}/api/stats`, { headers: { authorization: `Bearer ${token}` } })).status;

    let app = await startApp({ env, logDestination: new LogCapture() });
    const first = app.moderation.bootstrapToken as string;
    expect(first).toMatch(/^rfm_/);
    expect(await works(app.url, first)).toBe(200);
    await app.close();

    app = await startApp({ env: { ...env, MODERATOR_TOKEN: envToken }, logDestination: new LogCapture() });
    try {
      expect(app.moderation.bootstrapToken).toBeNull();
      expect(await works(app.url, first)).toBe(401);
      expect(await works(app.url, envToken)).toBe(200);
      const revoked = await app.database.moderation.listAudit({ limit: 20, action: 'token-revoked' });
      expect(revoked[0]?.detail).toMatchObject({ tokenId: 'bootstrap', reason: 'MODERATOR_TOKEN is set' });
    } finally {
      await app.close();
    }

    app = await startApp({ env, logDestination: new LogCapture() });
    try {
      const second = app.moderation.bootstrapToken as string;
      expect(second).not.toBe(first);
      expect(await works(app.url, second)).toBe(200);
      expect(await works(app.url, first)).toBe(401);
      // The environment token does not outlive its variable.
      expect(await works(app.url, envToken)).toBe(401);
    } finally {
      await app.close();
    }
  }, 60_000);

  it('npm run admin -- token create --expires-in-days N makes a token that expires, with the same rules', async () => {
    const bad = await adminScript(dataDir, ['token', 'create', '--role', 'staff', '--name', 'CLI', '--expires-in-days', '0']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--expires-in-days: a whole number of days from 1 to 3650/);
    const created = await adminScript(dataDir, ['token', 'create', '--role', 'staff', '--name', 'CLI helper', '--expires-in-days', '2']);
    expect(created.code, created.stderr).toBe(0);
    const until = /valid until (\S+)\./.exec(created.stdout)?.[1] as string;
    expect(Date.parse(until) - Date.now()).toBeGreaterThan(DAY_MS);
    expect(Date.parse(until) - Date.now()).toBeLessThanOrEqual(2 * DAY_MS);
    const listed = await adminScript(dataDir, ['token', 'list']);
    expect(listed.stdout).toMatch(/staff\s+active until \S+\s+created .*CLI helper/);
  }, 120_000);
});
