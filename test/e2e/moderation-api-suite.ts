import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { addSubmission, api, tokenFor, type PageJson, type SubmissionJson } from './moderation-support.js';

/**
 * The moderation JSON API through the real HTTP server, run once per database (PGlite and Postgres):
 * auth cases, every filter, keyset pagination under concurrent inserts, exports (CSV injection,
 * quarantine, redactions, regulations.gov bodies), XSS in answers, audit entries.
 */
export function moderationApiSuite(start: () => Promise<{ app: RunningApp; cleanup(): Promise<void> }>): void {
  let app: RunningApp;
  let cleanup: () => Promise<void>;
  let admin: string;
  let moderator: string;
  let staff: string;

  beforeAll(async () => {
    ({ app, cleanup } = await start());
    admin = (await tokenFor(app, 'admin')).token;
    moderator = (await tokenFor(app, 'moderator', 'Mona Moderator')).token;
    staff = (await tokenFor(app, 'staff')).token;
  }, 60_000);
  afterAll(async () => {
    await cleanup?.();
  });

  describe('access', () => {
    it('answers 401 JSON to every API route without a token or with an unknown one', async () => {
      const s = await addSubmission(app);
      const routes = ['/api/submissions', `/api/submissions/${s.id}`, '/api/stats', '/api/export.csv', '/api/export.jsonl', '/api/export/regulations.json', '/api/audit'];
      for (const token of [undefined, 'rfm_not-a-real-token-at-all-000000000000']) {
        for (const route of routes) {
          const response = await api(app, token).get(route);
          expect(response.status, `${route} with ${token ?? 'no token'}`).toBe(401);
          expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
        }
        const post = await api(app, token).post(`/api/submissions/${s.id}/flags`, { flag: 'quarantined', set: true });
        expect(post.status).toBe(401);
      }
      const flags = (await api(app, admin).json<SubmissionJson>(`/api/submissions/${s.id}`)).flags;
      expect(flags).not.toContain('quarantined');
    });

    it('refuses a revoked token at once', async () => {
      const { token, id } = await tokenFor(app, 'moderator', 'leaving soon');
      expect((await api(app, token).get('/api/submissions')).status).toBe(200);
      await app.database.moderation.revokeToken(id);
      expect((await api(app, token).get('/api/submissions')).status).toBe(401);
    });

    it('gives each role only what it may see (staff: stats; moderator: no contact, no audit)', async () => {
      const s = await addSubmission(app, { contactEmail: 'private.person@example.org' });
      expect((await api(app, staff).get('/api/stats')).status).toBe(200);
      for (const route of ['/api/submissions', `/api/submissions/${s.id}`, '/api/export.csv']) {
        const response = await api(app, staff).get(route);
        expect(response.status, route).toBe(403);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
      }
      expect((await api(app, staff).post(`/api/submissions/${s.id}/flags`, { flag: 'cleared', set: true })).status).toBe(403);
      expect((await api(app, moderator).get('/api/audit')).status).toBe(403);

      const asModerator = await api(app, moderator).json<SubmissionJson>(`/api/submissions/${s.id}`);
      expect(asModerator).not.toHaveProperty('contactEmail');
      expect(JSON.stringify(asModerator)).not.toContain('private.person@example.org');
      const asAdmin = await api(app, admin).json<SubmissionJson>(`/api/submissions/${s.id}`);
      expect(asAdmin.contactEmail).toBe('private.person@example.org');
      const list = await api(app, admin).json<PageJson>('/api/submissions?limit=200');
      expect(JSON.stringify(list)).not.toContain('private.person@example.org');
    });
  });

  describe('list and filters', () => {
    const marker = `m${Date.now().toString(36)}`;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      const base = Date.parse('2022-02-10T12:00:00Z');
      const at = (days: number) => new Date(base + days * 86_400_000).toISOString();
      ids.slackResearcher = (
        await addSubmission(app, { channel: 'slack', respondentType: 'researcher-or-academic', submittedAt: at(0), answers: { 1: `Data gaps ${marker}alpha`, 3: 'x' } })
      ).id;
      ids.teamsOrg = (
        await addSubmission(app, { channel: 'teams', organization: `Beacon ${marker}org`, submittedAt: at(2), answers: { 2: 'Barriers in grant rules' } })
      ).id;
      ids.webQ5 = (await addSubmission(app, { channel: 'webchat', submittedAt: at(4), answers: { 5: `Pay partners ${marker}alpha too` } })).id;
      ids.pii = (await addSubmission(app, { submittedAt: at(5), answers: { 1: `Call me at 555-123-4567 ${marker}pii` } })).id;
    });
    const find = async (query: string) => (await api(app, moderator).json<PageJson>(`/api/submissions?${query}&limit=200`)).items.map((s) => s.id);

    it('returns the Submission shape, newest first', async () => {
      const page = await api(app, moderator).json<PageJson>('/api/submissions?limit=200');
      expect(page).toHaveProperty('nextCursor');
      const item = page.items.find((s) => s.id === ids.teamsOrg) as SubmissionJson & Record<string, unknown>;
      for (const key of ['id', 'receipt', 'submittedAt', 'channel', 'language', 'organization', 'respondentType', 'flowId', 'flowVersion', 'answers', 'flags', 'committees']) {
        expect(item, key).toHaveProperty(key);
      }
      expect(item.answers[1]).toMatchObject({ questionId: app.flow.questions[1]?.id, index: 2, question: app.flow.questions[1]?.text.en, answer: 'Barriers in grant rules' });
      const times = page.items.map((s) => Date.parse(s.submittedAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    });

    it('filters by full text over answers and organization', async () => {
      expect((await find(`q=${marker}alpha`)).sort()).toEqual([ids.slackResearcher, ids.webQ5].sort());
      expect(await find(`q=${marker}org`)).toEqual([ids.teamsOrg]);
      expect(await find(`q=nothing-matches-${marker}`)).toEqual([]);
    });

    it('filters by question answered, respondent type, channel, date range and flag', async () => {
      const mine = new Set(Object.values(ids));
      const only = async (query: string) => (await find(query)).filter((id) => mine.has(id));
      expect(await only('question=5')).toEqual([ids.webQ5]);
      expect((await only('question=1')).sort()).toEqual([ids.slackResearcher, ids.pii].sort());
      expect(await only('respondentType=researcher-or-academic')).toEqual([ids.slackResearcher]);
      expect(await only('channel=teams')).toEqual([ids.teamsOrg]);
      expect((await only('from=2022-02-12&to=2022-02-14')).sort()).toEqual([ids.teamsOrg, ids.webQ5].sort());
      expect(await only('to=2022-02-10')).toEqual([ids.slackResearcher]);
      expect(await only('flag=pii-suspected')).toEqual([ids.pii]);
    });

    it('filters by flag and committee set through the API, and clears them again', async () => {
      const flagged = await api(app, moderator).post(`/api/submissions/${ids.teamsOrg}/flags`, { flag: 'quarantined', set: true });
      expect(flagged.status).toBe(200);
      expect(((await flagged.json()) as SubmissionJson).flags).toContain('quarantined');
      expect(await find('flag=quarantined')).toContain(ids.teamsOrg);
      const routed = await api(app, moderator).post(`/api/submissions/${ids.webQ5}/committees`, { committee: 'grantmaking', set: true });
      expect(((await routed.json()) as SubmissionJson).committees).toEqual(['grantmaking']);
      expect(await find('committee=grantmaking')).toEqual([ids.webQ5]);
      await api(app, moderator).post(`/api/submissions/${ids.webQ5}/committees`, { committee: 'grantmaking', set: false });
      expect(await find('committee=grantmaking')).toEqual([]);
      await api(app, moderator).post(`/api/submissions/${ids.teamsOrg}/flags`, { flag: 'quarantined', set: false });
      expect(await find('flag=quarantined')).not.toContain(ids.teamsOrg);
    });

    it('rejects bad parameters with 400 and says how to fix each', async () => {
      const response = await api(app, moderator).get('/api/submissions?limit=201&question=9&channel=fax&flag=odd&from=yesterday&cursor=zzz');
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string; details: string[] } };
      expect(body.error.code).toBe('INVALID_PARAMETERS');
      for (const name of ['limit', 'question', 'channel', 'flag', 'from', 'cursor']) expect(body.error.details.join('\n')).toContain(`${name}:`);
      const badFlag = await api(app, moderator).post(`/api/submissions/${ids.webQ5}/flags`, { flag: 'deleted', set: true });
      expect(badFlag.status).toBe(400);
      const missing = await api(app, moderator).post('/api/submissions/no-such-id/flags', { flag: 'cleared', set: true });
      expect(missing.status).toBe(404);
      expect((await api(app, moderator).get('/api/submissions/no-such-id')).status).toBe(404);
    });
  });

  it('pages with a cursor that stays stable while new submissions arrive', async () => {
    const channel = 'slack';
    const respondentType = 'government';
    const base = Date.parse('2021-06-01T00:00:00Z');
    const original: string[] = [];
    for (let i = 0; i < 25; i += 1) {
      // Two submissions share each timestamp, so the id tie-breaker is exercised.
      original.push((await addSubmission(app, { channel, respondentType, submittedAt: new Date(base + Math.floor(i / 2) * 1000).toISOString() })).id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `respondentType=${respondentType}&channel=${channel}&limit=7${cursor ? `&cursor=${cursor}` : ''}`;
      const [page] = await Promise.all([
        api(app, moderator).json<PageJson>(`/api/submissions?${query}`),
        addSubmission(app, { channel, respondentType, submittedAt: new Date().toISOString() }),
      ]);
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 20);
    const seenOriginal = seen.filter((id) => original.includes(id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seenOriginal.sort()).toEqual([...original].sort());
  });

  describe('exports', () => {
    let plain: string;
    let injected: string;
    let quarantined: string;
    let redacted: string;
    let long: string;
    const tag = `x${Date.now().toString(36)}`;
    const exportQuery = `respondentType=advocacy-or-faith-based-organization&channel=teams`;
    beforeAll(async () => {
      const common = { respondentType: 'advocacy-or-faith-based-organization', channel: 'teams' as const, contactEmail: 'hidden.contact@example.org' };
      plain = (await addSubmission(app, { ...common, answers: { 1: `Plain, with "quotes"\nand a newline ${tag}` } })).id;
      injected = (
        await addSubmission(app, {
          ...common,
          organization: '=HYPERLINK("http://evil.example","click")',
          answers: { 1: '=1+2', 2: '+SUM(A1)', 3: '-2+3', 4: '@cmd', 5: '\tTabbed' },
        })
      ).id;
      quarantined = (await addSubmission(app, { ...common, answers: { 1: `Quarantined text ${tag}` } })).id;
      redacted = (await addSubmission(app, { ...common, answers: { 1: `My name is Jane Roe and I live at 12 Main St ${tag}` } })).id;
      long = (await addSubmission(app, { ...common, answers: { 1: 'word '.repeat(900), 2: 'more '.repeat(900) } })).id;
      await api(app, moderator).post(`/api/submissions/${quarantined}/flags`, { flag: 'quarantined', set: true });
      const saved = await api(app, moderator).post(`/api/submissions/${redacted}/redactions`, { questionId: app.flow.questions[0]?.id, text: `My name is [name] and I live at [address] ${tag}` });
      expect(saved.status).toBe(200);
    });

    it('streams a CSV with a BOM, neutralised formulas, redactions, no quarantined rows and no contact emails', async () => {
      const response = await api(app, moderator).get(`/api/export.csv?${exportQuery}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(response.headers.get('content-disposition')).toMatch(/attachment/);
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
      expect(text.startsWith('id,receipt,submitted_at')).toBe(true);
      const injectedLine = text.split('\r\n').find((line) => line.startsWith(injected)) ?? '';
      for (const cell of [`'=1+2`, `'+SUM(A1)`, `'-2+3`, `'@cmd`, `'\tTabbed`, `"'=HYPERLINK(""http://evil.example"",""click"")"`]) expect(injectedLine).toContain(cell);
      expect(text).toContain(`"Plain, with ""quotes""\nand a newline ${tag}"`);
      expect(text).toContain(`My name is [name] and I live at [address] ${tag}`);
      expect(text).not.toContain('Jane Roe');
      expect(text).not.toContain(`Quarantined text ${tag}`);
      expect(text).not.toContain('hidden.contact@example.org');
      expect(text).toContain(plain);

      const withQuarantined = await (await api(app, moderator).get(`/api/export.csv?${exportQuery}&includeQuarantined=1`)).text();
      expect(withQuarantined).toContain(`Quarantined text ${tag}`);
    });

    it('streams JSONL with published (redacted) text and regulations.gov comment bodies within 5,000 characters', async () => {
      const jsonl = await (await api(app, moderator).get(`/api/export.jsonl?${exportQuery}`)).text();
      const records = jsonl.trim().split('\n').map((line) => JSON.parse(line) as SubmissionJson);
      expect(records.map((r) => r.id)).not.toContain(quarantined);
      expect(records.find((r) => r.id === redacted)?.answers[0]?.answer).toContain('[name]');
      expect(jsonl).not.toContain('Jane Roe');
      expect(jsonl).not.toContain('hidden.contact@example.org');

      const missingDoc = await api(app, moderator).get(`/api/export/regulations.json?${exportQuery}`);
      expect(missingDoc.status).toBe(400);
      // None of these is cleared: in after-review mode (the default) the docket file needs the explicit choice.
      const cleared = await api(app, moderator).get(`/api/export/regulations.json?${exportQuery}&documentId=DOS-2022-0004-0001`);
      expect((await cleared.json()) as unknown[]).toEqual([]);
      const response = await api(app, moderator).get(`/api/export/regulations.json?${exportQuery}&documentId=DOS-2022-0004-0001&includeUnreviewed=1`);
      expect(response.status).toBe(200);
      const items = (await response.json()) as Array<{
        submissionId: string;
        body: { data: { type: string; attributes: Record<string, unknown> } };
        attachment: { fileName: string; text: string } | null;
      }>;
      expect(items.map((i) => i.submissionId)).not.toContain(quarantined);
      for (const item of items) {
        expect(item.body.data.type).toBe('comments');
        const attrs = item.body.data.attributes;
        expect(attrs).toMatchObject({ commentOnDocumentId: 'DOS-2022-0004-0001', submissionType: 'API' });
        expect((attrs.comment as string).length).toBeLessThanOrEqual(5000);
        expect(attrs).not.toHaveProperty('email');
      }
      const longItem = items.find((i) => i.submissionId === long);
      expect(longItem?.attachment?.text.length).toBeGreaterThan(5000);
      expect(longItem?.body.data.attributes.files).toEqual([longItem?.attachment?.fileName]);
      expect(longItem?.body.data.attributes.comment).toContain(longItem?.attachment?.fileName);
      const shortItem = items.find((i) => i.submissionId === plain);
      expect(shortItem?.attachment).toBeNull();
      expect(shortItem?.body.data.attributes).toMatchObject({ submitterType: 'Organization', organization: 'Test Org' });
    });
  });

  it('writes who viewed, exported and flagged what into the audit log, readable by admins', async () => {
    const s = await addSubmission(app);
    await api(app, moderator).json(`/api/submissions/${s.id}`);
    await api(app, moderator).post(`/api/submissions/${s.id}/flags`, { flag: 'cleared', set: true });
    await (await api(app, moderator).get('/api/export.jsonl?channel=slack')).text();
    const log = await api(app, admin).json<{ items: Array<{ action: string; actorName: string; submissionId: string | null; detail: Record<string, unknown> }> }>(
      '/api/audit',
    );
    const mine = log.items.filter((e) => e.actorName === 'Mona Moderator');
    expect(mine.find((e) => e.action === 'view-submission' && e.submissionId === s.id)).toBeTruthy();
    expect(mine.find((e) => e.action === 'flag-set' && e.submissionId === s.id)?.detail).toMatchObject({ flag: 'cleared' });
    expect(mine.find((e) => e.action === 'export')?.detail).toMatchObject({ format: 'jsonl', filters: { channel: 'slack' } });
  });

  it('counts by day, question, respondent type, channel and flag for staff', async () => {
    const stats = await api(app, staff).json<Record<string, Array<Record<string, unknown>>> & { total: number }>('/api/stats');
    expect(stats.total).toBeGreaterThan(0);
    for (const key of ['byDay', 'byQuestion', 'byRespondentType', 'byChannel', 'byFlag']) expect(Array.isArray(stats[key])).toBe(true);
    expect(stats.byFlag?.find((f) => f.flag === 'pii-suspected')?.count).toBeGreaterThan(0);
    // A new PII submission counts as flagged and awaiting review until a moderator clears it.
    const before = stats as unknown as { flagged: number; awaitingReview: number };
    const s = await addSubmission(app, { answers: { 1: 'Write to me at person@example.org' } });
    const after = await api(app, staff).json<{ flagged: number; awaitingReview: number }>('/api/stats');
    expect(after.flagged).toBe(before.flagged + 1);
    expect(after.awaitingReview).toBe(before.awaitingReview + 1);
    await api(app, moderator).post(`/api/submissions/${s.id}/flags`, { flag: 'cleared', set: true });
    const cleared = await api(app, staff).json<{ flagged: number; awaitingReview: number }>('/api/stats');
    expect(cleared.awaitingReview).toBe(before.awaitingReview);
  });
}
