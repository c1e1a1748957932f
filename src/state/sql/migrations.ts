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
    // claim+load and the compare-and-set save as functions: one call each, and PL/pgSQL keeps their
    // plans, where PGlite would parse and plan the bare statements on every turn (half the turn's SQL cost).
    id: '0501_session_functions',
    statements: [
      `CREATE FUNCTION session_claim_and_load(p_conversation text, p_delivery text, p_now bigint, p_ttl bigint,
         OUT fresh boolean, OUT version integer, OUT data text)
       LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO session_deliveries (conversation, delivery_id, expires_at_ms) VALUES (p_conversation, p_delivery, p_now + p_ttl)
         ON CONFLICT (conversation, delivery_id) DO UPDATE SET expires_at_ms = EXCLUDED.expires_at_ms
           WHERE session_deliveries.expires_at_ms <= p_now;
         fresh := FOUND;
         SELECT s.version, s.data INTO version, data FROM sessions s WHERE s.conversation = p_conversation AND s.expires_at_ms > p_now;
       END $$`,
      `CREATE FUNCTION session_save_if_version(p_conversation text, p_version integer, p_data text, p_now bigint, p_ttl bigint, p_expected integer)
       RETURNS boolean LANGUAGE plpgsql AS $$
       BEGIN
         IF p_expected = 0 THEN
           INSERT INTO sessions (conversation, version, data, expires_at_ms) VALUES (p_conversation, p_version, p_data, p_now + p_ttl)
           ON CONFLICT (conversation) DO UPDATE SET version = EXCLUDED.version, data = EXCLUDED.data, expires_at_ms = EXCLUDED.expires_at_ms
             WHERE sessions.expires_at_ms <= p_now;
         ELSE
           UPDATE sessions SET version = p_version, data = p_data, expires_at_ms = p_now + p_ttl
           WHERE conversation = p_conversation AND version = p_expected AND expires_at_ms > p_now;
         END IF;
         RETURN FOUND;
       END $$`,
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
