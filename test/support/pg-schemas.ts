import { randomUUID } from 'node:crypto';
import pg from 'pg';

/** Throwaway Postgres schemas for one test file: `newSchema()` names one, `dropAll()` removes them all. */
export function schemaTracker(url: string, prefix = 'rfibot_test') {
  const schemas: string[] = [];
  return {
    newSchema(): string {
      const schema = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      schemas.push(schema);
      return schema;
    },
    async dropAll(): Promise<void> {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        for (const schema of schemas.splice(0)) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}
