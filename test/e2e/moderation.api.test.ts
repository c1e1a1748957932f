import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { startTestApp } from '../support/app.js';
import { describeWithService, serviceUrl } from '../support/services.js';
import { moderationApiSuite } from './moderation-api-suite.js';

describe('moderation API on the embedded PGlite store', () => {
  moderationApiSuite(async () => {
    const { app, cleanup } = await startTestApp({ LOG_LEVEL: 'silent' });
    return { app, cleanup };
  });
});

await describeWithService('postgres', 'moderation API on Postgres', () => {
  moderationApiSuite(async () => {
    const url = serviceUrl('postgres');
    const schema = `mod_test_${randomBytes(6).toString('hex')}`;
    const { app, cleanup } = await startTestApp({ DATABASE_URL: url, DATABASE_SCHEMA: schema, LOG_LEVEL: 'silent' });
    return {
      app,
      async cleanup() {
        await cleanup();
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      },
    };
  });
});
