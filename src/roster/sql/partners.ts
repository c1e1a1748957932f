import { randomBytes, randomUUID } from 'node:crypto';
import { conversationKeyFromString, conversationKeyToString, type ConversationKey } from '../../core/types.js';
import type { SqlQueryable } from '../../store/sql-client.js';
import type { ActivityFacts } from '../repository.js';
import type { Audience, Partner, PartnerCandidate, PartnerProgress, PartnerStatus, Platform, RosterProgress } from '../types.js';
import { toIso } from '../../store/submission-rows.js';
import { ANONYMOUS_VISITOR } from './reach.js';

/** Partner records. Progress only moves forward: this CASE keeps the furthest of the stored and given. */
const FORWARD_PROGRESS = `CASE
  WHEN partners.progress = 'submitted' OR EXCLUDED.progress = 'submitted' THEN 'submitted'
  WHEN partners.progress = 'started' OR EXCLUDED.progress = 'started' THEN 'started'
  ELSE 'invited' END`;

interface PartnerRow {
  id: string;
  platform: Platform;
  team_id: string | null;
  user_id: string | null;
  email: string | null;
  name: string | null;
  organization: string | null;
  time_zone: string | null;
  progress: PartnerProgress;
  reminders_opted_out: boolean;
  unreachable_code: string | null;
  conversation_key: string | null;
  email_confirmed_at: unknown;
  source: 'import' | 'self';
  invited_at: unknown;
  last_contact_at: unknown;
}

const isoOrNull = (value: unknown): string | null => (value == null ? null : toIso(value));

export function statusOf(row: Pick<PartnerRow, 'progress' | 'reminders_opted_out' | 'unreachable_code'>): PartnerStatus {
  if (row.progress === 'submitted') return 'submitted';
  if (row.reminders_opted_out) return 'opted-out';
  if (row.unreachable_code !== null) return 'unreachable';
  return row.progress;
}

function toPartner(row: PartnerRow): Partner {
  return {
    id: row.id,
    platform: row.platform,
    teamId: row.team_id,
    userId: row.user_id,
    email: row.email,
    name: row.name,
    organization: row.organization,
    timeZone: row.time_zone,
    status: statusOf(row),
    remindersOptedOut: row.reminders_opted_out,
    unreachableCode: row.unreachable_code,
    reachable: row.conversation_key !== null,
    hasEmail: row.email !== null,
    emailConfirmed: row.email_confirmed_at != null,
    source: row.source,
    invitedAt: isoOrNull(row.invited_at),
    lastContactAt: isoOrNull(row.last_contact_at),
  };
}

/** A fresh web chat session id (24 random bytes, base64url: the chat's own format), as a conversation key. */
function newWebchatDraftKey(): string {
  return conversationKeyToString({ channel: 'webchat', tenantId: 'web', userId: randomBytes(24).toString('base64url') });
}

/** The identity a candidate is deduplicated on, and the conversation key when it is already known. */
async function identify(db: SqlQueryable, candidate: PartnerCandidate): Promise<{ identity: string; conversationKey: string | null }> {
  if (candidate.platform === 'slack') {
    const key = conversationKeyToString({ channel: 'slack', tenantId: candidate.teamId, userId: candidate.userId });
    return { identity: key, conversationKey: key };
  }
  // Web chat: a private draft of their own from the start (its id is the link in their email invitation;
  // the session is created when they first open it). Used only when the record is new.
  if (candidate.platform === 'webchat') return { identity: `webchat-email:${candidate.email.toLowerCase()}`, conversationKey: newWebchatDraftKey() };
  // Teams: the roster names the Bot Framework id (29:…); the conversation key (tenant + AAD id) is known
  // once the partner has talked to the bot and their reference is stored.
  const found = await db.query<{ conversation_key: string }>('SELECT conversation_key FROM teams_conversations WHERE user_id = $1 LIMIT 1', [candidate.userId]);
  const conversationKey = found.rows[0]?.conversation_key ?? null;
  return { identity: conversationKey ?? `teams-user:${candidate.userId}`, conversationKey };
}

