import { createHash, randomBytes } from 'node:crypto';
import type { Language } from '../../core/types.js';
import type { SqlQueryable } from '../../store/sql-client.js';

/** The tokens in email links (see migrations.ts). A token is 32 random bytes, base64url; only its hash is kept. */
export type TokenPurpose = 'confirm' | 'unsubscribe';

export interface EmailToken {
  purpose: TokenPurpose;
  conversationKey: string;
  email: string;
  language: Language;
  timeZone: string | null;
  createdAtMs: number;
  expiresAtMs: number | null;
  usedAtMs: number | null;
}

/** What a token looks like in a URL: anything else is "no such link" without a database read. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const msOf = (value: unknown): number | null => (value == null ? null : (value instanceof Date ? value : new Date(String(value))).getTime());

export interface EmailTokens {
  issue(token: Omit<EmailToken, 'usedAtMs'>): Promise<string>;
  find(purpose: TokenPurpose, token: string): Promise<EmailToken | null>;
  /** Marks a token used; false when it was used already (two clicks at once: one wins). */
  use(purpose: TokenPurpose, token: string, nowMs: number): Promise<boolean>;
  /** Confirmation messages sent since `sinceMs`: to this address (any conversation), and for this conversation. */
  confirmationsSince(emailLower: string, conversationKey: string, sinceMs: number): Promise<{ toAddress: number; forConversation: number }>;
  /** The newest confirmation still waiting for its link, for this conversation. */
  pendingConfirmation(conversationKey: string, nowMs: number): Promise<EmailToken | null>;
  /** Pending confirmations of this conversation (it stopped reminders), or of this address (it was just confirmed elsewhere) stop working. */
  cancelPending(where: { conversationKey?: string; emailLower?: string }, nowMs: number): Promise<void>;
}

interface TokenRow {
  purpose: TokenPurpose;
  conversation_key: string;
  email: string;
  language: Language;
  time_zone: string | null;
  created_at: unknown;
  expires_at: unknown;
  used_at: unknown;
}

const toToken = (row: TokenRow): EmailToken => ({
  purpose: row.purpose,
  conversationKey: row.conversation_key,
  email: row.email,
  language: row.language,
  timeZone: row.time_zone,
  createdAtMs: msOf(row.created_at) ?? 0,
  expiresAtMs: msOf(row.expires_at),
  usedAtMs: msOf(row.used_at),
});

const COLUMNS = 'purpose, conversation_key, email, language, time_zone, created_at, expires_at, used_at';
const iso = (ms: number) => new Date(ms).toISOString();

export function createEmailTokens(db: SqlQueryable): EmailTokens {
  return {
    async issue(token) {
      const raw = randomBytes(32).toString('base64url');
      await db.query(
        `INSERT INTO email_tokens (token_hash, purpose, conversation_key, email, email_lower, language, time_zone, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz, $9::timestamptz)`,
        [hashOf(raw), token.purpose, token.conversationKey, token.email, token.email.toLowerCase(), token.language, token.timeZone, iso(token.createdAtMs), token.expiresAtMs === null ? null : iso(token.expiresAtMs)],
      );
      return raw;
    },
    async find(purpose, token) {
      if (!TOKEN_PATTERN.test(token)) return null;
      const rows = await db.query<TokenRow>(`SELECT ${COLUMNS} FROM email_tokens WHERE token_hash = $1 AND purpose = $2`, [hashOf(token), purpose]);
      const row = rows.rows[0];
      return row ? toToken(row) : null;
    },
    async use(purpose, token, nowMs) {
      const rows = await db.query('UPDATE email_tokens SET used_at = $3::timestamptz WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL RETURNING 1', [hashOf(token), purpose, iso(nowMs)]);
      return rows.rows.length === 1;
    },
    async confirmationsSince(emailLower, conversationKey, sinceMs) {
      const rows = await db.query<{ to_address: unknown; for_conversation: unknown }>(
        `SELECT count(*) FILTER (WHERE email_lower = $1) AS to_address, count(*) FILTER (WHERE conversation_key = $2) AS for_conversation
           FROM email_tokens WHERE purpose = 'confirm' AND created_at >= $3::timestamptz AND (email_lower = $1 OR conversation_key = $2)`,
        [emailLower, conversationKey, iso(sinceMs)],
      );
      return { toAddress: Number(rows.rows[0]?.to_address ?? 0), forConversation: Number(rows.rows[0]?.for_conversation ?? 0) };
    },
    async pendingConfirmation(conversationKey, nowMs) {
      const rows = await db.query<TokenRow>(
        `SELECT ${COLUMNS} FROM email_tokens
          WHERE purpose = 'confirm' AND conversation_key = $1 AND used_at IS NULL AND expires_at > $2::timestamptz
          ORDER BY created_at DESC LIMIT 1`,
        [conversationKey, iso(nowMs)],
      );
      const row = rows.rows[0];
      return row ? toToken(row) : null;
    },
    async cancelPending(where, nowMs) {
      // Expired, not used: they still count towards the limits.
      if (where.conversationKey !== undefined) {
        await db.query(`UPDATE email_tokens SET expires_at = $2::timestamptz WHERE purpose = 'confirm' AND conversation_key = $1 AND used_at IS NULL AND expires_at > $2::timestamptz`, [where.conversationKey, iso(nowMs)]);
      }
      if (where.emailLower !== undefined) {
        await db.query(`UPDATE email_tokens SET expires_at = $2::timestamptz WHERE purpose = 'confirm' AND email_lower = $1 AND used_at IS NULL AND expires_at > $2::timestamptz`, [where.emailLower, iso(nowMs)]);
      }
    },
  };
}
