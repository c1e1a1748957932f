import { conversationKeyToString } from '../../src/core/types.js';
import type { SqlClient } from '../../src/store/sql-client.js';
import { migrate } from '../../src/store/migrations.js';
import { createSqlSessionStore, type SqlSessionStore } from '../../src/state/sql/session-store.js';
import { SESSION_STORE_MIGRATIONS } from '../../src/state/sql/migrations.js';
import type { SessionStoreHarness } from './session-store.contract.js';

/**
 * The SQL session store on one client (PGlite or Postgres), for the contract suite: its clock is a
 * variable the harness moves (`advance`), and each test starts from empty tables.
 */
export async function sqlSessionHarness(client: SqlClient, kind: 'pglite' | 'postgres'): Promise<SessionStoreHarness & { store: SqlSessionStore }> {
  await migrate(client, kind, SESSION_STORE_MIGRATIONS);
  await client.query('TRUNCATE sessions, session_deliveries, session_submits_pending');
  let now = Date.parse('2025-06-01T12:00:00.000Z');
  const store = createSqlSessionStore({ client, kind, nowMs: () => now, sweepIntervalMs: 0 });
  return {
    store,
    cleanup: () => store.close(),
    advance: async (ms) => {
      now += ms;
    },
    pttl: async (which, key, deliveryId) => {
      const conversation = conversationKeyToString(key);
      const { rows } =
        which === 'session'
          ? await client.query<{ expires_at_ms: string }>('SELECT expires_at_ms FROM sessions WHERE conversation = $1', [conversation])
          : await client.query<{ expires_at_ms: string }>('SELECT expires_at_ms FROM session_deliveries WHERE conversation = $1 AND delivery_id = $2', [
              conversation,
              deliveryId ?? '',
            ]);
      return rows[0] ? Number(rows[0].expires_at_ms) - now : -2;
    },
  };
}
