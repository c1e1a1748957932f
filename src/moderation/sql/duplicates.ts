import type { SqlQueryable } from '../../store/sql-client.js';
import { bandsOf, decodeSignature, DUPLICATE_THRESHOLD, encodeSignature, signatureOf, similarity } from '../similarity.js';

/**
 * The "possible duplicate" index (see ../similarity.ts): one MinHash signature per submission with enough
 * words, its LSH band buckets, and at most one `submission_duplicates` row naming the EARLIEST stored
 * submission whose text is near-identical. Written in the submit transaction (and by the backfill for
 * submissions stored before migration 0110), so the hint exists the moment the submission does.
 * Same SQL on PGlite and Postgres; arrays travel as JSON text.
 */
const MAX_CANDIDATES = 200;

export interface DuplicateHint {
  id: string;
  receipt: string;
  /** Estimated share of shared wording, 0…1. */
  similarity: number;
}

/** The text compared: every answer, in question order (the organization is left out: one group sends many). */
export function comparedText(answers: ReadonlyArray<{ answer: string | null }>): string {
  return answers.map((a) => a.answer ?? '').join('\n');
}

/** Indexes one submission and records its possible duplicate. Idempotent. */
export async function indexForDuplicates(db: SqlQueryable, submissionId: string, text: string): Promise<void> {
  const signature = signatureOf(text);
  if (!signature) return;
  const encoded = encodeSignature(signature);
  const bands = bandsOf(signature);
  const inserted = await db.query<{ submission_id: string }>(
    'INSERT INTO submission_minhash (submission_id, signature) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING submission_id',
    [submissionId, encoded],
  );
  if (inserted.rows.length === 0) return;
  await db.query(
    `INSERT INTO submission_minhash_bands (band, bucket, submission_id)
     SELECT (e->>0)::smallint, e->>1, $2 FROM jsonb_array_elements($1::jsonb) e ON CONFLICT DO NOTHING`,
    [JSON.stringify(bands.map((b) => [b.band, b.bucket])), submissionId],
  );
  const candidates = await db.query<{ submission_id: string; signature: string }>(
    `SELECT m.submission_id, m.signature FROM submission_minhash m
       JOIN submissions c ON c.id = m.submission_id
       JOIN submissions me ON me.id = $2
      WHERE m.submission_id IN (
              SELECT b.submission_id FROM submission_minhash_bands b
               WHERE (b.band, b.bucket) IN (SELECT (e->>0)::smallint, e->>1 FROM jsonb_array_elements($1::jsonb) e))
        AND m.submission_id <> $2
        AND (c.submitted_at, c.id) < (me.submitted_at, me.id)
      ORDER BY c.submitted_at, c.id
      LIMIT ${MAX_CANDIDATES}`,
    [JSON.stringify(bands.map((b) => [b.band, b.bucket])), submissionId],
  );
  for (const candidate of candidates.rows) {
    const other = decodeSignature(candidate.signature);
    if (!other) continue;
    const share = similarity(signature, other);
    if (share < DUPLICATE_THRESHOLD) continue;
    // Candidates come oldest first: the first close one is the original the others repeat.
    await db.query(
      'INSERT INTO submission_duplicates (submission_id, duplicate_of, similarity) VALUES ($1, $2, $3) ON CONFLICT (submission_id) DO NOTHING',
      [submissionId, candidate.submission_id, share],
    );
    return;
  }
}

export async function markIndexed(db: SqlQueryable, submissionId: string): Promise<void> {
  await db.query('UPDATE submissions SET similarity_indexed_at = now() WHERE id = $1', [submissionId]);
}

export async function readDuplicateHints(db: SqlQueryable, idsJson: string): Promise<Map<string, DuplicateHint>> {
  const rows = await db.query<{ submission_id: string; duplicate_of: string; receipt: string; similarity: number | string }>(
    `SELECT d.submission_id, d.duplicate_of, o.receipt, d.similarity FROM submission_duplicates d JOIN submissions o ON o.id = d.duplicate_of
      WHERE d.submission_id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
    [idsJson],
  );
  return new Map(rows.rows.map((r) => [r.submission_id, { id: r.duplicate_of, receipt: r.receipt, similarity: Math.round(Number(r.similarity) * 100) / 100 }]));
}
