import { parseArgs } from 'node:util';
import { loadConfig, ConfigError } from '../src/config.js';
import { isAppError } from '../src/errors.js';
import { isRole, ROLES } from '../src/moderation/roles.js';
import { createStaffToken, parseTokenRequest, tokenStatus } from '../src/moderation/token-admin.js';
import { MAX_EXPIRES_IN_DAYS } from '../src/moderation/tokens.js';
import { openAppDatabase } from '../src/database.js';

/**
 * `npm run admin -- token create --role moderator --name "Ana (outreach)" [--expires-in-days 90]` prints a
 * new token ONCE (only its SHA-256 is stored; the same rules as `POST /api/tokens`, audited); `token list` shows ids, roles, names, dates (never tokens);
 * `token revoke <id>` (or a unique id prefix of 8+ characters) revokes it and ends its dashboard sessions;
 * `roster import FILE.csv` adds partners to the staff's roster (see admin-roster.ts); `data purge --before
 * DATE` deletes the submissions sent before that day (retention), recorded in the audit log.
 *
 * Uses the bot's own configuration (DATABASE_URL / DATABASE_SCHEMA, or DATA_DIR for the embedded PGlite).
 * PGlite is single-process: two processes on one data directory would corrupt it, so with the embedded
 * default this script refuses to run while any process (the bot, whatever its PORT, or another admin
 * command) holds DATA_DIR (src/store/data-dir-lock.ts); it then says to use the browser pages or stop the
 * bot. With Postgres it can run at any time.
 */
const USAGE = `Usage:
  npm run admin -- token create --role <${ROLES.join('|')}> --name "<who it is for>" [--expires-in-days <1-${MAX_EXPIRES_IN_DAYS}>]
  npm run admin -- token list
  npm run admin -- token revoke <token id>
  npm run admin -- roster import <file.csv>   (columns: platform, team_id, user_id or email, name, organization)
  npm run admin -- data purge --before <YYYY-MM-DD>   (deletes submissions sent before that day, UTC)`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' }, before: { type: 'string' }, 'expires-in-days': { type: 'string' } },
    strict: true,
  });
  const [noun, verb, arg] = positionals;
  const isTokenCommand = noun === 'token' && (verb === 'create' || verb === 'list' || verb === 'revoke');
  const isRosterCommand = noun === 'roster' && verb === 'import';
  const isPurgeCommand = noun === 'data' && verb === 'purge';
  if (!isTokenCommand && !isRosterCommand && !isPurgeCommand) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const expiresText = values['expires-in-days'];
  const expiresInDays = expiresText === undefined ? undefined : /^\d{1,5}$/.test(expiresText) ? Number(expiresText) : Number.NaN;
  if (verb === 'create') {
    if (!isRole(values.role)) return fail(`--role: use one of ${ROLES.join(', ')}\n${USAGE}`);
    const name = values.name?.trim() ?? '';
    if (name.length < 1 || name.length > 100) return fail(`--name: say who the token is for (1 to 100 characters)\n${USAGE}`);
    if (!parseTokenRequest({ role: values.role, name, expiresInDays }).ok) {
      return fail(`--expires-in-days: a whole number of days from 1 to ${MAX_EXPIRES_IN_DAYS}, or leave it out for a token that does not expire\n${USAGE}`);
    }
  }
  if (verb === 'revoke' && !arg) return fail(`token revoke: give the token id shown by "token list"\n${USAGE}`);
  if (isRosterCommand && !arg) return fail(`roster import: give the CSV file to import\n${USAGE}`);
  const purgeBefore = isPurgeCommand && /^\d{4}-\d{2}-\d{2}$/.test(values.before ?? '') ? new Date(`${values.before}T00:00:00Z`) : null;
  if (isPurgeCommand && (purgeBefore === null || Number.isNaN(purgeBefore.getTime()))) {
    return fail(`data purge: give --before as a date, e.g. --before 2026-01-01\n${USAGE}`);
  }

  const config = loadConfig(process.env);
  const database = await openAppDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    ...(config.databaseSchema === undefined ? {} : { schema: config.databaseSchema }),
  });
  try {
    if (isRosterCommand) {
      // Only this command needs the CSV checks and the Slack client: loaded here, so token commands start faster.
      const { rosterImport } = await import('./admin-roster.js');
      return await rosterImport(database, config, arg as string, process.stdout);
    }
    if (isPurgeCommand && purgeBefore) {
      const removed = await database.commentStore.purgeBefore(purgeBefore);
      await database.moderation.audit({ tokenId: 'admin-script', name: 'npm run admin -- data purge', role: 'admin' }, 'data-purged', null, {
        before: purgeBefore.toISOString(),
        submissions: removed,
      });
      process.stdout.write(`Deleted ${removed} submission(s) sent before ${purgeBefore.toISOString().slice(0, 10)} (with their answers, contact details, flags and redactions). Recorded in the audit log.\n`);
      return 0;
    }
    if (verb === 'create') {
      const request = parseTokenRequest({ role: values.role, name: values.name, expiresInDays });
      if (!request.ok) return fail(request.problems.join('\n'));
      const { token, record } = await createStaffToken(database.moderation, SCRIPT_ACTOR, request.value, Date.now());
      process.stdout.write(
        `Created ${record.role} token ${record.id} for "${record.name}"${record.expiresAt ? `, valid until ${record.expiresAt}` : ''}.\n` +
          'Give this token to its owner now; it is shown only once and cannot be recovered:\n\n' +
          `  ${token}\n\n`,
      );
    } else if (verb === 'list') {
      const tokens = await database.moderation.listTokens();
      if (tokens.length === 0) process.stdout.write('No tokens yet.\n');
      for (const t of tokens) {
        const status = tokenStatus(t, Date.now());
        const state = status === 'revoked' ? `revoked ${t.revokedAt}` : status === 'expired' ? `expired ${t.expiresAt}` : t.expiresAt ? `active until ${t.expiresAt}` : 'active';
        process.stdout.write(`${t.id}  ${t.role.padEnd(9)}  ${state}  created ${t.createdAt}  ${t.name}\n`);
      }
    } else {
      const revoked = await database.moderation.revokeToken(arg as string);
      if (!revoked) return fail(`No single token matches "${arg}". See "npm run admin -- token list".`);
      await database.moderation.audit(SCRIPT_ACTOR, 'token-revoked', null, { tokenId: revoked.id, role: revoked.role, name: revoked.name });
      process.stdout.write(`Revoked ${revoked.role} token ${revoked.id} ("${revoked.name}"); its dashboard sessions are closed.\n`);
    }
  } finally {
    await database.commentStore.close();
  }
  return 0;
}

const SCRIPT_ACTOR = { tokenId: 'admin-script', name: 'npm run admin -- token', role: 'admin' } as const;

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else if (isAppError(error) && error.code === 'DATA_DIR_LOCKED') process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`admin failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