export async function importPartners(db: SqlQueryable, candidates: readonly PartnerCandidate[]): Promise<{ created: number; updated: number }> {
  let created = 0;
  let updated = 0;
  for (const candidate of candidates) {
    const { identity, conversationKey } = await identify(db, candidate);
    const teamId = candidate.platform === 'webchat' ? null : (candidate.teamId ?? null);
    const userId = candidate.platform === 'webchat' ? null : candidate.userId;
    const email = candidate.platform === 'webchat' ? candidate.email : null;
    // A partner who started by themselves (or a Teams partner imported before they talked) is the same
    // person: match on the conversation key as well as on the identity.
    const existing = await db.query<{ id: string }>(
      'SELECT id FROM partners WHERE identity = $1 OR (conversation_key IS NOT NULL AND conversation_key = $2) LIMIT 1',
      [identity, conversationKey],
    );
    const id = existing.rows[0]?.id;
    if (id !== undefined) {
      await db.query(
        `UPDATE partners SET name = coalesce($2, name), organization = coalesce($3, organization), team_id = coalesce(team_id, $4),
           user_id = coalesce(user_id, $5), updated_at = now() WHERE id = $1`,
        [id, candidate.name ?? null, candidate.organization ?? null, teamId, userId],
      );
      updated += 1;
      continue;
    }
    await db.query(
      `INSERT INTO partners (id, platform, identity, team_id, user_id, email, conversation_key, name, organization, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'import')`,
      [randomUUID(), candidate.platform, identity, teamId, userId, email, conversationKey, candidate.name ?? null, candidate.organization ?? null],
    );
    created += 1;
  }
  return { created, updated };
}

/**
 * A Teams partner imported by their 29: id before they ever talked: attach this conversation to them,
 * or, when a record for the conversation exists already, fold the imported one into it.
 */
async function joinTeamsImport(db: SqlQueryable, key: ConversationKey, platformUserId: string): Promise<void> {
  const conversationKey = conversationKeyToString(key);
  const imported = `teams-user:${platformUserId}`;
  await db.query(
    `UPDATE partners SET conversation_key = $1, identity = $1, team_id = coalesce(team_id, $2)
      WHERE identity = $3 AND conversation_key IS NULL AND NOT EXISTS (SELECT 1 FROM partners WHERE conversation_key = $1)`,
    [conversationKey, key.tenantId, imported],
  );
  await db.query(
    `UPDATE partners SET name = coalesce(partners.name, imp.name), organization = coalesce(partners.organization, imp.organization),
       source = 'import', invited_at = coalesce(partners.invited_at, imp.invited_at)
      FROM partners imp WHERE partners.conversation_key = $1 AND imp.identity = $2 AND imp.conversation_key IS NULL`,
    [conversationKey, imported],
  );
  await db.query(`DELETE FROM partners WHERE identity = $1 AND conversation_key IS NULL`, [imported]);
}

/** One partner's turn: the same statement as recordActivities, for one row. */
export async function recordActivity(db: SqlQueryable, key: ConversationKey, facts: ActivityFacts): Promise<void> {
  await recordActivities(db, [{ key, facts }]);
}

const PROGRESS_RANK: Record<PartnerProgress, number> = { invited: 0, started: 1, submitted: 2 };

/**
 * Many partners' turns in one statement (the roster's group commit: a row costs far less than a
 * statement, and turns must stay cheap). Teams partners imported by their 29: id are joined first, set-wise.
 */
