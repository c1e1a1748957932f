import type { SqlQueryable } from './sql-client.js';

/**
 * The trial deadline is fixed the first time a trial starts on a database (the embedded PGlite of a fresh
 * `npm start`, or a development Postgres), in `app_settings`, so a restart never moves the date partners
 * were told. One statement: the first caller's `candidate` is stored; later callers get the stored date.
 * It is per questionnaire (`flowId`): another flow gets its own trial.
 */
export async function fixTrialDeadline(client: SqlQueryable, flowId: string, candidate: Date): Promise<Date> {
  const key = `trial-deadline:${flowId}`;
  const { rows } = await client.query<{ value: string }>(
    `WITH inserted AS (
       INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING value
     )
     SELECT value FROM inserted UNION ALL SELECT value FROM app_settings WHERE key = $1 LIMIT 1`,
    [key, candidate.toISOString()],
  );
  const stored = rows[0] ? new Date(rows[0].value) : candidate;
  return Number.isNaN(stored.getTime()) ? candidate : stored;
}
