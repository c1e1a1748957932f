import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { FakeCommentApi } from '../fixtures/regulations/fake-comment-api.js';
import { allText, receiptOf, WebchatClient } from '../support/webchat-client.js';
import { addSubmission, api, dashboardLogin, postForm, tokenFor, type SubmissionJson } from './moderation-support.js';

/**
 * Issue 18, "nothing unreviewed reaches the public record", through the real HTTP server, the real web
 * chat API and a fake Comment API, run once per database (PGlite and Postgres), FORWARD_MODE=after-review:
 * - every stored id is reachable (the "<hex>.1" of a draft started again after cancel, and odd legacy ids);
 * - the docket file holds only cleared submissions unless includeUnreviewed=1, and every export says
 *   what it left out (X-Export-Omitted), as does the dashboard;
 * - the organization is scanned, flagged, highlighted, redactable, and sent redacted everywhere;
 * - search matches the published text; admins alone search originals, audited;
 * - near-identical submissions carry a "possible duplicate of RFI-…" hint.
 */
export const KEY = 'public-record-comment-api-key';
export const DOC = 'DOS-2022-0004-0001';

interface ForwardJson {
  submissionId: string;
  state: string;
  trackingNumber: string | null;
}
type Harness = { app: RunningApp; cleanup(): Promise<void> };

