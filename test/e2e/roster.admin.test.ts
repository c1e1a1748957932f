import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../fixtures/slack/fake-slack-api.js';
import { admin } from '../support/admin-script.js';
import { startTestApp } from '../support/app.js';
import { api, tokenFor } from './moderation-support.js';

/** `npm run admin -- roster import FILE.csv` as staff run it, then the roster as the API shows it. */
describe('npm run admin -- roster import', () => {
  let dataDir: string;
  const slackApi = new FakeSlackApi();
  let slackEnv: Record<string, string>;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rfibot-roster-'));
    slackEnv = { SLACK_SIGNING_SECRET: 'a'.repeat(32), SLACK_BOT_TOKEN: 'xoxb-test-0001-token', SLACK_API_URL: await slackApi.start() };
    slackApi.emails.set('rosa@example.org', 'UROSA001');
  });
  afterAll(async () => {
    await slackApi.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('imports the good lines, names the bad ones by line number, and keeps one record per partner', async () => {
    const file = join(dataDir, 'partners.csv');
    await writeFile(
      file,
      [
        'platform,team_id,user_id,email,name,organization',
        'slack,T0001,UAAA0001,,Ada,"Survivors United, Inc."',
        'slack,T0001,,rosa@example.org,Rosa,',
        'slack,T0001,,missing@example.org,,',
        'teams,,29:1XyZ-partner,,Teo,',
        'carrier-pigeon,,,,,',
        'slack,T0001,UAAA0001,,Ada again,',
        '',
      ].join('\n'),
    );
    const result = await admin(dataDir, ['roster', 'import', file], slackEnv);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('line 4: no member of this Slack workspace has this email');
    expect(result.stdout).toContain('line 6: platform must be slack, teams or webchat');
    expect(result.stdout).toContain('Imported 4 partner(s): 3 new, 1 already on the roster. 2 line(s) not imported.');
    expect(result.stdout).not.toContain('rosa@example.org');
    expect(slackApi.callsTo('users.lookupByEmail')).toHaveLength(2);

    const { app, cleanup } = await startTestApp({ DATA_DIR: dataDir });
    try {
      const { token } = await tokenFor(app, 'staff');
      const roster = await api(app, token).json<{ partners: Array<{ userId: string; name: string; organization: string | null }> }>('/api/roster');
      expect(roster.partners.map((p) => [p.userId, p.name, p.organization])).toEqual([
        ['UAAA0001', 'Ada again', 'Survivors United, Inc.'],
        ['UROSA001', 'Rosa', null],
        ['29:1XyZ-partner', 'Teo', null],
      ]);
    } finally {
      await cleanup();
    }
  });

  it('explains a file without a header, and a file that does not exist', async () => {
    const file = join(dataDir, 'no-header.csv');
    await writeFile(file, 'slack,T0001,UAAA0001\n');
    const noHeader = await admin(dataDir, ['roster', 'import', file]);
    expect(noHeader.code).toBe(1);
    expect(noHeader.stdout).toMatch(/The first line must be a header naming the columns/);
    const missing = await admin(dataDir, ['roster', 'import', join(dataDir, 'nope.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/Could not read .*nope\.csv: check the path/);
  });
});
