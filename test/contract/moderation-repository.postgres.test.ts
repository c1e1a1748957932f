import { afterAll } from 'vitest';
import { openAppDatabase } from '../../src/database.js';
import { schemaTracker } from '../support/pg-schemas.js';
import { describeWithService, serviceUrl } from '../support/services.js';
import { moderationRepositoryContract } from './moderation-repository.contract.js';

const url = serviceUrl('postgres');
const schemas = schemaTracker(url, 'moderation_repo');

await describeWithService('postgres', 'Postgres moderation repository', () => {
  afterAll(() => schemas.dropAll());
  moderationRepositoryContract('postgres', () => openAppDatabase({ databaseUrl: url, dataDir: '/nonexistent-unused', schema: schemas.newSchema() }));
});
