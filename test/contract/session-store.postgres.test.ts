import { afterAll, beforeAll } from 'vitest';
import { createPostgresClient } from '../../src/store/postgres-client.js';
import type { SqlClient } from '../../src/store/sql-client.js';
import { schemaTracker } from '../support/pg-schemas.js';
import { describeWithService, serviceUrl } from '../support/services.js';
import { sessionStoreContract } from './session-store.contract.js';
import { sqlSessionHarness } from './session-store.sql-harness.js';

/** DATABASE_URL without REDIS_URL: sessions in Postgres (a pool, so concurrent writers really race). */
const url = serviceUrl('postgres');
const schemas = schemaTracker(url);

await describeWithService('postgres', 'Postgres session store', () => {
  let client: SqlClient;
  beforeAll(async () => {
    client = await createPostgresClient({ connectionString: url, schema: schemas.newSchema() });
  });
  afterAll(async () => {
    await client.close();
    await schemas.dropAll();
  });

  sessionStoreContract('postgres', () => sqlSessionHarness(client, 'postgres'));
});
