import { afterAll, describe } from 'vitest';
import { startTestApp } from '../support/app.js';
import { schemaTracker } from '../support/pg-schemas.js';
import { describeWithService, serviceUrl } from '../support/services.js';
import { publicRecordSuite } from './public-record-suite.js';

describe('the public record on the embedded PGlite store', () => {
  publicRecordSuite((env) => startTestApp(env));
});

await describeWithService('postgres', 'the public record on Postgres', () => {
  const schemas = schemaTracker(serviceUrl('postgres'), 'public_record');
  afterAll(() => schemas.dropAll());
  publicRecordSuite((env) => startTestApp({ ...env, DATABASE_URL: serviceUrl('postgres'), DATABASE_SCHEMA: schemas.newSchema() }));
});
