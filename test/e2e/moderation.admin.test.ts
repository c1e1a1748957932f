import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { admin } from '../support/admin-script.js';
import { DAY_MS, LogCapture, startTestApp } from '../support/app.js';

/**
 * `npm run admin -- token …` as an operator runs it (a real process on the bot's DATA_DIR), the
 * MODERATOR_TOKEN bootstrap, and Secure cookies behind an https PUBLIC_URL.
 */
describe('npm run admin -- token …', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rfibot-admin-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates a token shown once, lists it without the secret, and revokes it', async () => {
    const created = await admin(dataDir, ['token', 'create', '--role', 'moderator', '--name', 'Ana (outreach)']);
    expect(created.code, created.stderr).toBe(0);
    const token = /^\s+(rfm_[A-Za-z0-9_-]{43})$/m.exec(created.stdout)?.[1] as string;
    expect(token).toBeTruthy();
    const id = /token ([0-9a-f-]{36})/.exec(created.stdout)?.[1] as string;

    const logs = new LogCapture();
    const env = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, NODE_ENV: 'test' as const, RFI_DEADLINE: new Date(Date.now() + 30 * DAY_MS).toISOString() };
    let app = await startApp({ env, logDestination: logs });
    try {
      const ok = await fetch(`${app.url}/api/submissions`, { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      // While the bot runs on the embedded database, the script refuses (PGlite is single-process).
      const refused = await admin(dataDir, ['token', 'list'], { PORT: new URL(app.url).port });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/stop the bot/);
    } finally {
      await app.close();
    }
    expect(logs.text).not.toContain(token);

    const listed = await admin(dataDir, ['token', 'list']);
    expect(listed.stdout).toMatch(new RegExp(`${id}\\s+moderator\\s+active.*Ana \\(outreach\\)`));
    expect(listed.stdout).not.toContain(token);

    const revoked = await admin(dataDir, ['token', 'revoke', id]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect((await admin(dataDir, ['token', 'list'])).stdout).toMatch(new RegExp(`${id}\\s+moderator\\s+revoked`));
    app = await startApp({ env, logDestination: logs });
    try {
      expect((await fetch(`${app.url}/api/submissions`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('refuses bad arguments with the usage', async () => {
    const bad = await admin(dataDir, ['token', 'create', '--role', 'root', '--name', 'x']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--role: use one of staff, moderator, admin');
    const unknown = await admin(dataDir, ['user', 'add']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Usage:');
  }, 60_000);
});

describe('MODERATOR_TOKEN and PUBLIC_URL', () => {
  it('grants admin to MODERATOR_TOKEN (no startup token printed) and marks cookies Secure behind https', async () => {
    const moderatorToken = 'operator-chosen-secret-0123456789abcdef';
    const { app, logs, cleanup } = await startTestApp({ MODERATOR_TOKEN: moderatorToken, PUBLIC_URL: 'https://rfi.example.org' });
    try {
      expect(app.moderation.bootstrapToken).toBeNull();
      expect((await fetch(`${app.url}/api/audit`, { headers: { authorization: `Bearer ${moderatorToken}` } })).status).toBe(200);
      const login = await fetch(`${app.url}/moderate/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: moderatorToken }).toString(),
        redirect: 'manual',
      });
      expect(login.headers.get('set-cookie')).toMatch(/; Secure$/);
      // A cross-site form post is refused even with a valid token.
      const crossSite = await fetch(`${app.url}/moderate/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
        body: new URLSearchParams({ token: moderatorToken }).toString(),
        redirect: 'manual',
      });
      expect(crossSite.status).toBe(403);
      expect(logs.text).not.toContain(moderatorToken);
    } finally {
      await cleanup();
    }
  }, 60_000);

  it('rejects a short MODERATOR_TOKEN at startup without echoing it', () => {
    expect(() => loadConfig({ MODERATOR_TOKEN: 'short-secret' })).toThrow(/MODERATOR_TOKEN \(value hidden\): use at least 32/);
    expect(() => loadConfig({ MODERATOR_TOKEN: 'short-secret' })).not.toThrow(/short-secret/);
  });
});
