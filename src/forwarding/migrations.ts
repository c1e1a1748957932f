import type { Migration } from '../store/migrations.js';

/**
 * The forwarding outbox: one row per submission to post to the docket, written in the same transaction
 * as the submission (FORWARD_MODE=auto) or as the moderator's approval (after-review). The row holds the
 * submission key the API gave us (reused on retries) and, once posted, the tracking number.
 * States: pending → sending → forwarded; dead (a 4xx: the API's message is kept); unknown (a timeout or
 * a crash mid-POST: the API has no idempotency key, so a moderator reconciles); held (quarantined).
 */
export const FORWARDING_MIGRATIONS: readonly Migration[] = [
  {
    id: '0400_forwarding',
    statements: [
      `CREATE TABLE forward_outbox (
        submission_id text PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'forwarded', 'dead', 'unknown', 'held')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        claimed_until timestamptz NULL,
        submission_key text NULL,
        tracking_number text NULL,
        api_status integer NULL,
        api_message text NULL,
        partner_told boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX forward_outbox_due_idx ON forward_outbox (state, next_attempt_at)`,
    ],
  },
  {
    // Telling the partner their tracking number is claimed like a POST (a lease in tell_next_at), so two
    // instances never both send it, and a failed send waits with back-off instead of every poll.
    id: '0401_forward_tell_schedule',
    statements: [
      `ALTER TABLE forward_outbox ADD COLUMN tell_attempts integer NOT NULL DEFAULT 0`,
      `ALTER TABLE forward_outbox ADD COLUMN tell_next_at timestamptz NOT NULL DEFAULT now()`,
    ],
  },
];