export async function recordActivities(db: SqlQueryable, entries: ReadonlyArray<{ key: ConversationKey; facts: ActivityFacts }>): Promise<void> {
  // One row per conversation per statement: the furthest progress and the newest facts win.
  const byKey = new Map<string, { key: ConversationKey; facts: ActivityFacts }>();
  for (const entry of entries) {
    const id = conversationKeyToString(entry.key);
    const previous = byKey.get(id);
    if (!previous) {
      byKey.set(id, entry);
      continue;
    }
    const progress = PROGRESS_RANK[entry.facts.progress] >= PROGRESS_RANK[previous.facts.progress] ? entry.facts.progress : previous.facts.progress;
    byKey.set(id, { key: entry.key, facts: { ...previous.facts, ...entry.facts, progress } });
  }
  const rows = [...byKey.entries()];
  const teams = rows.filter(([, entry]) => entry.key.channel === 'teams' && entry.facts.platformUserId);
  if (teams.length > 0) {
    // Only partners staff imported by 29: id and who have not talked yet need joining: one lookup for all.
    const identities = teams.map(([, entry]) => `teams-user:${entry.facts.platformUserId as string}`);
    const found = await db.query<{ identity: string }>('SELECT identity FROM partners WHERE identity = ANY($1::text[])', [identities]);
    const waiting = new Set(found.rows.map((row) => row.identity));
    for (const [, entry] of teams) {
      if (waiting.has(`teams-user:${entry.facts.platformUserId as string}`)) await joinTeamsImport(db, entry.key, entry.facts.platformUserId as string);
    }
  }
  const params: unknown[] = [];
  const tuples = rows.map(([id, { key, facts }]) => {
    params.push(
      randomUUID(),
      key.channel,
      id,
      key.channel === 'webchat' ? null : key.tenantId,
      key.channel === 'webchat' ? null : (facts.platformUserId ?? key.userId),
      facts.timeZone ?? null,
      facts.locale ?? null,
      facts.progress,
      new Date(facts.nowMs).toISOString(),
    );
    const n = params.length;
    return `($${n - 8}, $${n - 7}, $${n - 6}, $${n - 5}, $${n - 4}, $${n - 6}, $${n - 3}, $${n - 2}, $${n - 1}, 'self', $${n}::timestamptz)`;
  });
  if (tuples.length === 0) return;
  await db.query(
    `INSERT INTO partners (id, platform, identity, team_id, user_id, conversation_key, time_zone, locale, progress, source, last_contact_at)
     VALUES ${tuples.join(', ')}
     ON CONFLICT (conversation_key) DO UPDATE SET
       progress = ${FORWARD_PROGRESS},
       time_zone = coalesce(EXCLUDED.time_zone, partners.time_zone),
       locale = coalesce(EXCLUDED.locale, partners.locale),
       unreachable_code = NULL,
       last_contact_at = EXCLUDED.last_contact_at, updated_at = now()`,
    params,
  );
}

export async function setRemindersOptedOut(db: SqlQueryable, key: ConversationKey, optedOut: boolean, nowMs: number): Promise<void> {
  await recordActivity(db, key, { progress: 'started', nowMs });
  await db.query('UPDATE partners SET reminders_opted_out = $2, updated_at = now() WHERE conversation_key = $1', [conversationKeyToString(key), optedOut]);
}

/**
 * A web chat email, CONFIRMED by its owner (they followed the link of the confirmation message): the
 * only way an address reaches a conversation's record. An imported record with the same address that
 * never talked to the bot becomes this conversation's (or is folded into its record), so staff keep one row.
 */
export async function setReminderEmail(
  db: SqlQueryable,
  key: ConversationKey,
  contact: { email: string; timeZone?: string },
  optedIn: boolean,
  nowMs: number,
): Promise<void> {
  const conversationKey = conversationKeyToString(key);
  const imported = `webchat-email:${contact.email.toLowerCase()}`;
  await db.query(
    `UPDATE partners SET conversation_key = $1
      WHERE identity = $2 AND last_contact_at IS NULL AND NOT EXISTS (SELECT 1 FROM partners WHERE conversation_key = $1)`,
    [conversationKey, imported],
  );
  await db.query(
    `UPDATE partners SET name = coalesce(partners.name, imp.name), organization = coalesce(partners.organization, imp.organization),
       source = 'import', invited_at = coalesce(partners.invited_at, imp.invited_at)
      FROM partners imp WHERE partners.conversation_key = $1 AND imp.identity = $2 AND imp.conversation_key <> $1 AND imp.last_contact_at IS NULL`,
    [conversationKey, imported],
  );
  await db.query(`DELETE FROM partners WHERE identity = $1 AND conversation_key <> $2 AND last_contact_at IS NULL`, [imported, conversationKey]);
  await recordActivity(db, key, { progress: 'started', ...(contact.timeZone ? { timeZone: contact.timeZone } : {}), nowMs });
  await db.query(
    'UPDATE partners SET email = $2, email_confirmed_at = $4::timestamptz, reminders_opted_out = $3, updated_at = now() WHERE conversation_key = $1',
    [conversationKey, contact.email, !optedIn, new Date(nowMs).toISOString()],
  );
}

