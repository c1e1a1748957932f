import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { startTestApp } from '../support/app.js';
import { addSubmission, api, dashboardLogin, tokenFor } from './moderation-support.js';

/**
 * Issue 20 items 4, 5 and 8 through the real HTTP server and store: the workbench list (total, sort,
 * badges, previous/next keeping the filters, linked overview), local times with the zone named and UTC
 * on hover, and the readable CSV (parsed with csv-parse, as a spreadsheet would read it).
 */
let app: RunningApp;
let cleanup: () => Promise<void>;
let token: string;
let cookie: string;
const ids: Record<'zeta' | 'angel' | 'anon', string> = { zeta: '', angel: '', anon: '' };
const receipts: Record<'zeta' | 'angel' | 'anon', string> = { zeta: '', angel: '', anon: '' };

beforeAll(async () => {
  ({ app, cleanup } = await startTestApp());
  token = (await tokenFor(app, 'admin')).token;
  cookie = (await dashboardLogin(app, token)).cookie;
  const zeta = await addSubmission(app, { organization: 'Zeta Coalition', submittedAt: '2026-12-04T18:38:53.001Z', answers: { 1: 'Short answer.' } });
  const angel = await addSubmission(app, {
    organization: 'Ángel House',
    language: 'es',
    submittedAt: '2026-12-03T15:00:00.000Z',
    answers: { 1: 'Las sobrevivientes necesitan vivienda estable y apoyo legal durante muchos meses.', 2: 'Datos por idioma.' },
  });
  const anon = await addSubmission(app, { organization: null, submittedAt: '2026-12-02T12:00:00.000Z', answers: { 1: 'A medium length answer here.' } });
  Object.assign(ids, { zeta: zeta.id, angel: angel.id, anon: anon.id });
  Object.assign(receipts, { zeta: zeta.receipt, angel: angel.receipt, anon: anon.receipt });
  await app.database.moderation.setFlag(angel.id, 'cleared', true, 'tester');
  await app.database.moderation.setCommittee(angel.id, 'victim-services', true, 'tester');
  await app.database.moderation.setFlag(anon.id, 'quarantined', true, 'tester');
  await app.database.moderation.setRedaction(angel.id, app.flow.questions[0]!.id, 'Las sobrevivientes necesitan vivienda estable y [quitado].', 'tester');
}, 60_000);
afterAll(async () => {
  await cleanup?.();
});

const page = async (path: string) => {
  const response = await fetch(`${app.url}${path}`, { headers: { cookie } });
  expect(response.status, path).toBe(200);
  return response.text();
};

describe('the list API (issue 20 item 4)', () => {
  it('adds total counted with the same filters, and sorts by organization, length and time', async () => {
    const client = api(app, token);
    const order = async (query: string) => (await client.json<{ items: Array<{ id: string }>; total: number }>(`/api/submissions?${query}`)).items.map((s) => s.id);
    expect(await order('sort=newest')).toEqual([ids.zeta, ids.angel, ids.anon]);
    expect(await order('sort=oldest')).toEqual([ids.anon, ids.angel, ids.zeta]);
    expect(await order('sort=organization')).toEqual([ids.angel, ids.zeta, ids.anon]);
    expect(await order('sort=longest')).toEqual([ids.angel, ids.anon, ids.zeta]);
    const first = await client.json<{ items: unknown[]; total: number; nextCursor: string }>('/api/submissions?sort=organization&limit=1');
    expect(first).toMatchObject({ total: 3, items: [{ id: ids.angel }] });
    const second = await client.json<{ items: Array<{ id: string }>; total: number }>(`/api/submissions?sort=organization&limit=1&cursor=${first.nextCursor}`);
    expect(second).toMatchObject({ total: 3, items: [{ id: ids.zeta }] });
    expect((await client.json<{ total: number }>('/api/submissions?q=sobreviviente')).total).toBe(1);
    expect((await client.json<{ total: number }>('/api/submissions?flag=quarantined')).total).toBe(1);
    const bad = await client.get('/api/submissions?sort=alphabetical');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('sort: use one of newest, oldest, organization, longest, shortest');
    const mixed = await client.get(`/api/submissions?sort=newest&cursor=${first.nextCursor}`);
    expect(mixed.status).toBe(400);
  });
});

