import { conversationKeyFromString } from '../../core/types.js';
import { reminderPlanSchema, type ReminderPlan } from '../../reminders/plan.js';
import type { SqlClient, SqlQueryable } from '../../store/sql-client.js';
import type { ClaimedDelivery, NewSend, PartnerProgress, Platform, SendProgress } from '../types.js';
import { toIso } from '../../store/submission-rows.js';

/** Reminder plan, sends and delivery intents. See ../repository.ts for the exactly-once contract. */

export async function getPlan(db: SqlQueryable): Promise<ReminderPlan | null> {
  const rows = await db.query<{ plan: unknown }>('SELECT plan FROM reminder_plan WHERE id = 1');
  const raw = rows.rows[0]?.plan;
  if (raw === undefined) return null;
  const parsed = reminderPlanSchema.safeParse(typeof raw === 'string' ? JSON.parse(raw) : raw);
  return parsed.success ? parsed.data : null;
}

export async function savePlan(db: SqlQueryable, plan: ReminderPlan, by: string): Promise<void> {
  await db.query(
    `INSERT INTO reminder_plan (id, plan, updated_by) VALUES (1, $1::jsonb, $2)
     ON CONFLICT (id) DO UPDATE SET plan = EXCLUDED.plan, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [JSON.stringify(plan), by],
  );
}

export async function createSend(
  db: SqlQueryable,
  send: NewSend,
): Promise<{ queued: number; duplicate: boolean }> {
  const recorded = await db.query<{ id: string }>(
    `INSERT INTO reminder_sends (id, kind, stage_key, audience, message, created_by, created_at, override_cap) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [send.id, send.kind, send.stageKey, send.audience, send.message, send.createdBy, new Date(send.nowMs).toISOString(), send.overrideCap === true],
  );
  // A manual send or an invitation is recorded once per id (the page's one-time form token): the same
  // form posted again adds nothing. Plan stages reuse their id on purpose (one send per stage, ever).
  if (recorded.rows.length === 0 && send.kind !== 'plan') return { queued: 0, duplicate: true };
  let queued = 0;
  const at = new Date(send.nowMs).toISOString();
  // "One invitation per partner, ever" counts invitations that went out: one skipped (its channel was not
  // configured, the frequency cap) or that failed for good is queued again by the next invitation.
  const retrySkipped =
    send.kind === 'invite'
      ? `DO UPDATE SET send_id = EXCLUDED.send_id, status = 'queued', attempts = 0, next_attempt_at = EXCLUDED.next_attempt_at,
           outcome_code = NULL, sending_at = NULL, claimed_until = NULL, updated_at = now()
         WHERE reminder_deliveries.status IN ('skipped', 'failed')`
      : 'DO NOTHING';
  for (let start = 0; start < send.partnerIds.length; start += 5_000) {
    const ids = send.partnerIds.slice(start, start + 5_000);
    // The primary key (stage_key, partner_id) is the exactly-once guard: an intent that exists wins.
    const inserted = await db.query<{ partner_id: string }>(
      `INSERT INTO reminder_deliveries (stage_key, partner_id, send_id, next_attempt_at)
       SELECT $1, p, $2, $3 FROM unnest($4::text[]) AS p
       ON CONFLICT (stage_key, partner_id) ${retrySkipped} RETURNING partner_id`,
      [send.stageKey, send.id, at, ids],
    );
    queued += inserted.rows.length;
  }
  return { queued, duplicate: false };
}

interface SendRow {
  id: string;
  kind: 'plan' | 'manual' | 'invite';
  audience: string;
  created_at: unknown;
  queued: unknown;
  sent: unknown;
  failed: unknown;
  skipped: unknown;
  unknown: unknown;
}

