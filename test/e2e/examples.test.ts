import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin } from '../support/admin-script.js';

/** The sample roster a newcomer tries first: its good lines import, and each bad line is named with why. */
describe('examples/roster.csv', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rfibot-example-roster-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('imports its Slack, Teams and web-chat rows and reports the bad lines by number', async () => {
    const result = await admin(dataDir, ['roster', 'import', 'examples/roster.csv']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^line 6: email must be an email address/m);
    expect(result.stdout).toMatch(/^line 7: teamId must be a Slack team id/m);
    expect(result.stdout).toMatch(/^line 8: platform must be slack, teams or webchat/m);
    expect(result.stdout).toContain('Imported 4 partner(s): 4 new, 0 already on the roster. 3 line(s) not imported.');
  }, 90_000);
});