export function publicRecordSuite(start: (env: Record<string, string>) => Promise<Harness>): void {
  const fake = new FakeCommentApi(KEY);
  let harness: Harness;
  let app: RunningApp;
  let admin: ReturnType<typeof api>;
  let moderator: ReturnType<typeof api>;
  let adminToken: string;
  let moderatorToken: string;

  beforeAll(async () => {
    const url = await fake.start();
    harness = await start({ COMMENT_API_URL: url, COMMENT_API_KEY: KEY, COMMENT_DOCKET_DOCUMENT_ID: DOC, FORWARD_MODE: 'after-review', LOG_LEVEL: 'silent' });
    app = harness.app;
    adminToken = (await tokenFor(app, 'admin', 'Ada Admin')).token;
    moderatorToken = (await tokenFor(app, 'moderator', 'Mo Moderator')).token;
    admin = api(app, adminToken);
    moderator = api(app, moderatorToken);
  }, 60_000);
  afterAll(async () => {
    await harness?.cleanup();
    await fake.stop();
  });

  const path = (id: string) => `/api/submissions/${encodeURIComponent(id)}`;
  const drain = () => app.forwarding?.drain();

  describe('every stored submission can be reached by its id', () => {
    it('redacts, quarantines, clears and forwards the submission sent after a cancelled draft', async () => {
      const client = new WebchatClient(app.url);
      await client.start();
      await client.press('agree');
      await client.send('Riverbend Outreach');
      await client.send('1');
      await client.send('skip');
      await client.send('A first draft the partner throws away.');
      await client.send('cancel');
      await client.send('yes');
      await client.press('agree');
      await client.send('Riverbend Outreach');
      await client.send('1');
      await client.send('skip');
      await client.send('Fund housing first. Call my caseworker at 555-201-3344 for details.');
      await client.send('review');
      const receipt = receiptOf(await client.press('submit'));
      expect(receipt).toBeDefined();
      const stored = await app.commentStore.getByReceipt(receipt as string);
      const id = stored?.id as string;
      expect(id).toMatch(/^[0-9a-f]+\.1$/);

      // The API, with the dot as typed and percent-encoded.
      for (const route of [`/api/submissions/${id}`, path(id)]) {
        const response = await moderator.get(route);
        expect(response.status, route).toBe(200);
        expect(((await response.json()) as SubmissionJson).receipt).toBe(receipt);
      }
      const firstQuestion = app.flow.questions[0]?.id as string;
      expect((await moderator.post(`${path(id)}/committees`, { committee: 'victim-services', set: true })).status).toBe(200);
      const redacted = await moderator.post(`${path(id)}/redactions`, { questionId: firstQuestion, text: 'Fund housing first. Call my caseworker at [phone] for details.' });
      expect(redacted.status).toBe(200);
      expect((await moderator.post(`${path(id)}/flags`, { flag: 'quarantined', set: true })).status).toBe(200);
      expect((await moderator.get(`/api/forwarding/${id}`)).status).toBe(404); // reached, but never queued

      // The dashboard page and its forms.
      const session = await dashboardLogin(app, moderatorToken);
      const page = await fetch(`${app.url}/moderate/submissions/${id}`, { headers: { cookie: session.cookie } });
      expect(page.status).toBe(200);
      const text = await page.text();
      expect(text).toContain(receipt as string);
      expect(text).toContain(`action="/moderate/submissions/${id}/flags"`);
      const csrf = await session.csrf(`/moderate/submissions/${id}`);
      const unquarantined = await postForm(app, session.cookie, `/moderate/submissions/${id}/flags`, { _csrf: csrf, flag: 'quarantined', do: 'clear' });
      expect(unquarantined.status).toBe(303);
      expect(unquarantined.headers.get('location')).toBe(`/moderate/submissions/${encodeURIComponent(id)}?done=flag-cleared.quarantined#flags`);
      const committee = await postForm(app, session.cookie, `/moderate/submissions/${id}/committees`, { _csrf: csrf, committee: 'grantmaking', do: 'set' });
      expect(committee.status).toBe(303);
      const redaction = await postForm(app, session.cookie, `/moderate/submissions/${id}/redactions`, {
        _csrf: csrf,
        questionId: firstQuestion,
        text: 'Fund housing first. Call my caseworker at [phone] for details.',
        do: 'save',
      });
      expect(redaction.status).toBe(303);
      const cleared = await postForm(app, session.cookie, `/moderate/submissions/${id}/flags`, { _csrf: csrf, flag: 'cleared', do: 'set' });
      expect(cleared.status).toBe(303);
      const after = await moderator.json<SubmissionJson>(path(id));
      expect(after.flags).toContain('cleared');
      expect(after.flags).not.toContain('quarantined');
      expect(after.committees).toEqual(expect.arrayContaining(['victim-services', 'grantmaking']));
      expect(after.answers[0]?.redacted).toContain('[phone]');

      // Cleared → queued → posted once, with the redacted text; the outbox row is reachable.
      await drain();
      const forward = await moderator.json<ForwardJson>(`/api/forwarding/${id}`);
      expect(forward).toMatchObject({ submissionId: id, state: 'forwarded' });
      const posted = fake.accepted.find((c) => c.trackingNumber === forward.trackingNumber);
      expect(String(posted?.body.data.attributes.comment)).toContain('[phone]');
      expect(String(posted?.body.data.attributes.comment)).not.toContain('555-201-3344');
      const resolve = await moderator.post(`/api/forwarding/${encodeURIComponent(id)}/resolve`, { retry: true });
      expect(resolve.status).toBe(400); // the route answers: a forwarded row needs no resolving
      expect(((await resolve.json()) as { error: { code: string } }).error.code).toBe('INVALID_PARAMETERS');
    });

    it('reaches an id holding characters a path would otherwise refuse, through percent-encoding', async () => {
      const s = await addSubmission(app, { answers: { 1: 'A legacy submission.' } });
      const odd = `legacy:${s.id}/with spaces.2%`;
      await app.commentStore.saveSubmission({ ...s, id: odd, receipt: `${s.receipt}-L` });
      const got = await moderator.json<SubmissionJson>(path(odd));
      expect(got.id).toBe(odd);
      expect((await moderator.post(`${path(odd)}/flags`, { flag: 'quarantined', set: true })).status).toBe(200);
      const session = await dashboardLogin(app, moderatorToken);
      const list = await (await fetch(`${app.url}/moderate/submissions?includeQuarantined=1&flag=quarantined`, { headers: { cookie: session.cookie } })).text();
      // The link carries the list's query (issue 20: previous/next keep the filters).
      expect(list).toContain(`href="/moderate/submissions/${encodeURIComponent(odd)}?includeQuarantined=1&amp;flag=quarantined"`);
      expect((await fetch(`${app.url}/moderate/submissions/${encodeURIComponent(odd)}`, { headers: { cookie: session.cookie } })).status).toBe(200);
      // A malformed escape is an unknown address, not a crash.
      expect((await moderator.get('/api/submissions/%zz')).status).toBe(404);
    });
  });

  describe('nothing unreviewed goes to the public record', () => {
    const marker = `rv${Date.now().toString(36)}`;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      ids.cleared = (await addSubmission(app, { answers: { 1: `Reviewed and cleared ${marker}` } })).id;
      ids.unreviewed = (await addSubmission(app, { answers: { 1: `Reach me at 555-867-5309 or me@example.org ${marker}` } })).id;
      ids.quarantined = (await addSubmission(app, { answers: { 1: `Quarantined text ${marker}` } })).id;
      await moderator.post(`${path(ids.cleared)}/flags`, { flag: 'cleared', set: true });
      await moderator.post(`${path(ids.quarantined)}/flags`, { flag: 'quarantined', set: true });
    });
    const regulations = async (query: string, who = moderator) => {
      const response = await who.get(`/api/export/regulations.json?q=${marker}&documentId=${DOC}${query}`);
      expect(response.status).toBe(200);
      const items = (await response.json()) as Array<{ submissionId: string }>;
      return { ids: items.map((i) => i.submissionId).sort(), omitted: response.headers.get('x-export-omitted') };
    };

    it('puts only cleared submissions in regulations.json by default, and says what it left out', async () => {
      expect(await regulations('')).toEqual({ ids: [ids.cleared], omitted: 'quarantined=1; unreviewed=1' });
      expect(await regulations('&includeQuarantined=1')).toEqual({ ids: [ids.cleared], omitted: 'quarantined=0; unreviewed=2' });
    });

    it('adds the unreviewed ones only when asked (includeUnreviewed=1), and audits that choice', async () => {
      expect(await regulations('&includeUnreviewed=1')).toEqual({ ids: [ids.cleared, ids.unreviewed].sort(), omitted: 'quarantined=1; unreviewed=0' });
      const audit = await admin.json<{ items: Array<{ action: string; actorName: string; detail: Record<string, unknown> }> }>('/api/audit');
      const entry = audit.items.find((e) => e.action === 'export' && e.detail.includeUnreviewed === true);
      expect(entry).toMatchObject({ actorName: 'Mo Moderator', detail: { format: 'regulations', onlyCleared: false } });
      const bad = await moderator.get(`/api/export/regulations.json?documentId=${DOC}&includeUnreviewed=maybe`);
      expect(bad.status).toBe(400);
    });

    it('says what every other export left out too', async () => {
      for (const file of ['export.csv', 'export.jsonl']) {
        const response = await moderator.get(`/api/${file}?q=${marker}`);
        expect(response.status).toBe(200);
        expect(response.headers.get('x-export-omitted'), file).toBe('quarantined=1; unreviewed=0');
        const body = await response.text();
        expect(body).toContain('555-867-5309'); // working files for the team keep unreviewed rows
        expect(body).not.toContain('Quarantined text');
      }
    });

    it('shows the counts and the explicit choice next to the download form', async () => {
      const session = await dashboardLogin(app, moderatorToken);
      const page = await (await fetch(`${app.url}/moderate/submissions?q=${marker}`, { headers: { cookie: session.cookie } })).text();
      expect(page).toContain('CSV and JSONL: 2 of 3; 1 quarantined left out');
      expect(page).toContain('Docket file: 1 of 3; 1 quarantined left out; 1 not yet cleared left out');
      expect(page).toMatch(/<input type="checkbox" name="includeUnreviewed" value="1" aria-describedby="include-unreviewed-help">/);
      expect(page).toContain('Your choice is written in the audit log.');
      const spanish = await (await fetch(`${app.url}/moderate/submissions?q=${marker}`, { headers: { cookie: session.cookie, 'accept-language': 'es' } })).text();
      expect(spanish).toContain('Archivo para el expediente: 1 de 3; 1 en cuarentena quedan fuera; 1 sin aprobar quedan fuera');
    });
  });

  describe('the organization is partner text', () => {
    const PII_ORG = 'Jane Survivor Doe, 12 Elm Street';
    let id: string;
    let receipt: string;

    beforeAll(async () => {
      const client = new WebchatClient(app.url);
      await client.reachReview('Survivors need stable housing before anything else.', PII_ORG);
      expect(allText(client.lastReplies)).toContain('Organization name: a street address');
      receipt = receiptOf(await client.press('submit')) as string;
      id = (await app.commentStore.getByReceipt(receipt))?.id as string;
    });

    it('is scanned and flagged at submit, and highlighted on the page', async () => {
      const s = await moderator.json<SubmissionJson & { piiHints: Array<{ questionId: string; kind: string }> }>(path(id));
      expect(s.flags).toContain('pii-suspected');
      expect(s.piiHints).toContainEqual(expect.objectContaining({ questionId: 'organization', kind: 'street-address' }));
      const session = await dashboardLogin(app, moderatorToken);
      const page = await (await fetch(`${app.url}/moderate/submissions/${encodeURIComponent(id)}`, { headers: { cookie: session.cookie } })).text();
      expect(page).toMatch(/<mark[^>]*>12 Elm Street<\/mark>/);
      expect(page).toContain('name="questionId" value="organization"');
    });

    it('is redactable like an answer, and every export and the docket get the redacted version', async () => {
      const anonymous = await addSubmission(app, { organization: null });
      const refused = await moderator.post(`${path(anonymous.id)}/redactions`, { questionId: 'organization', text: 'x' });
      expect(refused.status).toBe(400);

      const saved = await moderator.post(`${path(id)}/redactions`, { questionId: 'organization', text: 'A survivor-led group' });
      expect(saved.status).toBe(200);
      const body = (await saved.json()) as SubmissionJson & { organizationRedacted: string | null };
      expect(body).toMatchObject({ organization: PII_ORG, organizationRedacted: 'A survivor-led group' });
      await moderator.post(`${path(id)}/flags`, { flag: 'cleared', set: true });

      for (const route of ['/api/export.csv', '/api/export.jsonl', `/api/export/regulations.json?documentId=${DOC}`]) {
        const text = await (await moderator.get(route)).text();
        expect(text, route).toContain('A survivor-led group');
        expect(text, route).not.toContain('Elm Street');
      }
      await drain();
      const forward = await moderator.json<ForwardJson>(path(id).replace('/api/submissions/', '/api/forwarding/'));
      expect(forward.state).toBe('forwarded');
      const posted = fake.accepted.find((c) => c.trackingNumber === forward.trackingNumber);
      expect(posted?.body.data.attributes).toMatchObject({ organization: 'A survivor-led group', submitterType: 'Organization' });

      // The dashboard form does the same; an empty name sends it as anonymous.
      const session = await dashboardLogin(app, moderatorToken);
      const csrf = await session.csrf(`/moderate/submissions/${encodeURIComponent(id)}`);
      const form = await postForm(app, session.cookie, `/moderate/submissions/${encodeURIComponent(id)}/redactions`, { _csrf: csrf, questionId: 'organization', text: '', do: 'save' });
      expect(form.status).toBe(303);
      const items = (await (await moderator.get(`/api/export/regulations.json?documentId=${DOC}&q=stable`)).json()) as Array<{ submissionId: string; body: { data: { attributes: Record<string, unknown> } } }>;
      const mine = items.find((i) => i.submissionId === id);
      expect(mine?.body.data.attributes).toMatchObject({ submitterType: 'Anonymous' });
      expect(mine?.body.data.attributes).not.toHaveProperty('organization');
    });
  });

  describe('search over the published text', () => {
    const marker = `sr${Date.now().toString(36)}`;
    let id: string;
    beforeAll(async () => {
      const first = app.flow.questions[0]?.id as string;
      id = (await addSubmission(app, { organization: `Quillfeather House ${marker}`, answers: { 1: `Our caseworker Rosalind Pemberton helped us ${marker}` } })).id;
      await moderator.post(`${path(id)}/redactions`, { questionId: first, text: `Our caseworker [name] helped us ${marker}` });
      await moderator.post(`${path(id)}/redactions`, { questionId: 'organization', text: `A shelter ${marker}` });
    });
    const found = async (who: ReturnType<typeof api>, query: string) =>
      (await who.json<{ items: Array<{ id: string }> }>(`/api/submissions?${query}&limit=200`)).items.map((s) => s.id);

    it('matches the redacted version, not the original, in the list and the exports', async () => {
      expect(await found(moderator, 'q=Pemberton')).not.toContain(id);
      expect(await found(moderator, 'q=Quillfeather')).not.toContain(id);
      expect(await found(moderator, `q=${marker}`)).toEqual([id]);
      expect(await found(moderator, `q=shelter ${marker}`)).toEqual([id]);
      const csv = await moderator.get('/api/export.csv?q=Pemberton');
      expect(await csv.text()).not.toContain(marker);
      const removed = await moderator.post(`${path(id)}/redactions`, { questionId: 'organization', text: null });
      expect(removed.status).toBe(200);
      expect(await found(moderator, 'q=Quillfeather')).toEqual([id]);
      await moderator.post(`${path(id)}/redactions`, { questionId: 'organization', text: `A shelter ${marker}` });
    });

    it('lets admins search originals explicitly (searchOriginal=1), audited, and refuses everyone else', async () => {
      const refused = await moderator.get('/api/submissions?q=Pemberton&searchOriginal=1');
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
      expect((await moderator.get('/api/export.csv?q=Pemberton&searchOriginal=1')).status).toBe(403);
      expect(await found(admin, 'q=Pemberton&searchOriginal=1')).toEqual([id]);
      expect(await found(admin, 'q=Pemberton')).toEqual([]);
      const csv = await (await admin.get('/api/export.csv?q=Pemberton&searchOriginal=1')).text();
      expect(csv).toContain('[name]'); // found by the original, exported as published
      expect(csv).not.toContain('Pemberton');
      const audit = await admin.json<{ items: Array<{ action: string; actorName: string; detail: { filters?: Record<string, unknown> } }> }>('/api/audit');
      expect(audit.items.find((e) => e.action === 'list-submissions' && e.detail.filters?.searchOriginal === true)?.actorName).toBe('Ada Admin');

      const adminPage = await dashboardLogin(app, adminToken);
      expect(await (await fetch(`${app.url}/moderate/submissions`, { headers: { cookie: adminPage.cookie } })).text()).toContain('name="searchOriginal"');
      const modPage = await dashboardLogin(app, moderatorToken);
      const list = await fetch(`${app.url}/moderate/submissions`, { headers: { cookie: modPage.cookie } });
      expect(await list.text()).not.toContain('name="searchOriginal"');
      expect((await fetch(`${app.url}/moderate/submissions?q=Pemberton&searchOriginal=1`, { headers: { cookie: modPage.cookie } })).status).toBe(403);
      expect((await fetch(`${app.url}/moderate/questions/1?q=Pemberton&searchOriginal=1`, { headers: { cookie: modPage.cookie } })).status).toBe(403);
    });
  });

  describe('possible duplicates', () => {
    const text = (tail: string) =>
      `We ask the agency to fund survivor-led organizations directly, with multi-year grants, simple reporting and paid time for peer mentors. ${tail}`;

    it('hints "possible duplicate of RFI-…" on the later of two near-identical submissions, in the API and on the page', async () => {
      const original = await addSubmission(app, { answers: { 1: text('Thank you.'), 2: 'Listening sessions in every region should be paid and accessible.' } });
      const repeat = await addSubmission(app, { answers: { 1: text('Thank you!'), 2: 'Listening sessions in every region should be paid and accessible.' } });
      const different = await addSubmission(app, { answers: { 1: 'Data on labor trafficking in agriculture is missing; please collect it with community researchers and publish it yearly.' } });
      const hint = async (id: string) => (await moderator.json<{ possibleDuplicateOf: { id: string; receipt: string; similarity: number } | null }>(path(id))).possibleDuplicateOf;
      expect(await hint(repeat.id)).toMatchObject({ id: original.id, receipt: original.receipt });
      expect((await hint(repeat.id))?.similarity).toBeGreaterThanOrEqual(0.8);
      expect(await hint(original.id)).toBeNull();
      expect(await hint(different.id)).toBeNull();
      const session = await dashboardLogin(app, moderatorToken);
      const page = await (await fetch(`${app.url}/moderate/submissions/${encodeURIComponent(repeat.id)}`, { headers: { cookie: session.cookie } })).text();
      expect(page).toContain(`Possible duplicate of <a href="/moderate/submissions/${encodeURIComponent(original.id)}">${original.receipt}</a>`);
      // Never part of what is published.
      expect(await (await moderator.get('/api/export.jsonl')).text()).not.toContain('possibleDuplicate');
    });

    it('indexes submissions stored before the index existed (the startup backfill), oldest first', async () => {
      const older = 'Translate every notice into the languages our neighbours read, and pay interpreters who know the trauma-informed way of asking.';
      const a = await addSubmission(app, { answers: { 1: older } });
      const b = await addSubmission(app, { answers: { 1: `${older} Thanks.` } });
      // As if both were stored before migration 0110.
      await app.database.client.query('DELETE FROM submission_minhash WHERE submission_id IN ($1, $2)', [a.id, b.id]);
      await app.database.client.query('DELETE FROM submission_minhash_bands WHERE submission_id IN ($1, $2)', [a.id, b.id]);
      await app.database.client.query('DELETE FROM submission_duplicates WHERE submission_id IN ($1, $2)', [a.id, b.id]);
      await app.database.client.query('UPDATE submissions SET similarity_indexed_at = NULL WHERE id IN ($1, $2)', [a.id, b.id]);
      expect((await moderator.json<{ possibleDuplicateOf: unknown }>(path(b.id))).possibleDuplicateOf).toBeNull();
      let total = 0;
      for (let n = await app.database.moderation.backfillPublicRecord(100); n > 0; n = await app.database.moderation.backfillPublicRecord(100)) total += n;
      expect(total).toBe(2);
      expect((await moderator.json<{ possibleDuplicateOf: { id: string } | null }>(path(b.id))).possibleDuplicateOf?.id).toBe(a.id);
      expect((await moderator.json<{ possibleDuplicateOf: unknown }>(path(a.id))).possibleDuplicateOf).toBeNull();
    });
  });
}
