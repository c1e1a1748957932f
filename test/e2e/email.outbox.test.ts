import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/app.js';
import { WebchatClient } from '../support/webchat-client.js';
import { api, tokenFor } from './moderation-support.js';

/**
 * Trying email without a mail server: with EMAIL_OUTBOX on (the development default when SMTP_URL is
 * unset), emails are written to DATA_DIR/outbox/ as .eml files, and admins read them at /moderate/outbox.
 */
describe('the development email outbox', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  let admin: ReturnType<typeof api>;
  const outboxDir = () => join(harness.app.config.dataDir, 'outbox');

  beforeAll(async () => {
    harness = await startTestApp({ EMAIL_OUTBOX: 'on' });
    admin = api(harness.app, (await tokenFor(harness.app, 'admin')).token);
    const client = new WebchatClient(harness.app.url);
    await client.start();
    await client.press('agree');
    const saved = await client.reminders({ email: 'outbox.reader@example.org', remind: true });
    expect(saved.status).toBe(200);
  });
  afterAll(async () => harness?.cleanup());

  it('writes each email as one complete .eml file', async () => {
    const files = await readdir(outboxDir());
    expect(files).toEqual([expect.stringMatching(/^\d{8}T\d{9}Z-[a-f0-9]{8}\.eml$/)]);
    const raw = await readFile(join(outboxDir(), files[0]!), 'utf8');
    expect(raw).toMatch(/^To: outbox\.reader@example\.org$/m);
    expect(raw).toMatch(/^Subject: Please confirm your email for reminders/m);
  });

  it('lists the emails and shows one with its links clickable, for admins', async () => {
    const list = await admin.get('/moderate/outbox');
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain('Nobody received them');
    const href = /href="(\/moderate\/outbox\/[^"]+\.eml)"/.exec(html)?.[1];
    expect(href).toBeDefined();
    const one = await admin.get(href!);
    expect(one.status).toBe(200);
    const message = await one.text();
    expect(message).toMatch(/<a href="http:\/\/127\.0\.0\.1:\d+\/email\/confirm\?token=[A-Za-z0-9_-]{43}">/);
    expect(message).toContain('outbox.reader@example.org');
    const audit = await harness.app.database.moderation.listAudit({ limit: 10, action: 'view-outbox' });
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('is for admins only, and reads nothing but outbox files', async () => {
    expect((await api(harness.app).get('/moderate/outbox')).status).toBe(303);
    const staff = api(harness.app, (await tokenFor(harness.app, 'moderator')).token);
    expect((await staff.get('/moderate/outbox')).status).toBe(403);
    expect((await admin.get('/moderate/outbox/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
    expect((await admin.get('/moderate/outbox/20260101T000000000Z-00000000.eml')).status).toBe(404);
  });
});

describe('no outbox with a real mail server', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    harness = await startTestApp({ SMTP_URL: 'smtp://127.0.0.1:9' });
  });
  afterAll(async () => harness?.cleanup());

  it('does not mount /moderate/outbox when SMTP_URL is set', async () => {
    const admin = api(harness.app, (await tokenFor(harness.app, 'admin')).token);
    expect((await admin.get('/moderate/outbox')).status).toBe(404);
  });
});