const PROGRESS_SELECT = `SELECT s.id, s.kind, s.audience, s.created_at,
    count(*) FILTER (WHERE d.status IN ('queued', 'claimed', 'sending')) AS queued,
    count(*) FILTER (WHERE d.status = 'sent') AS sent,
    count(*) FILTER (WHERE d.status = 'failed') AS failed,
    count(*) FILTER (WHERE d.status = 'skipped') AS skipped,
    count(*) FILTER (WHERE d.status = 'unknown') AS unknown
  FROM reminder_sends s LEFT JOIN reminder_deliveries d ON d.send_id = s.id`;

function toProgress(row: SendRow): SendProgress {
  const queued = Number(row.queued);
  return {
    id: row.id,
    kind: row.kind,
    audience: row.audience,
    createdAt: toIso(row.created_at),
    queued,
    sent: Number(row.sent),
    failed: Number(row.failed),
    skipped: Number(row.skipped),
    unknown: Number(row.unknown),
    done: queued === 0,
  };
}

export async function sendProgress(db: SqlQueryable, id: string): Promise<SendProgress | null> {
  const rows = await db.query<SendRow>(`${PROGRESS_SELECT} WHERE s.id = $1 GROUP BY s.id`, [id]);
  const row = rows.rows[0];
  return row ? toProgress(row) : null;
}

export async function listSends(db: SqlQueryable, limit: number): Promise<SendProgress[]> {
  const rows = await db.query<SendRow>(`${PROGRESS_SELECT} GROUP BY s.id ORDER BY s.created_at DESC, s.id LIMIT $1`, [limit]);
  return rows.rows.map(toProgress);
}

interface ClaimRow {
  stage_key: string;
  partner_id: string;
  send_id: string;
  attempts: number;
  sending_at: unknown;
  kind: 'plan' | 'manual' | 'invite';
  message: string | null;
  platform: Platform;
  team_id: string | null;
  user_id: string | null;
  conversation_key: string;
  time_zone: string | null;
  locale: string | null;
  dm_channel_id: string | null;
  progress: PartnerProgress;
  reminders_opted_out: boolean;
  override_cap: boolean;
}

const TARGET_COLUMNS = `s.kind, s.message, s.override_cap, p.platform, p.team_id, p.user_id, p.conversation_key, p.time_zone, p.locale,
  p.dm_channel_id, p.progress, p.reminders_opted_out`;

function toClaimed(row: ClaimRow): ClaimedDelivery {
  return {
    stageKey: row.stage_key,
    sendId: row.send_id,
    kind: row.kind,
    message: row.message,
    overrideCap: row.override_cap === true,
    attempts: row.attempts,
    sendingAtMs: row.sending_at == null ? null : (row.sending_at instanceof Date ? row.sending_at : new Date(String(row.sending_at))).getTime(),
    target: {
      partnerId: row.partner_id,
      key: conversationKeyFromString(row.conversation_key),
      platform: row.platform,
      timeZone: row.time_zone,
      locale: row.locale,
      dmChannelId: row.dm_channel_id,
      progress: row.progress,
      remindersOptedOut: row.reminders_opted_out,
    },
  };
}

export async function claimDue(db: SqlQueryable, options: { limit: number; nowMs: number; leaseMs: number }): Promise<ClaimedDelivery[]> {
  const now = new Date(options.nowMs).toISOString();
  const until = new Date(options.nowMs + options.leaseMs).toISOString();
  // SKIP LOCKED: instances claiming at once each get different rows.
  const rows = await db.query<ClaimRow>(
    `WITH picked AS (
       SELECT stage_key, partner_id FROM reminder_deliveries
        WHERE status = 'queued' AND next_attempt_at <= $1
        ORDER BY next_attempt_at, stage_key, partner_id LIMIT $3 FOR UPDATE SKIP LOCKED),
     claimed AS (
       UPDATE reminder_deliveries d SET status = 'claimed', claimed_until = $2, updated_at = now()
         FROM picked WHERE d.stage_key = picked.stage_key AND d.partner_id = picked.partner_id
       RETURNING d.stage_key, d.partner_id, d.send_id, d.attempts, d.sending_at)
     SELECT c.stage_key, c.partner_id, c.send_id, c.attempts, c.sending_at, ${TARGET_COLUMNS}
       FROM claimed c JOIN reminder_sends s ON s.id = c.send_id JOIN partners p ON p.id = c.partner_id`,
    [now, until, options.limit],
  );
  return rows.rows.map(toClaimed);
}

