import { readFile } from 'node:fs/promises';
import { createSlackApi } from '../adapters/slack/slack-api.js';
import type { AppConfig } from '../src/config.js';
import type { AppDatabase } from '../src/database.js';
import { createLogger } from '../src/logger.js';
import { importCsv, reportLines, type SlackEmailLookup } from '../src/roster/import.js';

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
  const slack = config.slack ? createSlackApi({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, logger: createLogger({ level: 'warn' }) }) : null;
  const lookup: SlackEmailLookup | null = slack
    ? async (_teamId, email) => {
        const found = await slack.lookupByEmail(email);
        if (found.ok) return { userId: found.userId };
        return { problem: found.code === 'users_not_found' ? 'no member of this Slack workspace has this email' : `Slack could not look up this email (${found.code})` };
      }
    : null;
  try {
    const result = await importCsv(text, { importPartners: (candidates) => database.roster.importPartners(candidates), lookupSlackEmail: lookup });
    if (!result.ok) {
      out.write(`${file}: ${result.problem}\n`);
      return 1;
    }
    for (const line of reportLines(result.report)) out.write(`${line}\n`);
    return result.report.errors.length > 0 && result.report.imported === 0 ? 1 : 0;
  } finally {
    slack?.close();
  }
}
