import { afterAll } from 'vitest';
import { migrate } from '../../src/store/migrations.js';
import { createPostgresClient } from '../../src/store/postgres-client.js';
import { REFERENCE_STORE_MIGRATIONS } from '../../src/store/reference-store-migrations.js';
import { createSqlReferenceStore } from '../../src/store/sql-reference-store.js';
import { schemaTracker } from '../support/pg-schemas.js';
import { describeWithService, serviceUrl } from '../support/services.js';
import { referenceStoreContract } from './reference-store.contract.js';

const url = serviceUrl('postgres');
const schemas = schemaTracker(url);

await describeWithService('postgres', 'Postgres reference store', () => {
  afterAll(() => schemas.dropAll());

  referenceStoreContract('postgres', async () => {
    const schema = schemas.newSchema();
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
