import { createPgliteClient } from '../../src/store/pglite-client.js';
import { migrate } from '../../src/store/migrations.js';
import { REFERENCE_STORE_MIGRATIONS } from '../../src/store/reference-store-migrations.js';
import { createSqlReferenceStore } from '../../src/store/sql-reference-store.js';
import { referenceStoreContract } from './reference-store.contract.js';

// Only the reference store's own migrations: the feature needs no other feature's tables.
referenceStoreContract('pglite (in memory)', async () => {
  const client = await createPgliteClient('memory://');
  await migrate(client, 'pglite', REFERENCE_STORE_MIGRATIONS);
  return { store: createSqlReferenceStore(client), reopen: () => createSqlReferenceStore(client), cleanup: () => client.close() };
});
