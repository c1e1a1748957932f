import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommentStore } from '../../src/core/ports.js';
import type { NewSubmission } from '../../src/core/submission.js';

/**
 * The CommentStore contract (src/core/ports.ts), run against PGlite and Postgres so the embedded store used
 * by default behaves like the production database.
 *
 * `makeStore` returns a migrated store on an empty database (one per suite: PGlite takes seconds to boot);
 * every test uses its own random ids, so tests do not depend on each other.
 */
export interface CommentStoreHarness {
  store: CommentStore;
  cleanup(): Promise<void>;
  /** Rows in a table for one submission id (checks that duplicates were not written). */
  countRows(table: 'submissions' | 'submission_answers' | 'submission_private', submissionId: string): Promise<number>;
}

export function sampleSubmission(overrides: Partial<NewSubmission> = {}): NewSubmission {
  const id = randomUUID().replace(/-/g, '');
  return {
    id,
    receipt: `RFI-${id.slice(0, 10).toUpperCase()}`,
    flowId: 'rfi-contract-test',
    flowVersion: 7,
    answers: [
      { questionId: 'barriers', index: 1, question: 'What barriers do people face?', answer: 'Transport — “quotes”, ñ, 🚌' },
      { questionId: 'data', index: 2, question: '¿Qué datos faltan?', answer: null },
      { questionId: 'ideas', index: 3, question: 'Any ideas?', answer: 'Line one\nLine two\ttabbed' },
    ],
    organization: 'Asociación Comunitaria Ñandú',
    respondentType: 'community-org',
    language: 'es',
    channel: 'slack',
    submittedAt: '2025-03-04T05:06:07.891Z',
    piiHints: [
      { questionId: 'barriers', kind: 'email', start: 3, end: 17 },
      { questionId: 'ideas', kind: 'phone', start: 0, end: 4 },
    ],
    contactEmail: 'private.person@example.org',
    conversationKey: 'slack:T0001:U0001',
    ...overrides,
  };
}

/** PGlite boots a WASM Postgres (2–4 s here, more on a slow CI runner). */
const BOOT_TIMEOUT_MS = 60_000;

function publicPart(s: NewSubmission) {
  const { contactEmail: _email, conversationKey: _key, ...rest } = s;
  return rest;
}

