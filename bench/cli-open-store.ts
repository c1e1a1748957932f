import { createPgliteClient } from '../src/store/pglite-client.js';

/** The baseline of bench/cli.bench.ts: open the store of DATA_DIR (lock + PGlite start), then close it. */
const client = await createPgliteClient(process.env.DATA_DIR ?? './data');
await client.query('SELECT 1');
await client.close();
