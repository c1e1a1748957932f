import { describe, expect, it } from 'vitest';
import { createMemorySessionStore } from '../../src/state/memory-session-store.js';
import { sampleValue, sessionStoreContract } from './session-store.contract.js';

sessionStoreContract('memory', async () => {
  let now = Date.parse('2025-06-01T12:00:00.000Z');
  const store = createMemorySessionStore({ clock: () => now, nodeEnv: 'test' });
  return {
    store,
    cleanup: () => store.close(),
    advance: async (ms) => {
      now += ms;
    },
  };
});

describe('memory session store specifics', () => {
  it('refuses to be created in production and says to set REDIS_URL', () => {
    let thrown: unknown;
    try {
      createMemorySessionStore({ nodeEnv: 'production' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'MEMORY_STORE_IN_PRODUCTION' });
    expect((thrown as Error).message).toContain('REDIS_URL');
  });

  it('sweeps expired entries on write, so abandoned conversations do not pile up', async () => {
    let now = 0;
    const store = createMemorySessionStore({ clock: () => now, nodeEnv: 'test', sweepIntervalMs: 1000 });
    const key = (i: number) => ({ channel: 'webchat' as const, tenantId: 'web', userId: `u${i}` });
    for (let i = 0; i < 100; i += 1) {
      await store.saveIfVersion(key(i), sampleValue(1), 0, 500);
      await store.claimAndLoad(key(i), `d${i}`, 500);
    }
    expect(store.entryCount()).toEqual({ sessions: 100, deliveries: 100 });
    now = 2000;
    // One write after the sweep interval purges every expired entry, though none of them was read.
    await store.saveIfVersion(key(1000), sampleValue(1), 0, 500);
    expect(store.entryCount()).toEqual({ sessions: 1, deliveries: 0 });
    await store.close();
  });
});
