import type { Migration } from './migrations.js';

/** The Teams conversation references (`sql-reference-store.ts`). */
export const REFERENCE_STORE_MIGRATIONS: readonly Migration[] = [
  {
    // Where to reach each partner later (proactive reminders) and whether we still can.
    id: '0200_teams_conversations',
    statements: [
      `CREATE TABLE teams_conversations (
        conversation_key text PRIMARY KEY,
        tenant_id text NOT NULL,
        user_id text NOT NULL,
        conversation_id text NOT NULL,
        service_url text NOT NULL,
        channel_id text NOT NULL,
        bot_id text NOT NULL,
        bot_name text NULL,
        user_name text NULL,
        locale text NULL,
        time_zone text NULL,
        delivery_status text NOT NULL DEFAULT 'ok' CHECK (delivery_status IN ('ok', 'app-removed', 'failing')),
        delivery_status_code integer NULL,
        delivery_status_at timestamptz NULL,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX teams_conversations_status_idx ON teams_conversations (delivery_status)`,
    ],
  },
];
