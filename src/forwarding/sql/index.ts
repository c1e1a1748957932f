import type { SqlQueryable } from '../../store/sql-client.js';
import type { StoreFeature } from '../../store/store-feature.js';
import { FORWARDING_MIGRATIONS } from '../migrations.js';
import type { ForwardingRepository, ForwardRow, ForwardState } from '../repository.js';
import { toIso } from '../../store/submission-rows.js';

interface Row {
  submission_id: string;
  state: ForwardState;
  attempts: number;
  submission_key: string | null;
  tracking_number: string | null;
  api_status: number | null;
  api_message: string | null;
  updated_at: unknown;
}

const COLUMNS = 'submission_id, state, attempts, submission_key, tracking_number, api_status, api_message, updated_at';
/** The same columns of `forward_outbox o`, for UPDATE … FROM … RETURNING. */
const O_COLUMNS = COLUMNS.split(', ').map((column) => `o.${column}`).join(', ');

function toRow(row: Row): ForwardRow {
  return {
    submissionId: row.submission_id,
    state: row.state,
    attempts: row.attempts,
    submissionKey: row.submission_key,
    trackingNumber: row.tracking_number,
    apiStatus: row.api_status,
    apiMessage: row.api_message,
    updatedAt: toIso(row.updated_at),
  };
}

/** The forward intent, in the caller's transaction (the submit's, or the approval's). */
export async function enqueueForward(tx: SqlQueryable, submissionId: string): Promise<void> {
  await tx.query(
    `INSERT INTO forward_outbox (submission_id) VALUES ($1)
     ON CONFLICT (submission_id) DO UPDATE SET state = 'pending', next_attempt_at = now(), updated_at = now()
       WHERE forward_outbox.state = 'held'`,
    [submissionId],
  );
}

