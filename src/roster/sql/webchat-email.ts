import { conversationKeyToString, type ConversationKey } from '../../core/types.js';
import type { SqlQueryable } from '../../store/sql-client.js';
import type { WebchatEmailContact } from '../repository.js';

/** A web chat conversation's email on the roster, and the private drafts of email invitations. */

export async function emailContact(db: SqlQueryable, key: ConversationKey): Promise<WebchatEmailContact | null> {
  const rows = await db.query<{ email: string | null; email_confirmed_at: unknown; reminders_opted_out: boolean; source: 'import' | 'self'; locale: string | null }>(
    `SELECT email, email_confirmed_at, reminders_opted_out, source, locale FROM partners WHERE conversation_key = $1 AND platform = 'webchat'`,
    [conversationKeyToString(key)],
  );
  const row = rows.rows[0];
  if (!row?.email) return null;
  return { email: row.email, confirmed: row.email_confirmed_at != null, remindersOptedOut: row.reminders_opted_out, source: row.source, locale: row.locale };
}

/**
 * The draft an email invitation links to (an imported web chat record's own conversation key). Following
 * that link proves the address is the partner's: it counts as confirmed from then on.
 */
export async function openReservedDraft(db: SqlQueryable, key: ConversationKey, nowMs: number): Promise<{ locale: string | null } | null> {
  const rows = await db.query<{ locale: string | null }>(
    `UPDATE partners SET email_confirmed_at = coalesce(email_confirmed_at, $2::timestamptz), updated_at = now()
      WHERE conversation_key = $1 AND platform = 'webchat' AND source = 'import' AND email IS NOT NULL RETURNING locale`,
    [conversationKeyToString(key), new Date(nowMs).toISOString()],
  );
  const row = rows.rows[0];
  return row ? { locale: row.locale } : null;
}

/** An email's unsubscribe link: reminders stop; nothing else changes (an invitee who never opened the chat has not started). */
export async function stopEmailReminders(db: SqlQueryable, key: ConversationKey): Promise<void> {
  await db.query(`UPDATE partners SET reminders_opted_out = true, updated_at = now() WHERE conversation_key = $1 AND platform = 'webchat'`, [conversationKeyToString(key)]);
}
