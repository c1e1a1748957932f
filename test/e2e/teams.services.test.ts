import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithService, serviceAvailable, serviceUrl } from '../support/services.js';
import { ANSWERS } from './webchat-flow.js';
import { startApp } from '../../src/app.js';
import { APP_ID, startTeamsHarness, type TeamsHarness } from './teams-harness.js';

// Needs both services: the first one missing decides whether the suite fails (REQUIRE_SERVICES=1) or skips.
const missingFirst = (await serviceAvailable('redis')) ? 'postgres' : 'redis';

await describeWithService(missingFirst, 'Teams with Redis sessions and Postgres (references survive a restart)', () => {
  const schema = `e2e_teams_${randomBytes(4).toString('hex')}`;
  const prefix = `e2eteams${randomBytes(4).toString('hex')}`;
  const env = { REDIS_URL: serviceUrl('redis'), REDIS_KEY_PREFIX: prefix, DATABASE_URL: serviceUrl('postgres'), DATABASE_SCHEMA: schema };
  let h: TeamsHarness;

  beforeAll(async () => {
    h = await startTeamsHarness(env);
  });

  afterAll(async () => {
    await h?.cleanup();
    const client = new pg.Client({ connectionString: serviceUrl('postgres') });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  it('refuses the local test endpoints and injected tokens when NODE_ENV=production', async () => {
    const started = startApp({
      env: { ...env, NODE_ENV: 'production', PORT: '0', LOG_LEVEL: 'silent', RFI_DEADLINE: '2099-12-31T23:59:59Z', MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'test-secret' },
      teams: { authEndpoints: { openIdMetadataUrl: h.identity.openIdMetadataUrl, tokenIssuer: h.identity.issuer } },
    });
    await expect(started).rejects.toMatchObject({ code: 'TEAMS_OVERRIDES_IN_PRODUCTION' });
  });

  it('answers, stores the reference in Postgres, and a new process can still reach the partner proactively', async () => {
    const partner = h.partner({ localTimezone: 'America/Los_Angeles' });
    await partner.say(partner.install());
    await partner.say(partner.message('agree'));
    await partner.say(partner.message(ANSWERS.organization));
    expect((await h.app.loadSession(partner.key))?.organization).toBe(ANSWERS.organization);

    // A second process on the same Redis and Postgres (as after a deploy): it has never seen this partner.
    const second = await startTeamsHarness(env);
    try {
      const record = await second.app.teams?.references.get(partner.key);
      expect(record?.reference.timeZone).toBe('America/Los_Angeles');
      expect(record?.reference.serviceUrl).toBe(`${h.connector.url}/amer/`);
      const result = await second.app.teams?.send(partner.key, [{ text: 'Reminder: 3 days left.' }]);
      expect(result?.status).toBe('sent');
      expect(h.connector.delivered(partner.conversationId).at(-1)?.authorization).toMatch(/^Bearer outbound-/);
    } finally {
      await second.cleanup();
    }
  });
});