export function commentStoreContract(name: string, makeStore: () => Promise<CommentStoreHarness>): void {
  describe(`CommentStore contract: ${name}`, () => {
    let harness: CommentStoreHarness;
    let store: CommentStore;

    beforeAll(async () => {
      harness = await makeStore();
      store = harness.store;
    }, BOOT_TIMEOUT_MS);
    afterAll(async () => {
      await harness?.cleanup();
    });

    it('migrates again without error (idempotent)', async () => {
      await store.migrate();
      await store.migrate();
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('saves and reads back every public field by id and by receipt', async () => {
      const s = sampleSubmission();
      expect(await store.saveSubmission(s)).toEqual({ receipt: s.receipt, created: true });
      const byId = await store.getById(s.id);
      expect(byId).toEqual(publicPart(s));
      expect(await store.getByReceipt(s.receipt)).toEqual(byId);
      expect(byId?.submittedAt).toBe('2025-03-04T05:06:07.891Z');
    });

    it('returns answers ordered by question index whatever the input order', async () => {
      const s = sampleSubmission();
      const shuffled = { ...s, answers: [s.answers[2]!, s.answers[0]!, s.answers[1]!] };
      await store.saveSubmission(shuffled);
      expect((await store.getById(s.id))?.answers.map((a) => a.index)).toEqual([1, 2, 3]);
    });

    it('is idempotent on id: a second save stores nothing and returns the first receipt', async () => {
      const s = sampleSubmission();
      await store.saveSubmission(s);
      const again = await store.saveSubmission({ ...s, receipt: 'RFI-DIFFERENT', organization: 'Changed', contactEmail: 'other@example.org' });
      expect(again).toEqual({ receipt: s.receipt, created: false });
      expect(await harness.countRows('submissions', s.id)).toBe(1);
      expect(await harness.countRows('submission_answers', s.id)).toBe(3);
      expect(await harness.countRows('submission_private', s.id)).toBe(1);
      expect((await store.getById(s.id))?.organization).toBe(s.organization);
      expect((await store.getPrivateContact(s.id))?.contactEmail).toBe(s.contactEmail);
      expect(await store.getByReceipt('RFI-DIFFERENT')).toBeNull();
    });

    it('keeps exactly one row when the same id is saved concurrently', async () => {
      const s = sampleSubmission();
      const results = await Promise.all([1, 2, 3, 4].map(() => store.saveSubmission(s)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.receipt))).toEqual(new Set([s.receipt]));
      expect(await harness.countRows('submissions', s.id)).toBe(1);
      expect(await harness.countRows('submission_answers', s.id)).toBe(3);
      expect(await harness.countRows('submission_private', s.id)).toBe(1);
    });

    it('stores null answers, a null organization, no PII hints and no answers at all', async () => {
      const anonymous = sampleSubmission({
        organization: null,
        contactEmail: null,
        piiHints: [],
        answers: [
          { questionId: 'q1', index: 1, question: 'Q1', answer: null },
          { questionId: 'q2', index: 2, question: 'Q2', answer: '' },
        ],
      });
      await store.saveSubmission(anonymous);
      expect(await store.getById(anonymous.id)).toEqual(publicPart(anonymous));
      expect(await store.getPrivateContact(anonymous.id)).toEqual({ contactEmail: null, conversationKey: anonymous.conversationKey });

      const empty = sampleSubmission({ answers: [] });
      await store.saveSubmission(empty);
      expect((await store.getById(empty.id))?.answers).toEqual([]);
    });

    it('returns the contact email only through getPrivateContact', async () => {
      const s = sampleSubmission({ channel: 'teams', conversationKey: 'teams:tenant-9:user-9' });
      await store.saveSubmission(s);
      expect(await store.getPrivateContact(s.id)).toEqual({
        contactEmail: 'private.person@example.org',
        conversationKey: 'teams:tenant-9:user-9',
      });
      for (const result of [await store.getById(s.id), await store.getByReceipt(s.receipt)]) {
        const json = JSON.stringify(result);
        expect(json).not.toContain('private.person@example.org');
        expect(json).not.toContain('teams:tenant-9:user-9');
        expect(result).not.toHaveProperty('contactEmail');
        expect(result).not.toHaveProperty('conversationKey');
      }
    });

    it('returns null for unknown ids and receipts', async () => {
      expect(await store.getById('no-such-id')).toBeNull();
      expect(await store.getByReceipt('RFI-NOPE')).toBeNull();
      expect(await store.getPrivateContact('no-such-id')).toBeNull();
    });

    it('round-trips unicode and long (20,000 character) text', async () => {
      const long = 'Ñandú 🌎 “comillas” — 漢字 '.repeat(1000).slice(0, 20_000);
      expect(long).toHaveLength(20_000);
      const s = sampleSubmission({
        organization: `Org ${long.slice(0, 500)}`,
        answers: [{ questionId: 'long', index: 1, question: `¿${long.slice(0, 300)}?`, answer: long }],
        piiHints: [{ questionId: 'long', kind: 'street-address', start: 19_000, end: 19_040 }],
      });
      await store.saveSubmission(s);
      expect(await store.getById(s.id)).toEqual(publicPart(s));
    });

    it('rejects a different submission reusing a receipt, and writes none of it', async () => {
      const first = sampleSubmission();
      await store.saveSubmission(first);
      const clash = sampleSubmission({ receipt: first.receipt });
      await expect(store.saveSubmission(clash)).rejects.toMatchObject({ code: 'COMMENT_STORE_FAILED' });
      expect(await store.getById(clash.id)).toBeNull();
      expect(await harness.countRows('submission_answers', clash.id)).toBe(0);
    });

    it('deletes a conversation\'s submission with its answers and private row, and nothing else', async () => {
      const mine = { ...sampleSubmission(), conversationKey: 'webchat:web:withdrawing-partner' };
      const other = sampleSubmission();
      await store.saveSubmission(mine);
      await store.saveSubmission(other);
      expect(await store.deleteByConversation('webchat:web:withdrawing-partner')).toEqual([mine.id]);
      expect(await store.getById(mine.id)).toBeNull();
      expect(await harness.countRows('submission_answers', mine.id)).toBe(0);
      expect(await harness.countRows('submission_private', mine.id)).toBe(0);
      expect(await store.getById(other.id)).not.toBeNull();
      expect(await store.deleteByConversation('webchat:web:withdrawing-partner')).toEqual([]);
    });

    it('purges submissions older than a date and keeps the newer ones', async () => {
      const old = { ...sampleSubmission(), submittedAt: '2001-01-01T00:00:00.000Z' };
      const recent = { ...sampleSubmission(), submittedAt: '2001-06-01T00:00:00.000Z' };
      await store.saveSubmission(old);
      await store.saveSubmission(recent);
      expect(await store.purgeBefore(new Date('2001-03-01T00:00:00Z'))).toBe(1);
      expect(await store.getById(old.id)).toBeNull();
      expect(await store.getById(recent.id)).not.toBeNull();
    });

    it('pings', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });

  describe(`CommentStore contract: ${name} after close`, () => {
    it('rejects with COMMENT_STORE_UNAVAILABLE once closed', async () => {
      const { store, cleanup } = await makeStore();
      await store.close();
      await expect(store.ping()).rejects.toMatchObject({ code: 'COMMENT_STORE_UNAVAILABLE' });
      await expect(store.getById('x')).rejects.toMatchObject({ code: 'COMMENT_STORE_UNAVAILABLE' });
      await cleanup();
    }, BOOT_TIMEOUT_MS);
  });
}
