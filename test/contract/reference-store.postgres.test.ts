import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';
import { migrate } from '../../src/store/migrations.js';
import { createPostgresClient } from '../../src/store/postgres-client.js';
import { REFERENCE_STORE_MIGRATIONS } from '../../src/store/reference-store-migrations.js';
import { createSqlReferenceStore } from '../../src/store/sql-reference-store.js';
import { describeWithService, serviceUrl } from '../support/services.js';
import { referenceStoreContract } from './reference-store.contract.js';

const url = serviceUrl('postgres');
const schemas: string[] = [];

await describeWithService('postgres', 'Postgres reference store', () => {
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await admin.end();
    }
  });

  referenceStoreContract('postgres', async () => {
    const schema = `rfibot_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    schemas.push(schema);
    const client = await createPostgresClient({ connectionString: url, schema });
    await migrate(client, 'postgres', REFERENCE_STORE_MIGRATIONS);
    // A second client is a second process: it shares the database, not the first one's cache.
    const second = await createPostgresClient({ connectionString: url, schema });
    return {
      store: createSqlReferenceStore(client),
      reopen: () => createSqlReferenceStore(second),
      cleanup: async () => {
        await Promise.all([client.close(), second.close()]);
      },
    };
  });
});
