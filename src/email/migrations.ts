import type { Migration } from '../store/migrations.js';

/**
 * Email's own table: the tokens in the links it sends. Only a SHA-256 of each token is stored, so a copy
 * of the database cannot confirm or unsubscribe anyone. A token is scoped to one conversation and one
 * address, and to one purpose:
 * - `confirm`: the double opt-in link (expires; used once);
 * - `unsubscribe`: the one-click unsubscribe of one reminder email (works as long as the email may be read).
 * The rows also count the confirmation messages sent, for the limits per address and per conversation.
 * Needs the roster's migrations first.
 */
export const EMAIL_MIGRATIONS: readonly Migration[] = [
  {
    id: '0700_email_tokens',
    statements: [
      `CREATE TABLE email_tokens (
        token_hash text PRIMARY KEY,
        purpose text NOT NULL CHECK (purpose IN ('confirm', 'unsubscribe')),
        conversation_key text NOT NULL,
        email text NOT NULL,
        email_lower text NOT NULL,
        language text NOT NULL CHECK (language IN ('en', 'es')),
        time_zone text NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NULL,
        used_at timestamptz NULL
      )`,
      `CREATE INDEX email_tokens_address_idx ON email_tokens (purpose, email_lower, created_at)`,
      `CREATE INDEX email_tokens_conversation_idx ON email_tokens (purpose, conversation_key, created_at)`,
    ],
  },
];
