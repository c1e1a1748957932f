import { ORGANIZATION_FIELD_ID, type PiiHint } from '../../core/submission.js';
import { scanForPii } from '../../flow/pii.js';
import type { SqlQueryable } from '../../store/sql-client.js';
import { toPiiHints } from '../../store/submission-rows.js';
import { comparedText, indexForDuplicates, markIndexed } from './duplicates.js';

/**
 * What submit does since migration 0110, done once for submissions stored before it
 * (`similarity_indexed_at` NULL), oldest first so each is compared with those before it:
 * - the near-duplicate index (see duplicates.ts);
 * - the organization name's PII scan: its hints are added to `pii_hints` and the submission is flagged
 *   `pii-suspected`, as a new submission would be (an older "Jane Doe, 12 Elm Street" is not left unflagged).
 * Returns how many submissions it looked at; 0 = nothing left. Idempotent; run it in a transaction.
 */
export async function backfillPublicRecord(db: SqlQueryable, limit: number): Promise<number> {
  const pending = await db.query<{ id: string; organization: string | null; pii_hints: unknown }>(
    `SELECT s.id, s.organization, s.pii_hints FROM submissions s WHERE s.similarity_indexed_at IS NULL ORDER BY s.submitted_at, s.id LIMIT $1`,
    [limit],
  );
  for (const row of pending.rows) {
    const answers = await db.query<{ answer: string | null }>('SELECT answer FROM submission_answers WHERE submission_id = $1 ORDER BY question_index', [row.id]);
    await indexForDuplicates(db, row.id, comparedText(answers.rows));
    const hints = toPiiHints(row.pii_hints);
    if (row.organization && !hints.some((h) => h.questionId === ORGANIZATION_FIELD_ID)) {
      const found: PiiHint[] = scanForPii(ORGANIZATION_FIELD_ID, row.organization);
      if (found.length > 0) {
        await db.query('UPDATE submissions SET pii_hints = $2::jsonb WHERE id = $1', [row.id, JSON.stringify([...found, ...hints])]);
        await db.query(`INSERT INTO submission_flags (submission_id, flag, set_by) VALUES ($1, 'pii-suspected', 'scanner') ON CONFLICT DO NOTHING`, [row.id]);
      }
    }
    await markIndexed(db, row.id);
  }
  return pending.rows.length;
}