/** The submit transaction's share: the partner's record says submitted the moment the submission exists. */
export async function markSubmitted(db: SqlQueryable, conversationKey: string, nowMs: number): Promise<void> {
  await recordActivity(db, conversationKeyFromString(conversationKey), { progress: 'submitted', nowMs });
}

export async function listPartners(db: SqlQueryable, options: { limit: number; offset: number; excludeAnonymousVisitors?: boolean }): Promise<Partner[]> {
  const rows = await db.query<PartnerRow>(
    `SELECT id, platform, team_id, user_id, email, name, organization, time_zone, progress, reminders_opted_out, unreachable_code,
       conversation_key, email_confirmed_at, source, invited_at, last_contact_at
     FROM partners ${options.excludeAnonymousVisitors ? `WHERE NOT ${ANONYMOUS_VISITOR}` : ''} ORDER BY created_at, id LIMIT $1 OFFSET $2`,
    [options.limit, options.offset],
  );
  return rows.rows.map(toPartner);
}

export async function progress(db: SqlQueryable): Promise<RosterProgress> {
  const rows = await db.query<{ progress: PartnerProgress; reminders_opted_out: boolean; unreachable_code: string | null; n: unknown }>(
    `SELECT progress, reminders_opted_out, unreachable_code, count(*) AS n FROM partners GROUP BY 1, 2, 3`,
  );
  const counts: RosterProgress = { total: 0, invited: 0, started: 0, submitted: 0, optedOut: 0, unreachable: 0 };
  for (const row of rows.rows) {
    const n = Number(row.n);
    counts.total += n;
    const status = statusOf(row);
    if (status === 'opted-out') counts.optedOut += n;
    else counts[status] += n;
  }
  return counts;
}

const AUDIENCE_PROGRESS: Record<Audience | 'invite', PartnerProgress[]> = {
  'not-started': ['invited'],
  'in-progress': ['started'],
  unfinished: ['invited', 'started'],
  invite: ['invited'],
};

/**
 * Web chat partners are reached by email: an invitation goes to an imported address; a reminder only to
 * an address its owner confirmed (double opt-in, or they opened the invitation's private link).
 */
const WEBCHAT_INVITE_REACH = `(platform <> 'webchat' OR email IS NOT NULL)`;
const WEBCHAT_REMINDER_REACH = `(platform <> 'webchat' OR (email IS NOT NULL AND email_confirmed_at IS NOT NULL))`;

export async function audienceIds(db: SqlQueryable, audience: Audience | 'invite'): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM partners
      WHERE progress = ANY($1::text[]) AND NOT reminders_opted_out AND unreachable_code IS NULL AND conversation_key IS NOT NULL
        AND ${audience === 'invite' ? WEBCHAT_INVITE_REACH : WEBCHAT_REMINDER_REACH}
      ORDER BY created_at, id`,
    [AUDIENCE_PROGRESS[audience]],
  );
  return rows.rows.map((row) => row.id);
}

export async function reminderCandidates(db: SqlQueryable): Promise<Array<{ partnerId: string; timeZone: string | null }>> {
  const rows = await db.query<{ id: string; time_zone: string | null }>(
    `SELECT id, time_zone FROM partners
      WHERE progress <> 'submitted' AND NOT reminders_opted_out AND unreachable_code IS NULL AND conversation_key IS NOT NULL
        AND ${WEBCHAT_REMINDER_REACH}`,
  );
  return rows.rows.map((row) => ({ partnerId: row.id, timeZone: row.time_zone }));
}

export async function markUnreachable(db: SqlQueryable, partnerId: string, code: string): Promise<void> {
  await db.query('UPDATE partners SET unreachable_code = $2, updated_at = now() WHERE id = $1', [partnerId, code]);
}

export async function setDmChannel(db: SqlQueryable, partnerId: string, channelId: string): Promise<void> {
  await db.query('UPDATE partners SET dm_channel_id = $2 WHERE id = $1', [partnerId, channelId]);
}