export async function dueDeliveries(
  db: SqlQueryable,
  options: { limit: number; nowMs: number },
): Promise<Array<{ stageKey: string; partnerId: string; workspace: string; dueAtMs: number }>> {
  const rows = await db.query<{ stage_key: string; partner_id: string; conversation_key: string; next_attempt_at: unknown }>(
    `SELECT d.stage_key, d.partner_id, p.conversation_key, d.next_attempt_at
       FROM reminder_deliveries d JOIN partners p ON p.id = d.partner_id
      WHERE d.status = 'queued' AND d.next_attempt_at <= $1
      ORDER BY d.next_attempt_at, d.stage_key, d.partner_id LIMIT $2`,
    [new Date(options.nowMs).toISOString(), options.limit],
  );
  return rows.rows.map((row) => {
    const key = conversationKeyFromString(row.conversation_key);
    return {
      stageKey: row.stage_key,
      partnerId: row.partner_id,
      workspace: `${key.channel}:${key.tenantId}`,
      dueAtMs: (row.next_attempt_at instanceof Date ? row.next_attempt_at : new Date(String(row.next_attempt_at))).getTime(),
    };
  });
}

export async function claimOne(db: SqlQueryable, stageKey: string, partnerId: string, options: { nowMs: number; leaseMs: number }): Promise<ClaimedDelivery | null> {
  const rows = await db.query<ClaimRow>(
    `WITH claimed AS (
       UPDATE reminder_deliveries d SET status = 'claimed', claimed_until = $4, updated_at = now()
        WHERE d.stage_key = $1 AND d.partner_id = $2 AND d.status = 'queued' AND d.next_attempt_at <= $3
       RETURNING d.stage_key, d.partner_id, d.send_id, d.attempts, d.sending_at)
     SELECT c.stage_key, c.partner_id, c.send_id, c.attempts, c.sending_at, ${TARGET_COLUMNS}
       FROM claimed c JOIN reminder_sends s ON s.id = c.send_id JOIN partners p ON p.id = c.partner_id`,
    [stageKey, partnerId, new Date(options.nowMs).toISOString(), new Date(options.nowMs + options.leaseMs).toISOString()],
  );
  const row = rows.rows[0];
  return row ? toClaimed(row) : null;
}

/**
 * claimed → sending, unless the frequency cap holds it: another message (any stage, manual send or
 * invitation) went to this partner less than `minGapMs` ago. The partner's row is locked first, so two
 * sends to one partner (two workers, two instances) are decided one after the other, each statement
 * seeing what the other committed.
 */
export async function markSending(
  db: SqlClient,
  delivery: ClaimedDelivery,
  options: { nowMs: number; leaseMs: number; minGapMs: number },
): Promise<'sending' | 'lost' | 'capped'> {
  const partnerId = delivery.target.partnerId;
  const markSent = async (tx: SqlQueryable) => {
    const rows = await tx.query(
      `UPDATE reminder_deliveries SET status = 'sending', attempts = attempts + 1, claimed_until = $3, sending_at = $4, updated_at = now()
        WHERE stage_key = $1 AND partner_id = $2 AND status = 'claimed' RETURNING 1`,
      [delivery.stageKey, partnerId, new Date(options.nowMs + options.leaseMs).toISOString(), new Date(options.nowMs).toISOString()],
    );
    return rows.rows.length === 1 ? ('sending' as const) : ('lost' as const);
  };
  // The cap turned off: one statement, as before the cap existed. An overriding send still takes the
  // partner's lock, so a send decided after it sees it.
  const outcome =
    options.minGapMs <= 0
      ? await markSent(db)
      : await db.transaction(async (tx) => {
          await tx.query('SELECT id FROM partners WHERE id = $1 FOR UPDATE', [partnerId]);
          if (delivery.overrideCap) return markSent(tx);
          const recent = await tx.query(
            `SELECT 1 FROM reminder_deliveries
              WHERE partner_id = $1 AND NOT (stage_key = $2) AND status IN ('sending', 'sent', 'unknown') AND sending_at > $3 LIMIT 1`,
            [partnerId, delivery.stageKey, new Date(options.nowMs - options.minGapMs).toISOString()],
          );
          return recent.rows.length > 0 ? ('capped' as const) : markSent(tx);
        });
  if (outcome === 'sending') delivery.sendingAtMs = options.nowMs;
  return outcome;
}

