import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../src/database.js';
import type { NewSubmission } from '../../src/core/submission.js';
import { sampleSubmission } from './comment-store.contract.js';
import { parseCursor, type Cursor } from '../../src/moderation/filters.js';
import { MODERATION_MIGRATIONS } from '../../src/moderation/migrations.js';

/**
 * The parts of the ModerationRepository contract (src/moderation/repository.ts) that issue 18 added, run
 * against PGlite and Postgres: the organization's redaction, search over the published text (and the
 * original, on request), the export counts behind X-Export-Omitted, only-cleared listing, and the
 * near-duplicate index with its backfill. `open` returns a migrated app database on an empty schema.
 */
const LONG = 'Community groups led by survivors should receive direct multi-year funding with simple reporting rules and paid peer mentors';

export function moderationRepositoryContract(name: string, open: () => Promise<AppDatabase>): void {
  describe(`ModerationRepository (issue 18 additions) on ${name}`, () => {
    let db: AppDatabase;
    beforeAll(async () => {
      db = await open();
    }, 60_000);
    afterAll(async () => {
      await db?.close();
    });
    const save = async (overrides: Partial<NewSubmission>): Promise<NewSubmission> => {
      const s = sampleSubmission({ piiHints: [], ...overrides });
      await db.commentStore.saveSubmission(s);
      return s;
    };
    const ids = async (filters: Parameters<AppDatabase['moderation']['listSubmissions']>[0], onlyCleared = false) =>
      (await db.moderation.listSubmissions(filters, { limit: 200, cursor: null, excludeQuarantined: true, onlyCleared })).items.map((s) => s.id).sort();

    it('redacts the organization (questionId "organization"); anonymous and unknown submissions are refused', async () => {
      const named = await save({ organization: 'Jane Doe, 12 Elm Street' });
      const anonymous = await save({ organization: null });
      expect(await db.moderation.setRedaction(named.id, 'organization', 'A community group', 'tester')).toBe('ok');
      expect(await db.moderation.setRedaction(anonymous.id, 'organization', 'x', 'tester')).toBe('no-answer');
      expect(await db.moderation.setRedaction('no-such-id', 'organization', 'x', 'tester')).toBe('no-submission');
      expect(await db.moderation.getSubmission(named.id, false)).toMatchObject({ organization: 'Jane Doe, 12 Elm Street', organizationRedacted: 'A community group' });
      expect((await db.moderation.getSubmission(anonymous.id, false))?.organizationRedacted).toBeNull();
      expect(await db.moderation.setRedaction(named.id, 'organization', null, 'tester')).toBe('ok');
      expect((await db.moderation.getSubmission(named.id, false))?.organizationRedacted).toBeNull();
    });

    it('searches the published text; the original only when asked', async () => {
      const marker = `pub${Date.now().toString(36)}`;
      const s = await save({
        organization: `Bellwether ${marker}`,
        answers: [{ questionId: 'barriers', index: 1, question: 'Q?', answer: `Our advocate Tamsin Okonkwo ${marker}` }],
      });
      expect(await ids({ q: 'Okonkwo' })).toContain(s.id);
      await db.moderation.setRedaction(s.id, 'barriers', `Our advocate [name] ${marker}`, 'tester');
      await db.moderation.setRedaction(s.id, 'organization', `A group ${marker}`, 'tester');
      expect(await ids({ q: 'Okonkwo' })).not.toContain(s.id);
      expect(await ids({ q: 'Bellwether' })).not.toContain(s.id);
      expect(await ids({ q: marker })).toEqual([s.id]);
      expect(await ids({ q: 'Okonkwo', searchOriginal: true })).toEqual([s.id]);
      expect(await ids({ q: 'Bellwether', searchOriginal: true })).toEqual([s.id]);
      await db.moderation.setRedaction(s.id, 'barriers', null, 'tester');
      expect(await ids({ q: 'Okonkwo' })).toEqual([s.id]);
    });

    it('searches both languages: word forms and accents fold, in published text and originals (issue 20)', async () => {
      const marker = `bil${Date.now().toString(36)}`;
      const es = await save({
        language: 'es',
        organization: `Red ${marker}`,
        answers: [{ questionId: 'barriers', index: 1, question: 'Q?', answer: `Las sobrevivientes y las victimas necesitan vivienda. ${marker}` }],
      });
      const en = await save({
        language: 'en',
        organization: `Net ${marker}`,
        answers: [{ questionId: 'barriers', index: 1, question: 'Q?', answer: `Survivors told us the víctima advocates were trusted. ${marker}` }],
      });
      const scoped = async (q: string, searchOriginal = false) => (await ids({ q: `${q} ${marker}`, ...(searchOriginal ? { searchOriginal } : {}) }));
      expect(await scoped('sobreviviente')).toEqual([es.id]);
      expect(await scoped('sobrevivientes')).toEqual([es.id]);
      expect(await scoped('víctima')).toEqual([en.id, es.id].sort());
      expect(await scoped('VÍCTIMAS')).toEqual([en.id, es.id].sort());
      expect(await scoped('survivor')).toEqual([en.id]);
      expect(await scoped('"necesitan vivienda"')).toEqual([es.id]);
      // Redacting the word hides it from the published search, in every word form; admins still find the original.
      await db.moderation.setRedaction(es.id, 'barriers', `Las [quitado] y las victimas necesitan vivienda. ${marker}`, 'tester');
      expect(await scoped('sobreviviente')).toEqual([]);
      expect(await scoped('sobreviviente', true)).toEqual([es.id]);
      expect(await scoped('victima')).toEqual([en.id, es.id].sort());
    });

    it('migration 0120 rebuilds documents stored before bilingual search', async () => {
      const marker = `mig${Date.now().toString(36)}`;
      const s = await save({ language: 'es', answers: [{ questionId: 'barriers', index: 1, question: 'Q?', answer: `Las sobrevivientes ${marker}` }] });
      await db.client.query(`UPDATE submissions SET search_document = to_tsvector('simple', 'Las sobrevivientes ${marker}') WHERE id = $1`, [s.id]);
      expect(await ids({ q: `sobreviviente ${marker}` })).toEqual([]);
      const migration = MODERATION_MIGRATIONS.find((x) => x.id === '0120_bilingual_search');
      for (const statement of migration?.statements ?? []) await db.client.query(statement);
      expect(await ids({ q: `sobreviviente ${marker}` })).toEqual([s.id]);
    });

    it('sorts by time, published organization and length, pages each sort by cursor, counts the total, and steps to neighbours (issue 20)', async () => {
      const marker = `srt${Date.now().toString(36)}`;
      const make = (organization: string | null, answer: string, submittedAt: string) =>
        save({ organization, submittedAt, answers: [{ questionId: 'barriers', index: 1, question: 'Q?', answer: `${answer} ${marker}` }] });
      const a = await make('Zeta group', 'x'.repeat(50), '2025-01-01T00:00:01.000Z');
      const b = await make('Ángel house', 'x'.repeat(10), '2025-01-01T00:00:02.000Z');
      const c = await make(null, 'x'.repeat(30), '2025-01-01T00:00:03.000Z');
      const d = await make('beta net', 'x'.repeat(20), '2025-01-01T00:00:04.000Z');
      // A redacted organization sorts by its redaction, never by the original name.
      await db.moderation.setRedaction(a.id, 'organization', 'Alpha (redacted)', 'tester');
      const walk = async (sort: Parameters<AppDatabase['moderation']['neighbours']>[2]) => {
        const seen: string[] = [];
        let cursor: Cursor | null = null;
        for (;;) {
          const page = await db.moderation.listSubmissions({ q: marker }, { limit: 1, cursor, excludeQuarantined: false, sort, withTotal: true });
          expect(page.total).toBe(4);
          seen.push(...page.items.map((s) => s.id));
          if (!page.nextCursor) return seen;
          const parsed = parseCursor(new URLSearchParams({ cursor: page.nextCursor }));
          cursor = parsed.ok ? parsed.value : null;
        }
      };
      expect(await walk('newest')).toEqual([d.id, c.id, b.id, a.id]);
      expect(await walk('oldest')).toEqual([a.id, b.id, c.id, d.id]);
      expect(await walk('organization')).toEqual([a.id, b.id, d.id, c.id]);
      expect(await walk('longest')).toEqual([a.id, c.id, d.id, b.id]);
      expect(await walk('shortest')).toEqual([b.id, d.id, c.id, a.id]);
      expect(await db.moderation.neighbours(d.id, { q: marker }, 'organization')).toEqual({ previous: { id: b.id, receipt: b.receipt }, next: { id: c.id, receipt: c.receipt } });
      expect(await db.moderation.neighbours(d.id, { q: marker }, 'newest')).toEqual({ previous: null, next: { id: c.id, receipt: c.receipt } });
      expect(await db.moderation.neighbours(a.id, { q: marker }, 'newest')).toMatchObject({ next: null, previous: { id: b.id } });
      expect(await db.moderation.neighbours('no-such-id', { q: marker }, 'newest')).toEqual({ previous: null, next: null });
      expect((await db.moderation.listSubmissions({ q: marker }, { limit: 10, cursor: null, excludeQuarantined: false })).total).toBeUndefined();
    });

    it('counts what an export leaves out, each submission once, and lists only cleared ones when asked', async () => {
      const marker = `cnt${Date.now().toString(36)}`;
      const answer = (text: string) => [{ questionId: 'barriers', index: 1, question: 'Q?', answer: `${text} ${marker}` }];
      const cleared = await save({ answers: answer('cleared') });
      const open = await save({ answers: answer('open') });
      const quarantined = await save({ answers: answer('quarantined') });
      const both = await save({ answers: answer('both') });
      await db.moderation.setFlag(cleared.id, 'cleared', true, 'tester');
      await db.moderation.setFlag(quarantined.id, 'quarantined', true, 'tester');
      await db.moderation.setFlag(both.id, 'cleared', true, 'tester');
      await db.moderation.setFlag(both.id, 'quarantined', true, 'tester');
      expect(await db.moderation.countForExport({ q: marker }, { onlyCleared: false })).toEqual({ matching: 4, quarantined: 2, unreviewed: 0 });
      expect(await db.moderation.countForExport({ q: marker }, { onlyCleared: true })).toEqual({ matching: 4, quarantined: 2, unreviewed: 1 });
      expect(await db.moderation.countForExport({ q: marker, includeQuarantined: true }, { onlyCleared: true })).toEqual({ matching: 4, quarantined: 0, unreviewed: 2 });
      expect(await ids({ q: marker }, true)).toEqual([cleared.id]);
      expect(await ids({ q: marker, includeQuarantined: true }, true)).toEqual([cleared.id, both.id].sort());
      expect(await ids({ q: marker })).toEqual([cleared.id, open.id].sort());
    });

    it('finds the earliest near-identical submission, ignores short and different texts, and forgets a deleted one', async () => {
      const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 12, minute)).toISOString();
      const answers = (text: string) => [{ questionId: 'barriers', index: 1, question: 'Q?', answer: text }];
      const first = await save({ submittedAt: at(1), answers: answers(`${LONG}.`) });
      const second = await save({ submittedAt: at(2), answers: answers(`${LONG}!`) });
      const third = await save({ submittedAt: at(3), answers: answers(`${LONG}, please.`) });
      const short1 = await save({ submittedAt: at(4), answers: answers('Yes, agreed.') });
      const short2 = await save({ submittedAt: at(5), answers: answers('Yes, agreed.') });
      const other = await save({ submittedAt: at(6), answers: answers('Publish yearly data on labor trafficking in agriculture, gathered with community researchers in each state.') });
      const hint = async (id: string) => (await db.moderation.getSubmission(id, false))?.possibleDuplicateOf ?? null;
      expect(await hint(first.id)).toBeNull();
      expect(await hint(second.id)).toMatchObject({ id: first.id, receipt: first.receipt });
      expect(await hint(third.id)).toMatchObject({ id: first.id });
      expect(await hint(short2.id)).toBeNull();
      expect(await hint(short1.id)).toBeNull();
      expect(await hint(other.id)).toBeNull();
      // A listed page carries the hint too.
      const listed = await db.moderation.listSubmissions({}, { limit: 200, cursor: null, excludeQuarantined: false });
      expect(listed.items.find((s) => s.id === second.id)?.possibleDuplicateOf?.id).toBe(first.id);
      // The original withdrawn (rows deleted): no dangling hint.
      await db.client.query('DELETE FROM submissions WHERE id = $1', [first.id]);
      expect(await hint(second.id)).toBeNull();
    });

    it('backfills submissions stored before the index, and has nothing left to do afterwards', async () => {
      while ((await db.moderation.backfillPublicRecord(100)) > 0);
      expect(await db.moderation.backfillPublicRecord(100)).toBe(0);
      const a = await save({ submittedAt: '2024-06-01T00:00:00.000Z', answers: [{ questionId: 'barriers', index: 1, question: 'Q?', answer: `Backfill ${LONG}` }] });
      const b = await save({ submittedAt: '2024-06-02T00:00:00.000Z', answers: [{ questionId: 'barriers', index: 1, question: 'Q?', answer: `Backfill ${LONG} too` }] });
      for (const table of ['submission_duplicates', 'submission_minhash_bands', 'submission_minhash']) {
        await db.client.query(`DELETE FROM ${table} WHERE submission_id IN ($1, $2)`, [a.id, b.id]);
      }
      await db.client.query('UPDATE submissions SET similarity_indexed_at = NULL WHERE id IN ($1, $2)', [a.id, b.id]);
      expect(await db.moderation.backfillPublicRecord(1)).toBe(1);
      expect(await db.moderation.backfillPublicRecord(100)).toBe(1);
      expect(await db.moderation.backfillPublicRecord(100)).toBe(0);
      expect((await db.moderation.getSubmission(b.id, false))?.possibleDuplicateOf?.id).toBe(a.id);
    });

    it('scans the organization names of older submissions once, and flags those with personal information', async () => {
      const named = await save({ organization: 'Jane Survivor Doe, 12 Elm Street', piiHints: [{ questionId: 'barriers', kind: 'email', start: 0, end: 3 }] });
      const plain = await save({ organization: 'Harbor Light Network' });
      await db.client.query('UPDATE submissions SET similarity_indexed_at = NULL WHERE id IN ($1, $2)', [named.id, plain.id]);
      await db.client.query('DELETE FROM submission_flags WHERE submission_id IN ($1, $2)', [named.id, plain.id]);
      while ((await db.moderation.backfillPublicRecord(100)) > 0);
      const after = await db.moderation.getSubmission(named.id, false);
      expect(after?.flags).toEqual(['pii-suspected']);
      expect(after?.piiHints.map((h) => [h.questionId, h.kind])).toEqual([
        ['organization', 'street-address'],
        ['barriers', 'email'],
      ]);
      expect((await db.moderation.getSubmission(plain.id, false))?.flags).toEqual([]);
      // Done once: a second pass finds nothing and adds no second hint.
      await db.client.query('UPDATE submissions SET similarity_indexed_at = NULL WHERE id = $1', [named.id]);
      expect(await db.moderation.backfillPublicRecord(100)).toBe(1);
      expect((await db.moderation.getSubmission(named.id, false))?.piiHints).toHaveLength(2);
    });

    it('treats ids with dots, slashes and other characters like any other', async () => {
      const s = await save({});
      const odd = await save({ id: `${s.id}.1/ü %`, receipt: `${s.receipt}-X` });
      expect((await db.moderation.getSubmission(odd.id, false))?.id).toBe(odd.id);
      expect(await db.moderation.setFlag(odd.id, 'cleared', true, 'tester')).toBe(true);
      expect(await db.moderation.setCommittee(odd.id, 'grantmaking', true, 'tester')).toBe(true);
      expect(await db.moderation.setRedaction(odd.id, 'barriers', 'redacted', 'tester')).toBe('ok');
      expect(await db.moderation.getSubmission(odd.id, false)).toMatchObject({ flags: ['cleared'], committees: ['grantmaking'] });
    });
  });
}
