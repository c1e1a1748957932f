import { readFile } from 'node:fs/promises';
import { createSlackApi } from '../adapters/slack/slack-api.js';
import type { AppConfig } from '../src/config.js';
import type { AppDatabase } from '../src/database.js';
import { createLogger } from '../src/logger.js';
import { checkRows, csvToItems, type SlackEmailLookup } from '../src/roster/import.js';

/**
 * `npm run admin -- roster import FILE.csv`: columns `platform`, `team_id`, `user_id` or `email`, optional
 * `name`, `organization` (a header line first). Bad lines are listed by line number and the good ones
 * still import; the same partner twice keeps one record. Slack emails are looked up with
 * users.lookupByEmail when SLACK_BOT_TOKEN is set. Prints counts only, never contact details.
 */
export async function rosterImport(database: AppDatabase, config: AppConfig, file: string, out: NodeJS.WritableStream): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    out.write(`Could not read ${file}: check the path.\n`);
    return 1;
  }
  const { items, lines, headerProblem } = csvToItems(text);
  if (headerProblem) {
    out.write(`${file}: ${headerProblem}\n`);
    return 1;
  }
  const slack = config.slack ? createSlackApi({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, logger: createLogger({ level: 'warn' }) }) : null;
  const lookup: SlackEmailLookup | null = slack
    ? async (_teamId, email) => {
        const found = await slack.lookupByEmail(email);
        if (found.ok) return { userId: found.userId };
        return { problem: found.code === 'users_not_found' ? 'no member of this Slack workspace has this email' : `Slack could not look up this email (${found.code})` };
      }
    : null;
  try {
    const { candidates, errors } = await checkRows(items, lookup);
    const { created, updated } = await database.roster.importPartners(candidates);
    for (const error of errors) out.write(`line ${lines[error.index] ?? '?'}: ${error.message}\n`);
    out.write(`Imported ${candidates.length} partner(s): ${created} new, ${updated} already on the roster. ${errors.length} line(s) not imported.\n`);
    return errors.length > 0 && candidates.length === 0 ? 1 : 0;
  } finally {
    slack?.close();
  }
}