export async function finish(db: SqlQueryable, delivery: ClaimedDelivery, status: 'sent' | 'failed' | 'skipped' | 'unknown', code: string | null): Promise<void> {
  const rows = await db.query(
    `UPDATE reminder_deliveries SET status = $3, outcome_code = $4, claimed_until = NULL, updated_at = now()
      WHERE stage_key = $1 AND partner_id = $2 AND status IN ('claimed', 'sending') RETURNING 1`,
    [delivery.stageKey, delivery.target.partnerId, status, code],
  );
  // Invited means an invitation went out (or may have), not that one was queued or skipped.
  if (rows.rows.length === 1 && delivery.kind === 'invite' && (status === 'sent' || status === 'unknown')) {
    await db.query('UPDATE partners SET invited_at = coalesce(invited_at, now()) WHERE id = $1', [delivery.target.partnerId]);
  }
}

export async function retryLater(db: SqlQueryable, delivery: ClaimedDelivery, nextAttemptMs: number, code: string): Promise<void> {
  await db.query(
    `UPDATE reminder_deliveries SET status = 'queued', next_attempt_at = $3, outcome_code = $4, claimed_until = NULL, updated_at = now()
      WHERE stage_key = $1 AND partner_id = $2 AND status IN ('claimed', 'sending')`,
    [delivery.stageKey, delivery.target.partnerId, new Date(nextAttemptMs).toISOString(), code],
  );
}

export async function recoverExpired(db: SqlQueryable, nowMs: number, leaseMs: number): Promise<{ requeued: number; toConfirm: ClaimedDelivery[] }> {
  const now = new Date(nowMs).toISOString();
  const requeued = await db.query(
    `UPDATE reminder_deliveries SET status = 'queued', claimed_until = NULL, updated_at = now()
      WHERE status = 'claimed' AND claimed_until < $1 RETURNING 1`,
    [now],
  );
  // The platform call was under way when its process stopped (or it timed out): it may have been
  // delivered. Leased again to this caller, so one instance confirms each.
  const rows = await db.query<ClaimRow>(
    `WITH expired AS (
       UPDATE reminder_deliveries d SET claimed_until = $2, updated_at = now()
        WHERE d.status = 'sending' AND d.claimed_until < $1
       RETURNING d.stage_key, d.partner_id, d.send_id, d.attempts, d.sending_at)
     SELECT e.stage_key, e.partner_id, e.send_id, e.attempts, e.sending_at, ${TARGET_COLUMNS}
       FROM expired e JOIN reminder_sends s ON s.id = e.send_id JOIN partners p ON p.id = e.partner_id`,
    [now, new Date(nowMs + leaseMs).toISOString()],
  );
  return { requeued: requeued.rows.length, toConfirm: rows.rows.map(toClaimed) };
}

export async function holdForConfirmation(db: SqlQueryable, delivery: ClaimedDelivery, untilMs: number): Promise<void> {
  await db.query(
    `UPDATE reminder_deliveries SET claimed_until = $3, updated_at = now() WHERE stage_key = $1 AND partner_id = $2 AND status = 'sending'`,
    [delivery.stageKey, delivery.target.partnerId, new Date(untilMs).toISOString()],
  );
}
