import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionStore, VersionedValue } from '../../src/core/ports.js';
import type { ConversationKey } from '../../src/core/types.js';
import { SESSION_SCHEMA_VERSION, type Session } from '../../src/flow/session.js';

/**
 * The SessionStore contract (src/core/ports.ts), run against every implementation so the in-memory store
 * used in development behaves like Redis in production. The stores keep opaque versioned values; the
 * samples are real encoded sessions (what the dispatcher stores), read back with `sessionIn`.
 *
 * `makeStore` gives a fresh, empty store per test. Optional hooks:
 * - `advance(ms)`: let time pass for TTL purposes (memory: move the injected clock; default: real sleep);
 * - `pttl(kind, key, deliveryId?)`: remaining TTL of the raw key in ms (Redis PTTL; -1 = no TTL, -2 = missing).
 */
export interface SessionStoreHarness {
  store: SessionStore;
  cleanup(): Promise<void>;
  advance?(ms: number): Promise<void>;
  pttl?(kind: 'session' | 'delivery', key: ConversationKey, deliveryId?: string): Promise<number>;
}

export function sampleSession(version: number, overrides: Partial<Session> = {}): Session {
  return {
    schemaVersion: SESSION_SCHEMA_VERSION,
    version,
    draftId: 'draft-0123456789abcdef',
    flowId: 'rfi-contract-test',
    flowVersion: 3,
    channel: 'webchat',
    language: 'es',
    step: 'question',
    questionIndex: 2,
    returnToReview: false,
    pendingConfirmation: null,
    consentedAt: '2025-01-01T00:00:00.000Z',
    organization: 'Asociación Ñandú — “quotes” 🚀',
    respondentTypeId: 'community-org',
    contactEmail: 'someone@example.org',
    answers: { 'q-1': 'Primera respuesta\nwith a newline and ünïcødé 🌎', 'q-2': 'x'.repeat(5000) },
    skipped: ['q-3'],
    submission: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:05:00.000Z',
    timeZone: 'America/Chicago',
    seenQuestions: [{ id: 'q-1', fingerprint: 'abcdefghijklmnop' }],
    reworded: [],
    retiredAnswers: [{ questionId: 'q-old', answer: 'kept' }],
    flowUpdatedNotice: false,
    ...overrides,
  };
}

/** A session as the codec stores it: the version next to the JSON. */
export function sampleValue(version: number, overrides: Partial<Session> = {}): VersionedValue {
  return { version, data: JSON.stringify(sampleSession(version, overrides)) };
}

/** The session inside a stored value (undefined when there is none). */
export function sessionIn(value: VersionedValue | null | undefined): Session | undefined {
  return value ? (JSON.parse(value.data) as Session) : undefined;
}

