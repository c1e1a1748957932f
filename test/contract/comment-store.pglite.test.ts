import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCommentStore } from '../../src/store/open-comment-store.js';
import { createPgliteClient, PGLITE_IN_MEMORY } from '../../src/store/pglite-client.js';
import type { SqlClient } from '../../src/store/sql-client.js';
import { createSqlCommentStore } from '../../src/store/sql-comment-store.js';
import { commentStoreContract, sampleSubmission } from './comment-store.contract.js';

function countRows(client: SqlClient) {
  return async (table: 'submissions' | 'submission_answers' | 'submission_private', submissionId: string) => {
    const column = table === 'submissions' ? 'id' : 'submission_id';
    const result = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [submissionId]);
    return result.rows[0]?.n ?? 0;
  };
}

commentStoreContract('pglite (in memory)', async () => {
  const client = await createPgliteClient(PGLITE_IN_MEMORY);
  const store = createSqlCommentStore(client, 'pglite');
  await store.migrate();
  return { store, countRows: countRows(client), cleanup: () => store.close() };
});

describe('PGlite comment store on disk', () => {
  it('creates the data directory, and keeps submissions across a restart', async () => {
    const root = await mkdtemp(join(tmpdir(), 'rfibot-pglite-'));
    const dataDir = join(root, 'nested', 'pglite');
    try {
      const s = sampleSubmission();
      const first = await openCommentStore({ dataDir });
      expect(first.kind).toBe('pglite');
      await first.saveSubmission(s);
      await first.close();

      const second = await openCommentStore({ dataDir });
      expect((await second.getByReceipt(s.receipt))?.id).toBe(s.id);
      expect((await second.getPrivateContact(s.id))?.contactEmail).toBe(s.contactEmail);
      await second.close();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 60_000);
});
