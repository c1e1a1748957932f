import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin } from '../support/admin-script.js';
import { startTestApp } from '../support/app.js';
import { addSubmission, api, tokenFor } from './moderation-support.js';
import { answerWholeRfi } from './webchat-flow.js';

/**
 * Retention and rights: a partner withdraws before the deadline (their submission and draft are
 * removed, and the audit log says so), and `npm run admin -- data purge --before DATE` deletes old
 * submissions, also recorded.
 */
describe('withdraw (a partner) and data purge (retention)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rfibot-rights-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('"withdraw" asks first; "withdraw confirm" removes the submission and the draft, and is audited', async () => {
    const { app, cleanup } = await startTestApp({ DATA_DIR: dataDir });
    try {
      const { receipt, client } = await answerWholeRfi(app);
      const moderator = api(app, (await tokenFor(app, 'admin')).token);
      const listed = await moderator.json<{ items: Array<{ id: string; receipt: string }> }>('/api/submissions');
      const id = listed.items.find((item) => item.receipt === receipt)?.id as string;
      expect(id).toBeTruthy();

      const asked = await client.send('withdraw');
      expect(asked[0]?.text).toMatch(/To go ahead, type: withdraw confirm/);
      expect(asked[0]?.actions?.map((a) => a.id)).toEqual(['withdraw confirm']);
      expect((await moderator.get(`/api/submissions/${id}`)).status).toBe(200); // nothing removed yet

      const done = await client.send('withdraw confirm');
      expect(done[0]?.text).toMatch(/your submission and your draft have been removed/);
      expect((await moderator.get(`/api/submissions/${id}`)).status).toBe(404);
      expect((await fetch(`${app.url}/chat/api/sessions/${client.sessionId}`)).status).toBe(404);
      const audit = await moderator.json<{ items: Array<{ action: string; submissionId: string | null; actorId: string }> }>('/api/audit');
      expect(audit.items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'partner-withdrew', submissionId: id, actorId: 'partner' })]));
    } finally {
      await cleanup();
    }
  });

  it('purges submissions sent before a date, keeps the newer ones, and records it', async () => {
    let first = await startTestApp({ DATA_DIR: dataDir });
    const old = await addSubmission(first.app, { submittedAt: '2020-05-01T12:00:00.000Z' });
    const recent = await addSubmission(first.app, { submittedAt: '2026-05-01T12:00:00.000Z' });
    await first.app.close();

    const bad = await admin(dataDir, ['data', 'purge', '--before', 'last year']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/give --before as a date/);
    const result = await admin(dataDir, ['data', 'purge', '--before', '2021-01-01']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Deleted 1 submission\(s\) sent before 2021-01-01/);

    first = await startTestApp({ DATA_DIR: dataDir });
    try {
      expect(await first.app.commentStore.getById(old.id)).toBeNull();
      expect(await first.app.commentStore.getById(recent.id)).not.toBeNull();
      const moderator = api(first.app, (await tokenFor(first.app, 'admin')).token);
      const audit = await moderator.json<{ items: Array<{ action: string; detail: Record<string, unknown> }> }>('/api/audit');
      expect(audit.items.find((entry) => entry.action === 'data-purged')?.detail).toMatchObject({ submissions: 1 });
    } finally {
      await first.cleanup();
    }
  });
});
