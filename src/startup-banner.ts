import { localTimeFormatter } from './i18n/local-time.js';

/**
 * The few lines `npm start` prints for the person who started the bot: where to go, until when, and
 * which channels are on. Operator-facing console text (English, like the logs), built by a pure function
 * so a test can read it without starting anything.
 */
export interface BannerInput {
  /** The address the server listens on, as the HTTP server reports it (may be a wildcard such as 0.0.0.0). */
  listenUrl: string;
  /** PUBLIC_URL when set: the address people really open. */
  publicUrl: string | undefined;
  deadlineAt: Date;
  deadlineMode: 'override' | 'flow' | 'trial';
  /** The questionnaire's IANA time zone: the deadline is shown there, as partners are told it. */
  timeZone: string;
  now: Date;
  slack: { on: false } | { on: true; socketMode: boolean };
  teams: { on: false } | { on: true; emulator: boolean };
  email: { on: boolean; devOutbox?: boolean };
  /** The admin token generated at this start (no MODERATOR_TOKEN), shown once; null otherwise. */
  bootstrapToken: string | null;
}

const DAY_MS = 86_400_000;

/** A wildcard listen address is not something to open in a browser: show localhost instead. */
export function openableUrl(listenUrl: string, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  return listenUrl.replace('://0.0.0.0:', '://localhost:').replace('://[::]:', '://localhost:');
}

export function formatDeadline(deadlineAt: Date, timeZone: string, now: Date): string {
  const local = localTimeFormatter('en', timeZone).format(deadlineAt);
  const daysLeft = Math.ceil((deadlineAt.getTime() - now.getTime()) / DAY_MS);
  const left = daysLeft <= 0 ? 'it has passed' : daysLeft === 1 ? '1 day left' : `${daysLeft} days left`;
  return `${local} (${left})`;
}

export function formatBanner(input: BannerInput): string {
  const base = openableUrl(input.listenUrl, input.publicUrl);
  const slack = input.slack.on
    ? `on (${input.slack.socketMode ? 'Socket Mode' : `HTTP: Slack sends events to ${base}/slack/events`})`
    : 'off (set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to turn it on)';
  const teams = input.teams.on
    ? input.teams.emulator
      ? `on, emulator mode (unauthenticated, ${base}/api/messages)`
      : `on (${base}/api/messages)`
    : 'off (set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD to turn it on)';
  const email = input.email.on
    ? input.email.devOutbox
      ? `development outbox (no SMTP_URL: emails are kept as files, read them at ${base}/moderate/outbox)`
      : 'on (SMTP_URL)'
    : 'off (set SMTP_URL to send reminder emails)';
  const deadlineLabel = input.deadlineMode === 'trial' ? 'Trial deadline' : 'Deadline';
  const lines = [
    '',
    'The RFI bot is running.',
    '',
    `  Open ${base}/ in a browser to answer the questionnaire.`,
    '',
    `  Moderators: ${base}/moderate`,
    `  Staff (roster and reminders): ${base}/moderate/roster`,
    '',
    `  ${deadlineLabel}: ${formatDeadline(input.deadlineAt, input.timeZone, input.now)}`,
  ];
  if (input.deadlineMode === 'trial') {
    lines.push("  (Trial mode: the questionnaire's real deadline has passed. Set RFI_DEADLINE to choose one.)");
  }
  lines.push('', '  Channels:', '    Web chat: on', `    Slack:    ${slack}`, `    Teams:    ${teams}`, `    Email:    ${email}`);
  if (input.bootstrapToken) {
    lines.push(
      '',
      '  Admin token for the dashboard (shown once, never logged; set MODERATOR_TOKEN to choose your own):',
      `    ${input.bootstrapToken}`,
    );
  }
  lines.push('', '  Stop the bot with Ctrl+C (or SIGTERM).', '');
  return lines.join('\n');
}