describe('the workbench pages (issue 20 items 4 and 5)', () => {
  it('shows the count, the sort, and each submission’s review, docket, language and committees', async () => {
    const body = await page('/moderate/submissions?sort=organization');
    expect(body).toContain('3 submissions match these filters.');
    expect(body).toMatch(/<option value="organization" selected>Organization \(A to Z\)<\/option>/);
    const angelItem = body.slice(body.indexOf(receipts.angel), body.indexOf('</li>', body.indexOf(receipts.angel)));
    expect(angelItem).toContain('<dt>Review</dt><dd class="tag">Approved</dd>');
    expect(angelItem).toContain('<dt>Language</dt><dd class="tag">Spanish</dd>');
    expect(angelItem).toContain('<dt>Committees</dt><dd class="tag">Victim services</dd>');
    expect(angelItem).toMatch(/<dt>Docket<\/dt><dd class="tag">[^<]+<\/dd>/);
    expect(body).toContain('<dt>Review</dt><dd class="tag">Quarantined</dd>');
    // Each item's link carries the list's query, for previous/next on the submission page.
    expect(body).toContain(`href="/moderate/submissions/${encodeURIComponent(ids.zeta)}?sort=organization"`);
  });

  it('steps to the previous and next submission of the same filtered, sorted list', async () => {
    const body = await page(`/moderate/submissions/${encodeURIComponent(ids.zeta)}?sort=organization`);
    expect(body).toContain(`<a href="/moderate/submissions/${encodeURIComponent(ids.angel)}?sort=organization" rel="prev">Previous: ${receipts.angel}</a>`);
    expect(body).toContain(`<a href="/moderate/submissions/${encodeURIComponent(ids.anon)}?sort=organization" rel="next">Next: ${receipts.anon}</a>`);
    expect(body).toContain('<a href="/moderate/submissions?sort=organization">Back to the list</a>');
    const filtered = await page(`/moderate/submissions/${encodeURIComponent(ids.zeta)}?q=answer&sort=newest`);
    expect(filtered).toContain('This is the first in the list.');
    expect(filtered).toContain(`rel="next">Next: ${receipts.anon}</a>`);
  });

  it('links the overview tiles and bars to the filtered list', async () => {
    const body = await page('/moderate');
    expect(body).toContain('<dd><a href="/moderate/submissions">3</a></dd>');
    expect(body).toContain('<a href="/moderate/submissions?review=flagged">');
    expect(body).toContain('<a href="/moderate/submissions?review=awaiting">');
    expect(body).toContain('href="/moderate/submissions?question=1"');
    expect(body).toContain('href="/moderate/submissions?respondentType=direct-service-provider"');
    expect(body).toContain('href="/moderate/submissions?committee=victim-services"');
    const flagged = await page('/moderate/submissions?review=flagged');
    expect(flagged).toContain('1 submission matches these filters.');
  });

  it('shows times in the questionnaire’s zone, named, with UTC on hover, on the list, submission and audit pages', async () => {
    expect(app.flow.timeZone).toBe('America/New_York');
    const time = '<time datetime="2026-12-04T18:38:53.001Z" title="2026-12-04 18:38:53 UTC">Dec 4, 2026, 1:38 PM EST</time>';
    expect(await page('/moderate/submissions')).toContain(time);
    expect(await page(`/moderate/submissions/${encodeURIComponent(ids.zeta)}`)).toContain(time);
    const spanish = await fetch(`${app.url}/moderate/submissions`, { headers: { cookie, 'accept-language': 'es' } });
    expect(await spanish.text()).toContain('>4 dic 2026, 1:38 p.m. EST</time>');
    const audit = await page('/moderate/audit');
    expect(audit).toMatch(/<td><time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z" title="\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC">[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d [AP]M ES?T<\/time><\/td>/);
  });
});

describe('exports (issue 20 items 5 and 8)', () => {
  it('keeps the default CSV columns exactly, and states its zone and what it left out', async () => {
    const response = await api(app, token).get('/api/export.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-export-time-zone')).toBe('UTC');
    expect(response.headers.get('x-export-omitted')).toBe('quarantined=1; unreviewed=0');
    const questions = app.flow.questions.map((_, i) => `question_${i + 1}`).join(',');
    expect((await response.text()).split('\r\n')[0]).toBe(`id,receipt,submitted_at,channel,language,organization,respondent_type,flow_id,flow_version,flags,committees,${questions}`);
  });

  it('columns=readable: question wording as headers, labels, a redacted column per question, local times', async () => {
    const response = await api(app, token).get('/api/export.csv?columns=readable');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-export-time-zone')).toBe('America/New_York');
    expect(response.headers.get('x-export-omitted')).toBe('quarantined=1; unreviewed=0');
    const rows = parse(await response.text(), { bom: true, columns: true }) as Array<Record<string, string>>;
    const q1 = `Question 1: ${app.flow.questions[0]!.text.en}`;
    expect(Object.keys(rows[0] ?? {})).toEqual(
      expect.arrayContaining(['Receipt', 'Submitted (America/New_York)', 'Submitted (UTC)', 'Organization', 'Respondent type', 'Review', 'Committees', q1, 'Question 1 redacted', 'Submission id']),
    );
    expect(rows.map((r) => r.Receipt)).toEqual([receipts.zeta, receipts.angel]);
    const [zeta, angel] = rows as [Record<string, string>, Record<string, string>];
    const providerLabel = app.flow.respondentTypes.find((r) => r.id === 'direct-service-provider')!.label.en;
    expect(zeta).toMatchObject({ 'Submitted (America/New_York)': 'Dec 4, 2026, 1:38 PM EST', 'Submitted (UTC)': '2026-12-04 18:38:53', Organization: 'Zeta Coalition', 'Respondent type': providerLabel, Review: 'Not reviewed', Committees: '', [q1]: 'Short answer.', 'Question 1 redacted': 'no', 'Question 2 redacted': '' });
    expect(angel).toMatchObject({ Organization: 'Ángel House', Review: 'Approved', Committees: 'Victim services', Language: 'Spanish', [q1]: 'Las sobrevivientes necesitan vivienda estable y [quitado].', 'Question 1 redacted': 'yes' });
    expect(JSON.stringify(rows)).not.toContain('apoyo legal');
    expect(JSON.stringify(rows)).not.toMatch(/direct-service-provider|pii-suspected|victim-services/);
  });

  it('refuses readable columns where they do not apply, and unknown column sets', async () => {
    expect((await api(app, token).get('/api/export.jsonl?columns=readable')).status).toBe(400);
    const bad = await api(app, token).get('/api/export.csv?columns=pretty');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('columns: use readable');
  });
});
