import { openAppDatabase } from '../../src/database.js';
import { PGLITE_IN_MEMORY } from '../../src/store/pglite-client.js';
import { moderationRepositoryContract } from './moderation-repository.contract.js';

moderationRepositoryContract('pglite (in memory)', () => openAppDatabase({ dataDir: PGLITE_IN_MEMORY }));