let keyCounter = 0;
function conversation(overrides: Partial<ConversationKey> = {}): ConversationKey {
  keyCounter += 1;
  return { channel: 'slack', tenantId: 'T0001', userId: `U${keyCounter}-${Math.random().toString(36).slice(2)}`, ...overrides };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const HOUR = 3_600_000;

export function sessionStoreContract(name: string, makeStore: () => Promise<SessionStoreHarness>): void {
  describe(`SessionStore contract: ${name}`, () => {
    let harness: SessionStoreHarness;
    let store: SessionStore;
    const advance = (ms: number) => (harness.advance ? harness.advance(ms) : sleep(ms));

    beforeEach(async () => {
      harness = await makeStore();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    describe('claimAndLoad', () => {
      it('claims a fresh delivery and returns null when there is no session', async () => {
        expect(await store.claimAndLoad(conversation(), 'd-1', HOUR)).toEqual({ fresh: true, stored: null });
      });

      it('reports a duplicate delivery as not fresh, and still returns the session', async () => {
        const key = conversation();
        await store.saveIfVersion(key, sampleValue(1), 0, HOUR);
        expect((await store.claimAndLoad(key, 'd-1', HOUR)).fresh).toBe(true);
        const again = await store.claimAndLoad(key, 'd-1', HOUR);
        expect(again.fresh).toBe(false);
        expect(again.stored).toEqual(sampleValue(1));
        expect((await store.claimAndLoad(key, 'd-2', HOUR)).fresh).toBe(true);
      });

      it('scopes delivery ids to the conversation', async () => {
        expect((await store.claimAndLoad(conversation(), 'same-id', HOUR)).fresh).toBe(true);
        expect((await store.claimAndLoad(conversation(), 'same-id', HOUR)).fresh).toBe(true);
      });

      it('forgets a delivery after the dedupe TTL', async () => {
        const key = conversation();
        expect((await store.claimAndLoad(key, 'd-ttl', 50)).fresh).toBe(true);
        expect((await store.claimAndLoad(key, 'd-ttl', 50)).fresh).toBe(false);
        await advance(150);
        expect((await store.claimAndLoad(key, 'd-ttl', 50)).fresh).toBe(true);
      });

      it('claims a delivery only once when claimed concurrently', async () => {
        const key = conversation();
        const results = await Promise.all([1, 2, 3, 4].map(() => store.claimAndLoad(key, 'd-race', HOUR)));
        expect(results.filter((r) => r.fresh)).toHaveLength(1);
      });
    });

    describe('releaseDelivery', () => {
      it('lets the same delivery be processed again (platform retry after a failed turn)', async () => {
        const key = conversation();
        await store.claimAndLoad(key, 'd-rel', HOUR);
        await store.releaseDelivery(key, 'd-rel');
        expect((await store.claimAndLoad(key, 'd-rel', HOUR)).fresh).toBe(true);
      });

      it('is a no-op for an unknown delivery', async () => {
        await expect(store.releaseDelivery(conversation(), 'never-seen')).resolves.toBeUndefined();
      });
    });

    describe('saveIfVersion', () => {
      it('creates a session when expectedVersion is 0', async () => {
        const key = conversation();
        expect(await store.saveIfVersion(key, sampleValue(1), 0, HOUR)).toBe(true);
        expect(await store.load(key)).toEqual(sampleValue(1));
      });

      it('refuses a second create (expectedVersion 0 when it exists) and writes nothing', async () => {
        const key = conversation();
        await store.saveIfVersion(key, sampleValue(1), 0, HOUR);
        expect(await store.saveIfVersion(key, sampleValue(1, { step: 'review' }), 0, HOUR)).toBe(false);
        expect(sessionIn(await store.load(key))?.step).toBe('question');
      });

      it('updates with the right version and refuses a wrong one', async () => {
        const key = conversation();
        await store.saveIfVersion(key, sampleValue(1), 0, HOUR);
        expect(await store.saveIfVersion(key, sampleValue(2, { step: 'review' }), 1, HOUR)).toBe(true);
        expect(await store.load(key)).toEqual(sampleValue(2, { step: 'review' }));
        // stale writer (still thinks version 1)
        expect(await store.saveIfVersion(key, sampleValue(2, { step: 'intro' }), 1, HOUR)).toBe(false);
        // writer from the future
        expect(await store.saveIfVersion(key, sampleValue(6), 5, HOUR)).toBe(false);
        expect(await store.load(key)).toEqual(sampleValue(2, { step: 'review' }));
      });

      it('refuses an update when the session does not exist', async () => {
        const key = conversation();
        expect(await store.saveIfVersion(key, sampleValue(2), 1, HOUR)).toBe(false);
        expect(await store.load(key)).toBeNull();
      });

      it('rejects a session whose version is not expectedVersion + 1', async () => {
        const key = conversation();
        await expect(store.saveIfVersion(key, sampleValue(3), 0, HOUR)).rejects.toMatchObject({
          code: 'SESSION_VERSION_INVALID',
        });
        expect(await store.load(key)).toBeNull();
      });

      it('rejects a non-positive TTL', async () => {
        await expect(store.saveIfVersion(conversation(), sampleValue(1), 0, 0)).rejects.toMatchObject({ code: 'INVALID_TTL' });
      });

      it('lets exactly one of two concurrent creates win', async () => {
        const key = conversation();
        const results = await Promise.all([
          store.saveIfVersion(key, sampleValue(1, { draftId: 'draft-AAAAAAAAAAAAAAAA' }), 0, HOUR),
          store.saveIfVersion(key, sampleValue(1, { draftId: 'draft-BBBBBBBBBBBBBBBB' }), 0, HOUR),
        ]);
        expect(results.filter(Boolean)).toHaveLength(1);
        const winner = results[0] ? 'draft-AAAAAAAAAAAAAAAA' : 'draft-BBBBBBBBBBBBBBBB';
        expect(sessionIn(await store.load(key))?.draftId).toBe(winner);
      });

      it('lets exactly one of several concurrent updates with the same expected version win', async () => {
        const key = conversation();
        await store.saveIfVersion(key, sampleValue(1), 0, HOUR);
        const steps = ['intro', 'organization', 'review', 'submitted'] as const;
        const results = await Promise.all(steps.map((step) => store.saveIfVersion(key, sampleValue(2, { step }), 1, HOUR)));
        expect(results.filter(Boolean)).toHaveLength(1);
        const stored = await store.load(key);
        expect(stored?.version).toBe(2);
        expect(sessionIn(stored)?.step).toBe(steps[results.indexOf(true)]);
      });
    });

    describe('TTL', () => {
      it('expires a session after its TTL', async () => {
        const key = conversation();
        await store.saveIfVersion(key, sampleValue(1), 0, 50);
        expect(await store.load(key)).not.toBeNull();
        await advance(150);
        expect(await store.load(key)).toBeNull();
        expect((await store.claimAndLoad(key, 'd-after-expiry', HOUR)).stored).toBeNull();
        // An expired session no longer exists, so it can be created again.
        expect(await store.saveIfVersion(key, sampleValue(1), 0, HOUR)).toBe(true);
      });

      it('sets the TTL again on every update', async () => {
        const key = conversation();
        await store.saveIfVersion(key, sampleValue(1), 0, HOUR);
        await store.saveIfVersion(key, sampleValue(2), 1, 50);
        await advance(150);
        expect(await store.load(key)).toBeNull();
      });

      it('puts a TTL on the session and the delivery keys', async (context) => {
        if (!harness.pttl) context.skip();
        const pttl = harness.pttl!;
        const key = conversation();
        await store.saveIfVersion(key, sampleValue(1), 0, 60_000);
        await store.claimAndLoad(key, 'd-pttl', 30_000);
        const sessionTtl = await pttl('session', key);
        const deliveryTtl = await pttl('delivery', key, 'd-pttl');
        expect(sessionTtl).toBeGreaterThan(0);
        expect(sessionTtl).toBeLessThanOrEqual(60_000);
        expect(deliveryTtl).toBeGreaterThan(0);
        expect(deliveryTtl).toBeLessThanOrEqual(30_000);
        await store.saveIfVersion(key, sampleValue(2), 1, 90_000);
        expect(await pttl('session', key)).toBeGreaterThan(60_000);
      });
    });

    describe('load and delete', () => {
      it('returns null for an unknown conversation', async () => {
        expect(await store.load(conversation())).toBeNull();
      });

      it('deletes a session; deleting again is a no-op; it can then be created afresh', async () => {
        const key = conversation();
        await store.saveIfVersion(key, sampleValue(1), 0, HOUR);
        await store.delete(key);
        expect(await store.load(key)).toBeNull();
        await expect(store.delete(key)).resolves.toBeUndefined();
        expect(await store.saveIfVersion(key, sampleValue(1), 0, HOUR)).toBe(true);
      });

      it('keeps conversations apart, including ids that contain the separator', async () => {
        const a = conversation({ tenantId: 'a:b', userId: 'c' });
        const b = conversation({ tenantId: 'a', userId: 'b:c' });
        await store.saveIfVersion(a, sampleValue(1, { draftId: 'draft-AAAAAAAAAAAAAAAA' }), 0, HOUR);
        expect(await store.load(b)).toBeNull();
        expect(await store.saveIfVersion(b, sampleValue(1, { draftId: 'draft-BBBBBBBBBBBBBBBB' }), 0, HOUR)).toBe(true);
        expect(sessionIn(await store.load(a))?.draftId).toBe('draft-AAAAAAAAAAAAAAAA');
        await store.delete(a);
        expect(sessionIn(await store.load(b))?.draftId).toBe('draft-BBBBBBBBBBBBBBBB');
      });
    });

    describe('values are opaque', () => {
      it('returns the value exactly as saved (unicode, long text), as a fresh object every time', async () => {
        const key = conversation();
        const original = sampleValue(1, { organization: null, submission: null });
        await store.saveIfVersion(key, original, 0, HOUR);
        const first = await store.load(key);
        expect(first).toEqual(original);
        expect(first).not.toBe(original);
        const second = await store.load(key);
        expect(second).not.toBe(first);
        expect(sessionIn(second)?.answers['q-2']).toBe('x'.repeat(5000));
        expect(sessionIn(second)?.answers['q-1']).toContain('🌎');
        expect((await store.claimAndLoad(key, 'd-copy', HOUR)).stored).toEqual(original);
      });

      it('stores what it is given without judging it (the session codec does that)', async () => {
        const key = conversation();
        const notASession = { version: 1, data: '{"schemaVersion":99,"from":"the future"}' };
        expect(await store.saveIfVersion(key, notASession, 0, HOUR)).toBe(true);
        expect(await store.load(key)).toEqual(notASession);
      });

      it('refuses an empty value', async () => {
        await expect(store.saveIfVersion(conversation(), { version: 1, data: '' }, 0, HOUR)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
      });
    });

    describe('submits waiting for the comment store', () => {
      const at = (iso: string) => new Date(iso);
      const FAR = at('2100-01-01T00:00:00.000Z');
      /** A mark as the dispatcher writes it: due at `nextAttemptAt` (default: when the partner asked). */
      const mark = (version: number, requestedAt: Date, attempts = 0, nextAttemptAt = requestedAt) => ({ version, requestedAt, attempts, nextAttemptAt });

      it('lists each conversation once, with its latest mark (version, when the partner asked, attempts, next attempt)', async () => {
        const a = conversation({ userId: 'U:with:colons' });
        const b = conversation();
        expect(await store.listSubmitsPending(10, FAR)).toEqual([]);
        await store.markSubmitPending(a, mark(3, at('2026-11-30T10:00:00.000Z')), HOUR);
        await store.markSubmitPending(b, mark(7, at('2026-11-30T10:00:01.250Z')), HOUR);
        await store.markSubmitPending(a, mark(5, at('2026-11-30T10:05:00.001Z'), 2, at('2026-11-30T10:05:20.002Z')), HOUR);
        const listed = await store.listSubmitsPending(10, FAR);
        expect(listed).toHaveLength(2);
        expect(listed).toEqual(
          expect.arrayContaining([
            { key: a, ...mark(5, at('2026-11-30T10:05:00.001Z'), 2, at('2026-11-30T10:05:20.002Z')) },
            { key: b, ...mark(7, at('2026-11-30T10:00:01.250Z')) },
          ]),
        );
        expect(await store.listSubmitsPending(1, FAR)).toHaveLength(1);
      });

      it('lists only the entries due by the time given, earliest due first, so one that keeps failing goes to the back', async () => {
        const keys = [conversation(), conversation(), conversation(), conversation()];
        const requestedAt = at('2026-11-30T10:00:00.000Z');
        // Marked in an order unrelated to their due times.
        await store.markSubmitPending(keys[0] as ConversationKey, mark(1, requestedAt, 4, at('2026-11-30T10:03:00.000Z')), HOUR);
        await store.markSubmitPending(keys[1] as ConversationKey, mark(1, requestedAt, 0, at('2026-11-30T10:00:00.000Z')), HOUR);
        await store.markSubmitPending(keys[2] as ConversationKey, mark(1, requestedAt, 9, at('2026-11-30T11:00:00.000Z')), HOUR);
        await store.markSubmitPending(keys[3] as ConversationKey, mark(1, requestedAt, 1, at('2026-11-30T10:00:05.000Z')), HOUR);
        const due = await store.listSubmitsPending(10, at('2026-11-30T10:03:00.000Z'));
        expect(due.map((entry) => entry.key)).toEqual([keys[1], keys[3], keys[0]]);
        expect((await store.listSubmitsPending(2, at('2026-11-30T10:03:00.000Z'))).map((entry) => entry.key)).toEqual([keys[1], keys[3]]);
        expect(await store.listSubmitsPending(10, at('2026-11-30T09:59:59.999Z'))).toEqual([]);
        // A failed retry re-marks the entry later: it leaves the front of the queue.
        await store.markSubmitPending(keys[1] as ConversationKey, mark(1, requestedAt, 1, at('2026-11-30T10:10:00.000Z')), HOUR);
        expect((await store.listSubmitsPending(1, at('2026-11-30T10:03:00.000Z'))).map((entry) => entry.key)).toEqual([keys[3]]);
      });

      it('clears an entry only while it names the version given', async () => {
        const key = conversation();
        const requestedAt = at('2026-11-30T10:00:00.000Z');
        await store.markSubmitPending(key, mark(14, requestedAt), HOUR);
        await store.clearSubmitPending(key, 1);
        await store.clearSubmitPending(key, 4);
        expect(await store.listSubmitsPending(10, FAR)).toEqual([{ key, ...mark(14, requestedAt) }]);
        await store.clearSubmitPending(key, 14);
        expect(await store.listSubmitsPending(10, FAR)).toEqual([]);
        await expect(store.clearSubmitPending(key, 14)).resolves.toBeUndefined();
      });

      it('forgets entries after their TTL', async () => {
        const key = conversation();
        await store.markSubmitPending(key, mark(1, new Date()), 100);
        await advance(150);
        expect(await store.listSubmitsPending(10, FAR)).toEqual([]);
      });

      it('refuses an invalid TTL and writes nothing', async () => {
        await expect(store.markSubmitPending(conversation(), mark(1, new Date()), 0)).rejects.toMatchObject({ code: 'INVALID_TTL' });
        expect(await store.listSubmitsPending(10, FAR)).toEqual([]);
      });
    });

    describe('ping and close', () => {
      it('pings', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });

      it('rejects with SESSION_STORE_UNAVAILABLE after close', async () => {
        await store.close();
        await expect(store.ping()).rejects.toMatchObject({ code: 'SESSION_STORE_UNAVAILABLE' });
        await expect(store.load(conversation())).rejects.toMatchObject({ code: 'SESSION_STORE_UNAVAILABLE' });
      });
    });
  });
}
