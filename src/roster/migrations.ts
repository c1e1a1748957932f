import type { Migration } from '../store/migrations.js';

/**
 * The staff side: one partner record per person reached, the reminder plan, and one row per intended
 * send. `reminder_deliveries` has the exactly-once key: (stage_key, partner_id) is the primary key, so a
 * stage reaches a partner at most once, ever, whatever the number of instances, restarts or crashes.
 * Needs the comment store's and the Teams references' migrations first.
 */
export const ROSTER_MIGRATIONS: readonly Migration[] = [
  {
    id: '0300_roster',
    statements: [
      `CREATE TABLE partners (
        id text PRIMARY KEY,
        platform text NOT NULL CHECK (platform IN ('slack', 'teams', 'webchat')),
        identity text NOT NULL UNIQUE,
        team_id text NULL,
        user_id text NULL,
        email text NULL,
        conversation_key text NULL UNIQUE,
        name text NULL,
        organization text NULL,
        time_zone text NULL,
        locale text NULL,
        progress text NOT NULL DEFAULT 'invited' CHECK (progress IN ('invited', 'started', 'submitted')),
        reminders_opted_out boolean NOT NULL DEFAULT false,
        unreachable_code text NULL,
        dm_channel_id text NULL,
        source text NOT NULL CHECK (source IN ('import', 'self')),
        invited_at timestamptz NULL,
        last_contact_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX partners_progress_idx ON partners (progress, reminders_opted_out)`,
      `CREATE TABLE reminder_plan (
        id integer PRIMARY KEY CHECK (id = 1),
        plan jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL
      )`,
      `CREATE TABLE reminder_sends (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('plan', 'manual', 'invite')),
        stage_key text NOT NULL,
        audience text NOT NULL,
        message text NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE reminder_deliveries (
        stage_key text NOT NULL,
        partner_id text NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
        send_id text NOT NULL REFERENCES reminder_sends (id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'claimed', 'sending', 'sent', 'failed', 'skipped', 'unknown')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        claimed_until timestamptz NULL,
        sending_at timestamptz NULL,
        outcome_code text NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (stage_key, partner_id)
      )`,
      `CREATE INDEX reminder_deliveries_due_idx ON reminder_deliveries (status, next_attempt_at)`,
      `CREATE INDEX reminder_deliveries_send_idx ON reminder_deliveries (send_id, status)`,
    ],
  },
  {
    // Staff can trust reminders (issue 17): a manual send may override the frequency cap (recorded on the
    // send); the cap looks up a partner's latest message by partner; CSV upload reports are kept so the
    // page shows them after its redirect (post/redirect/get).
    id: '0350_reminder_cap_and_imports',
    statements: [
      `ALTER TABLE reminder_sends ADD COLUMN override_cap boolean NOT NULL DEFAULT false`,
      `CREATE INDEX reminder_deliveries_partner_idx ON reminder_deliveries (partner_id, sending_at)`,
      `CREATE TABLE roster_import_reports (
        id text PRIMARY KEY,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        report jsonb NOT NULL
      )`,
    ],
  },
  // ── Email (issue 17): double opt-in and email invitations ──────────────────────────────────────
  {
    // A web chat email gets reminders only once its owner proved it is theirs: they followed the
    // confirmation link, or opened the private link of an invitation sent to it. Emails given before
    // this migration never were confirmed, so they get nothing until confirmed again.
    id: '0370_partner_email_confirmed',
    statements: [`ALTER TABLE partners ADD COLUMN email_confirmed_at timestamptz NULL`],
  },
  {
    // An imported web chat partner owns a private draft from the start: the session id their email
    // invitation links to (created when they first open it). Rows imported before get one now.
    id: '0371_webchat_invite_drafts',
    statements: [
      `UPDATE partners SET conversation_key = 'webchat:web:' || replace(gen_random_uuid()::text, '-', '')
        WHERE platform = 'webchat' AND conversation_key IS NULL`,
    ],
  },
];
