import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_MIGRATIONS } from '../../src/database.js';
import { migrate } from '../../src/store/migrations.js';
import { openCommentStore } from '../../src/store/open-comment-store.js';
import { createPostgresClient } from '../../src/store/postgres-client.js';
import { createSqlCommentStore } from '../../src/store/sql-comment-store.js';
import { schemaTracker } from '../support/pg-schemas.js';
import { describeWithService, serviceUrl } from '../support/services.js';
import { commentStoreContract } from './comment-store.contract.js';

const url = serviceUrl('postgres');
/** Every schema this run creates; all dropped in afterAll. */
const schemas = schemaTracker(url);
const newSchema = () => schemas.newSchema();
const dropSchemas = () => schemas.dropAll();

await describeWithService('postgres', 'Postgres comment store', () => {
  afterAll(dropSchemas);

  commentStoreContract('postgres', async () => {
    const client = await createPostgresClient({ connectionString: url, schema: newSchema() });
    const store = createSqlCommentStore(client, 'postgres');
    await store.migrate();
    return {
      store,
      cleanup: () => store.close(),
      countRows: async (table, submissionId) => {
        const column = table === 'submissions' ? 'id' : 'submission_id';
        const result = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [
          submissionId,
        ]);
        return result.rows[0]?.n ?? 0;
      },
    };
  });

  describe('Postgres specifics', () => {
    it('keeps everything inside its own schema', async () => {
      const schema = newSchema();
      const store = await openCommentStore({ databaseUrl: url, dataDir: '/nonexistent-unused', schema });
      expect(store.kind).toBe('postgres');
      await store.close();
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        const tables = await admin.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
          [schema],
        );
        // Later migrations (moderation, …) add their own tables: check the foundation's are all here.
        expect(tables.rows.map((r) => r.table_name)).toEqual(
          expect.arrayContaining(['schema_migrations', 'submission_answers', 'submission_private', 'submissions']),
        );
      } finally {
        await admin.end();
      }
    });

    it('applies migrations once when several processes start at the same time', async () => {
      const schema = newSchema();
      const clients = await Promise.all([1, 2, 3].map(() => createPostgresClient({ connectionString: url, schema })));
      try {
        const results = await Promise.all(clients.map((client) => migrate(client, 'postgres', APP_MIGRATIONS)));
        expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, APP_MIGRATIONS.length]);
        const rows = await clients[0]!.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id');
        expect(rows.rows.map((r) => r.id)).toEqual(APP_MIGRATIONS.map((m) => m.id).sort());
      } finally {
        await Promise.all(clients.map((client) => client.close()));
      }
    });
  });
});

describe('Postgres comment store when the database is down', () => {
  it('fails to open with COMMENT_STORE_UNAVAILABLE', async () => {
    await expect(
      openCommentStore({ databaseUrl: 'postgres://postgres@127.0.0.1:1/test', dataDir: '/nonexistent-unused' }),
    ).rejects.toMatchObject({ code: 'COMMENT_STORE_UNAVAILABLE', cause: expect.anything() });
  });
});