export function createSqlForwardingRepository(db: SqlQueryable): ForwardingRepository {
  const set = async (id: string, assignments: string, params: unknown[], from: ForwardState[]) => {
    await db.query(`UPDATE forward_outbox SET ${assignments}, claimed_until = NULL, updated_at = now() WHERE submission_id = $1 AND state = ANY($2::text[])`, [id, from, ...params]);
  };
  return {
    async claim(options) {
      const rows = await db.query<Row>(
        `WITH picked AS (
           SELECT submission_id FROM forward_outbox WHERE state = 'pending' AND next_attempt_at <= $1
            AND (claimed_until IS NULL OR claimed_until < $1)
            ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
         UPDATE forward_outbox o SET claimed_until = $2, updated_at = now() FROM picked
          WHERE o.submission_id = picked.submission_id
         RETURNING ${O_COLUMNS}`,
        [new Date(options.nowMs).toISOString(), new Date(options.nowMs + options.leaseMs).toISOString(), options.limit],
      );
      return rows.rows.map(toRow);
    },
    async rememberSubmissionKey(id, key) {
      await db.query('UPDATE forward_outbox SET submission_key = $2 WHERE submission_id = $1', [id, key]);
    },
    async markSending(id, options) {
      const rows = await db.query(
        `UPDATE forward_outbox SET state = 'sending', attempts = attempts + 1, claimed_until = $2, updated_at = now()
          WHERE submission_id = $1 AND state = 'pending' RETURNING 1`,
        [id, new Date(options.nowMs + options.leaseMs).toISOString()],
      );
      return rows.rows.length === 1;
    },
    forwarded: (id, trackingNumber) => set(id, `state = 'forwarded', tracking_number = $3, api_status = 201, api_message = NULL`, [trackingNumber], ['sending']),
    dead: (id, status, message) => set(id, `state = 'dead', api_status = $3, api_message = $4`, [status, message], ['pending', 'sending']),
    held: (id) => set(id, `state = 'held'`, [], ['pending']),
    retryLater: (id, atMs, status, message) =>
      set(id, `state = 'pending', next_attempt_at = $3, api_status = $4, api_message = $5`, [new Date(atMs).toISOString(), status, message], ['pending', 'sending']),
    unknown: (id, message) => set(id, `state = 'unknown', api_message = $3`, [message], ['sending']),
    async recoverExpired(nowMs) {
      // A POST was under way when its process stopped: it may have been posted. Never posted again blindly.
      const rows = await db.query(
        `UPDATE forward_outbox SET state = 'unknown', api_message = 'interrupted during the POST; check the docket before retrying',
           claimed_until = NULL, updated_at = now()
          WHERE state = 'sending' AND claimed_until < $1 RETURNING 1`,
        [new Date(nowMs).toISOString()],
      );
      return rows.rows.length;
    },
    async claimUntold(options) {
      const rows = await db.query<Row & { tell_attempts: number }>(
        `WITH picked AS (
           SELECT submission_id FROM forward_outbox WHERE state = 'forwarded' AND NOT partner_told AND tell_next_at <= $1
            ORDER BY tell_next_at LIMIT $3 FOR UPDATE SKIP LOCKED)
         UPDATE forward_outbox o SET tell_next_at = $2 FROM picked
          WHERE o.submission_id = picked.submission_id
         RETURNING ${O_COLUMNS}, o.tell_attempts`,
        [new Date(options.nowMs).toISOString(), new Date(options.nowMs + options.leaseMs).toISOString(), options.limit],
      );
      return rows.rows.map((row) => ({ ...toRow(row), tellAttempts: row.tell_attempts }));
    },
    async markTold(id) {
      await db.query('UPDATE forward_outbox SET partner_told = true WHERE submission_id = $1', [id]);
    },
    async tellLater(id, atMs) {
      await db.query('UPDATE forward_outbox SET tell_attempts = tell_attempts + 1, tell_next_at = $2 WHERE submission_id = $1', [id, new Date(atMs).toISOString()]);
    },
    async list(options) {
      const rows = options.state
        ? await db.query<Row>(`SELECT ${COLUMNS} FROM forward_outbox WHERE state = $1 ORDER BY updated_at DESC LIMIT $2`, [options.state, options.limit])
        : await db.query<Row>(`SELECT ${COLUMNS} FROM forward_outbox ORDER BY updated_at DESC LIMIT $1`, [options.limit]);
      return rows.rows.map(toRow);
    },
    async resolve(id, resolution) {
      if ('trackingNumber' in resolution) {
        await set(id, `state = 'forwarded', tracking_number = $3, api_message = 'tracking number entered by a moderator'`, [resolution.trackingNumber], ['dead', 'unknown']);
      } else {
        await set(id, `state = 'pending', next_attempt_at = $3, api_message = NULL`, [new Date(resolution.retryAtMs).toISOString()], ['dead', 'unknown']);
      }
    },
    async docketStatusFor(conversationKey) {
      const rows = await db.query<{ state: ForwardState; tracking_number: string | null }>(
        `SELECT o.state, o.tracking_number FROM forward_outbox o JOIN submission_private p ON p.submission_id = o.submission_id
          WHERE p.conversation_key = $1 AND o.state IN ('forwarded', 'pending', 'sending') ORDER BY o.state = 'forwarded' DESC LIMIT 1`,
        [conversationKey],
      );
      const row = rows.rows[0];
      if (!row) return { trackingNumber: null, waiting: false };
      return row.state === 'forwarded' ? { trackingNumber: row.tracking_number, waiting: false } : { trackingNumber: null, waiting: true };
    },
    async get(id) {
      const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM forward_outbox WHERE submission_id = $1`, [id]);
      const row = rows.rows[0];
      return row ? toRow(row) : null;
    },
  };
}

/** The outbox table; in FORWARD_MODE=auto, the submit transaction also writes the forward intent. */
export function forwardingStoreFeature(mode: 'auto' | 'after-review' | 'off'): StoreFeature {
  return {
    name: 'forwarding',
    migrations: FORWARDING_MIGRATIONS,
    ...(mode === 'auto' ? { onSubmit: (tx, submission) => enqueueForward(tx, submission.id) } : {}),
  };
}
