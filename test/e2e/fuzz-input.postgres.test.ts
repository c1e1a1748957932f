import { afterAll } from 'vitest';
import { schemaTracker } from '../support/pg-schemas.js';
import { describeWithService, serviceUrl } from '../support/services.js';
import { fuzzSuite } from './fuzz-input-suite.js';

/** The fuzz suite (fuzz-input-suite.ts) on Postgres, each app in a throwaway schema. */
const url = serviceUrl('postgres');
const schemas = schemaTracker(url);
afterAll(async () => {
  await schemas.dropAll();
});

await describeWithService('postgres', 'Postgres comment store', () => {
  fuzzSuite('Postgres', () => ({ DATABASE_URL: url, DATABASE_SCHEMA: schemas.newSchema() }));
});
