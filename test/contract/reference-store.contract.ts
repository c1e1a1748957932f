import { describe, expect, it } from 'vitest';
import type { ConversationReference, ConversationReferenceStore } from '../../src/core/ports.js';
import type { ConversationKey } from '../../src/core/types.js';

/**
 * The ConversationReferenceStore contract (src/core/ports.ts), run against every implementation.
 * `open()` gives a store on a fresh database plus `reopen()`: a second store on the same database, as a
 * restarted process or another instance would see it.
 */
export interface ReferenceStoreHarness {
  store: ConversationReferenceStore;
  reopen(): ConversationReferenceStore;
  cleanup(): Promise<void>;
}

function keyOf(userId: string): ConversationKey {
  return { channel: 'teams', tenantId: 'tenant-a', userId };
}

function referenceOf(userId: string, overrides: Partial<ConversationReference> = {}): ConversationReference {
  return {
    conversationId: `a:conversation-${userId}`,
    serviceUrl: 'https://smba.trafficmanager.net/amer/',
    channelId: 'msteams',
    botId: '28:bot',
    botName: 'RFI bot',
    userChannelId: `29:${userId}`,
    userName: 'Partner Name',
    tenantId: 'tenant-a',
    locale: 'es-US',
    timeZone: 'America/Chicago',
    ...overrides,
  };
}

export function referenceStoreContract(name: string, open: () => Promise<ReferenceStoreHarness>): void {
  describe(`ConversationReferenceStore contract: ${name}`, () => {
    async function withStore(fn: (harness: ReferenceStoreHarness) => Promise<void>): Promise<void> {
      const harness = await open();
      try {
        await fn(harness);
      } finally {
        await harness.cleanup();
      }
    }

    it('returns null for a partner never seen, and recording a delivery for one is harmless', () =>
      withStore(async ({ store }) => {
        await store.markDelivery(keyOf('nobody'), 'app-removed', 403);
        expect(await store.get(keyOf('nobody'))).toBeNull();
      }));

    it('remembers a reference durably: a restarted process or another instance reads it back', () =>
      withStore(async ({ store, reopen }) => {
        await store.remember(keyOf('u1'), referenceOf('u1'));
        const expected = { reference: referenceOf('u1'), deliveryStatus: 'ok', deliveryStatusCode: null };
        expect(await store.get(keyOf('u1'))).toEqual(expected);
        expect(await reopen().get(keyOf('u1'))).toEqual(expected);
      }));

    it('keeps the newest reference when it changes (a new conversation id or service URL)', () =>
      withStore(async ({ store, reopen }) => {
        await store.remember(keyOf('u1'), referenceOf('u1'));
        await store.remember(keyOf('u1'), referenceOf('u1', { serviceUrl: 'https://smba.trafficmanager.net/emea/', conversationId: 'a:new' }));
        const found = await reopen().get(keyOf('u1'));
        expect(found?.reference.serviceUrl).toBe('https://smba.trafficmanager.net/emea/');
        expect(found?.reference.conversationId).toBe('a:new');
      }));

    it('keeps a known time zone and locale when a later reference lacks them', () =>
      withStore(async ({ store, reopen }) => {
        await store.remember(keyOf('u1'), referenceOf('u1'));
        await store.remember(keyOf('u1'), referenceOf('u1', { timeZone: undefined, locale: undefined, conversationId: 'a:later' }));
        const found = await reopen().get(keyOf('u1'));
        expect(found?.reference).toMatchObject({ conversationId: 'a:later', timeZone: 'America/Chicago', locale: 'es-US' });
      }));

    it('records that the app was removed, and the next contact from the partner makes them reachable again', () =>
      withStore(async ({ store, reopen }) => {
        await store.remember(keyOf('u1'), referenceOf('u1'));
        await store.markDelivery(keyOf('u1'), 'app-removed', 403);
        expect(await reopen().get(keyOf('u1'))).toMatchObject({ deliveryStatus: 'app-removed', deliveryStatusCode: 403 });
        await store.remember(keyOf('u1'), referenceOf('u1'));
        expect(await reopen().get(keyOf('u1'))).toMatchObject({ deliveryStatus: 'ok' });
      }));

    it('stores every one of many first contacts arriving at once, and the same partner twice keeps the newer', () =>
      withStore(async ({ store, reopen }) => {
        const ids = Array.from({ length: 120 }, (_, i) => `many-${i}`);
        await Promise.all([
          ...ids.map((id) => store.remember(keyOf(id), referenceOf(id))),
          store.remember(keyOf('twice'), referenceOf('twice', { conversationId: 'a:first' })),
          store.remember(keyOf('twice'), referenceOf('twice', { conversationId: 'a:second' })),
        ]);
        const other = reopen();
        const found = await Promise.all(ids.map((id) => other.get(keyOf(id))));
        expect(found.filter((record) => record === null)).toEqual([]);
        expect(found.map((record) => record?.reference.userChannelId)).toEqual(ids.map((id) => `29:${id}`));
        expect((await other.get(keyOf('twice')))?.reference.conversationId).toBe('a:second');
      }));

    it('keeps partners of different tenants apart', () =>
      withStore(async ({ store }) => {
        await store.remember(keyOf('same'), referenceOf('same'));
        expect(await store.get({ channel: 'teams', tenantId: 'tenant-b', userId: 'same' })).toBeNull();
      }));
  });
}
