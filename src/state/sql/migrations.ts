import type { Migration } from '../../store/migrations.js';
import type { StoreFeature } from '../../store/store-feature.js';

/**
 * Tables of the SQL session store (./session-store.ts), ids 0500–0549. Times are milliseconds since
 * the epoch (bigint) from the app's clock, so expiry is judged by the same clock as the Redis and memory
 * stores (and tests can move it). Every row has an expiry; rows past it are invisible and swept.
 */
export const SESSION_STORE_MIGRATIONS: readonly Migration[] = [
  {
    id: '0500_sessions',
    statements: [
      `CREATE TABLE sessions (
        conversation text PRIMARY KEY,
        version integer NOT NULL CHECK (version >= 1),
        data text NOT NULL,
        expires_at_ms bigint NOT NULL
      )`,
      `CREATE INDEX sessions_expiry_idx ON sessions (expires_at_ms)`,
      `CREATE TABLE session_deliveries (
        conversation text NOT NULL,
        delivery_id text NOT NULL,
        expires_at_ms bigint NOT NULL,
        PRIMARY KEY (conversation, delivery_id)
      )`,
      `CREATE INDEX session_deliveries_expiry_idx ON session_deliveries (expires_at_ms)`,
      `CREATE TABLE session_submits_pending (
        conversation text PRIMARY KEY,
        version integer NOT NULL,
        requested_at_ms bigint NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at_ms bigint NOT NULL,
        expires_at_ms bigint NOT NULL
      )`,
      // The retry job reads the due entries, earliest first (listSubmitsPending).
      `CREATE INDEX session_submits_pending_due_idx ON session_submits_pending (next_attempt_at_ms)`,
    ],
  },
  {
    // The trial deadline, fixed the first time a trial starts (src/store/trial-deadline.ts).
    id: '0510_app_settings',
    statements: [
      `CREATE TABLE app_settings (
        key text PRIMARY KEY,
        value text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
  },
];

export const SESSION_STORE_FEATURE: StoreFeature = { name: 'sessions', migrations: SESSION_STORE_MIGRATIONS };
