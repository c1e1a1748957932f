import { setTimeout as sleep } from 'node:timers/promises';
import type { ConversationReference, ConversationReferenceStore, DeliveryStatus } from '../core/ports.js';
import { conversationKeyToString } from '../core/types.js';
import { REFERENCE_STORE_MIGRATIONS } from './reference-store-migrations.js';
import type { SqlClient } from './sql-client.js';
import type { StoreFeature } from './store-feature.js';

/**
 * ConversationReferenceStore on SQL (table teams_conversations, same statements on PGlite and Postgres):
 * how to reach each Teams partner, so staff can send proactive reminders after a restart and from any
 * instance, and whether we still can (403 = the app was removed). Contract: ConversationReferenceStore
 * in src/core/ports.ts, checked by test/contract/reference-store.contract.ts.
 *
 * Unchanged references are not rewritten (an in-process cache of what was written with status ok), to
 * keep turns cheap; first contacts are group-committed (below).
 */
type StoredReference = ConversationReference;

const CACHE_LIMIT = 20_000;
/** How long a first contact's reference waits for others to share its INSERT. */
const GROUP_WINDOW_MS = 10;
const MAX_BATCH_ROWS = 500;

interface Row {
  tenant_id: string;
  conversation_id: string;
  service_url: string;
  channel_id: string;
  bot_id: string;
  bot_name: string | null;
  user_id: string;
  user_name: string | null;
  locale: string | null;
  time_zone: string | null;
  delivery_status: DeliveryStatus;
  delivery_status_code: number | null;
}

export function createSqlReferenceStore(client: SqlClient): ConversationReferenceStore {
  /** conversation key → signature of the reference last written with status ok. */
  const written = new Map<string, string>();
  /**
   * Group commit: new references wait GROUP_WINDOW_MS for company, then go out together as ONE multi-row
   * statement; those arriving while it runs form the next one. On the embedded PGlite a statement costs
   * ~0.3–0.5 ms of CPU and a row ~0.03 ms, so under load this is most of the cost of first contacts. The
   * wait runs alongside the turn's own work (the turn waits for both), and only first contacts pay it.
   * Each caller still waits for its own row.
   */
  let pending = new Map<string, { reference: StoredReference; signature: string; waiters: Array<{ resolve(): void; reject(error: unknown): void }> }>();
  let inFlight: Promise<void> | null = null;

  async function flush(): Promise<void> {
    try {
      await sleep(GROUP_WINDOW_MS);
      await drain();
    } finally {
      // A waiter resolved by drain() may call remember() again before this runs (its continuation is
      // queued ahead of ours), when `inFlight` still looks busy: such entries get a flush of their own.
      inFlight = pending.size > 0 ? flush() : null;
    }
  }

  /** Takes up to MAX_BATCH_ROWS entries off `pending` (Postgres allows 65,535 parameters per statement). */
  function takeBatch(): typeof pending {
    if (pending.size <= MAX_BATCH_ROWS) {
      const batch = pending;
      pending = new Map();
      return batch;
    }
    const batch: typeof pending = new Map();
    for (const [id, entry] of pending) {
      if (batch.size >= MAX_BATCH_ROWS) break;
      batch.set(id, entry);
      pending.delete(id);
    }
    return batch;
  }

  async function drain(): Promise<void> {
    while (pending.size > 0) {
      const batch = takeBatch();
      const ids = [...batch.keys()];
      const params: unknown[] = [];
      const rows = ids.map((id, index) => {
        const { reference } = batch.get(id) as { reference: StoredReference };
        params.push(
          id,
          reference.tenantId,
          reference.userChannelId,
          reference.conversationId,
          reference.serviceUrl,
          reference.channelId,
          reference.botId,
          reference.botName ?? null,
          reference.userName ?? null,
          reference.locale ?? null,
          reference.timeZone ?? null,
        );
        const base = index * 11;
        return `(${Array.from({ length: 11 }, (_, i) => `$${base + i + 1}`).join(', ')})`;
      });
      try {
        await client.query(
          `INSERT INTO teams_conversations (conversation_key, tenant_id, user_id, conversation_id, service_url, channel_id,
             bot_id, bot_name, user_name, locale, time_zone)
           VALUES ${rows.join(', ')}
           ON CONFLICT (conversation_key) DO UPDATE SET
             conversation_id = EXCLUDED.conversation_id, service_url = EXCLUDED.service_url, channel_id = EXCLUDED.channel_id,
             bot_id = EXCLUDED.bot_id, bot_name = EXCLUDED.bot_name, user_id = EXCLUDED.user_id, user_name = EXCLUDED.user_name,
             locale = COALESCE(EXCLUDED.locale, teams_conversations.locale),
             time_zone = COALESCE(EXCLUDED.time_zone, teams_conversations.time_zone),
             delivery_status = 'ok', delivery_status_code = NULL, updated_at = now()`,
          params,
        );
        if (written.size + batch.size > CACHE_LIMIT) written.clear();
        for (const [id, entry] of batch) {
          written.set(id, entry.signature);
          for (const waiter of entry.waiters) waiter.resolve();
        }
      } catch (error) {
        for (const entry of batch.values()) for (const waiter of entry.waiters) waiter.reject(error);
      }
    }
  }

  return {
    remember(key, reference) {
      const id = conversationKeyToString(key);
      const signature = JSON.stringify(reference);
      if (written.get(id) === signature) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        // The same partner twice in one batch: the newer reference wins (one row per key per statement).
        const entry = pending.get(id);
        pending.set(id, { reference, signature, waiters: [...(entry?.waiters ?? []), { resolve, reject }] });
        inFlight ??= flush();
      });
    },

    async markDelivery(key, status, httpStatus) {
      const id = conversationKeyToString(key);
      // Written with status ok by `remember` in this process and nothing failed since: nothing to record.
      if (status === 'ok' && written.has(id)) return;
      // The next contact must write again (to set the status back to ok).
      if (status !== 'ok') written.delete(id);
      await client.query(
        `UPDATE teams_conversations SET delivery_status = $2, delivery_status_code = $3, delivery_status_at = now()
         WHERE conversation_key = $1 AND (delivery_status <> $2 OR delivery_status_code IS DISTINCT FROM $3)`,
        [id, status, httpStatus],
      );
    },

    async get(key) {
      const { rows } = await client.query<Row>(
        `SELECT tenant_id, conversation_id, service_url, channel_id, bot_id, bot_name, user_id, user_name, locale, time_zone,
           delivery_status, delivery_status_code
         FROM teams_conversations WHERE conversation_key = $1`,
        [conversationKeyToString(key)],
      );
      const row = rows[0];
      if (!row) return null;
      return {
        deliveryStatus: row.delivery_status,
        deliveryStatusCode: row.delivery_status_code,
        reference: {
          conversationId: row.conversation_id,
          serviceUrl: row.service_url,
          channelId: row.channel_id,
          botId: row.bot_id,
          botName: row.bot_name ?? undefined,
          userChannelId: row.user_id,
          userName: row.user_name ?? undefined,
          tenantId: row.tenant_id,
          locale: row.locale ?? undefined,
          timeZone: row.time_zone ?? undefined,
        },
      };
    },
  };
}

/** The reference store's tables in the comment store's database. */
export const REFERENCE_STORE_FEATURE: StoreFeature = { name: 'teams-references', migrations: REFERENCE_STORE_MIGRATIONS };
