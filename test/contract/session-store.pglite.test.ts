import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteClient, PGLITE_IN_MEMORY } from '../../src/store/pglite-client.js';
import type { SqlClient } from '../../src/store/sql-client.js';
import { sampleValue, sessionStoreContract } from './session-store.contract.js';
import { sqlSessionHarness } from './session-store.sql-harness.js';

/** The embedded default (REDIS_URL unset): sessions in PGlite, beside the comment store. */
let client: SqlClient;
beforeAll(async () => {
  client = await createPgliteClient(PGLITE_IN_MEMORY);
});
afterAll(async () => {
  await client.close();
});

sessionStoreContract('pglite', () => sqlSessionHarness(client, 'pglite'));

describe('SQL session store on PGlite: specifics', () => {
  const key = (i: number) => ({ channel: 'webchat' as const, tenantId: 'web', userId: `u${i}` });

  it('sweeps expired rows, so abandoned conversations do not pile up, and keeps live ones', async () => {
    const harness = await sqlSessionHarness(client, 'pglite');
    const { store } = harness;
    for (let i = 0; i < 20; i += 1) {
      await store.saveIfVersion(key(i), sampleValue(1), 0, 500);
      await store.claimAndLoad(key(i), `d${i}`, 500);
    }
    await store.saveIfVersion(key(99), sampleValue(1), 0, 60_000);
    await store.markSubmitPending(key(98), { version: 1, requestedAt: new Date(), attempts: 0, nextAttemptAt: new Date() }, 500);
    await harness.advance!(1000);
    expect(await store.sweepExpired()).toBe(41);
    const count = async (table: string) => Number((await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n);
    expect(await count('sessions')).toBe(1);
    expect(await count('session_deliveries')).toBe(0);
    expect(await count('session_submits_pending')).toBe(0);
    expect(await store.load(key(99))).toEqual(sampleValue(1));
    await harness.cleanup();
  });

  it('reports a closed database as SESSION_STORE_UNAVAILABLE', async () => {
    const own = await createPgliteClient(PGLITE_IN_MEMORY);
    const harness = await sqlSessionHarness(own, 'pglite');
    await own.close();
    await expect(harness.store.load(key(1))).rejects.toMatchObject({ code: 'SESSION_STORE_UNAVAILABLE' });
    await harness.cleanup();
  });
});
