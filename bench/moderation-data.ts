import { ORIGINAL_DOCUMENT_SQL, SORT_KEYS_SQL } from '../src/moderation/sql/search-documents.js';
import type { RunningApp } from '../src/app.js';

/** Multi-row INSERT … SELECT generate_series: submissions, 5 answers each (some skipped), private rows, flags. */
export async function insertSubmissions(app: RunningApp, offset: number, count: number): Promise<void> {
  const db = app.database.client;
  const flowId = app.flow.id;
  // 2,000 per transaction: building the bilingual search documents (issue 20) stays well inside statement_timeout.
  const chunk = 2_000;
  const types = app.flow.respondentTypes.map((r) => r.id);
  for (let start = offset; start < offset + count; start += chunk) {
    const end = Math.min(offset + count, start + chunk) - 1;
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO submissions (id, receipt, flow_id, flow_version, organization, respondent_type, language, channel, submitted_at, pii_hints)
         SELECT 'bench-' || i, 'RFI-B' || lpad(i::text, 7, '0'), $3, 1,
                CASE WHEN i % 4 = 0 THEN NULL ELSE 'Organization ' || (i % 997) END,
                ($4::jsonb ->> (i % jsonb_array_length($4::jsonb)))::text,
                CASE WHEN i % 5 = 0 THEN 'es' ELSE 'en' END,
                (ARRAY['webchat','slack','teams'])[1 + i % 3],
                timestamptz '2022-02-01T00:00:00Z' + (i * interval '25 seconds'),
                CASE WHEN i % 20 = 0 THEN '[{"questionId":"racial-equity-meaning","kind":"phone","start":0,"end":12}]'::jsonb ELSE '[]'::jsonb END
           FROM generate_series($1::int, $2::int) AS i`,
        [start, end, flowId, JSON.stringify(types)],
      );
      await tx.query(
        `INSERT INTO submission_answers (submission_id, question_id, question_index, question_text, answer)
         SELECT 'bench-' || i, q.id, q.idx, 'Question ' || q.idx,
                CASE WHEN (i + q.idx) % 4 = 0 THEN NULL ELSE
                  (ARRAY['Survivors of color face barriers to housing and services.',
                         'Grant rules should fund community partners and survivor leaders.',
                         'Data on labor trafficking in agriculture is missing and uneven.',
                         'Outreach must be in Spanish and other languages, with trusted messengers.',
                         'Procurement rules can push suppliers to check their supply chains.'])[1 + (i + q.idx) % 5]
                  || ' Response number ' || i || '.' || CASE WHEN i % 100 = 7 THEN ' Kestrel marker.' ELSE '' END
                  || repeat(' More detail about the experience of the organization.', 1 + i % 6)
                END
           FROM generate_series($1::int, $2::int) AS i,
                (SELECT * FROM jsonb_to_recordset($3::jsonb) AS x(id text, idx int)) AS q`,
        [start, end, JSON.stringify(app.flow.questions.map((q, index) => ({ id: q.id, idx: index + 1 })))],
      );
      await tx.query(
        // No redactions yet: the published and original search documents are equal (see
        // src/moderation/sql/search-documents.ts); the near-duplicate index is left out of the bench data.
        `UPDATE submissions s SET search_document = ${ORIGINAL_DOCUMENT_SQL}, original_search_document = ${ORIGINAL_DOCUMENT_SQL}, ${SORT_KEYS_SQL}, similarity_indexed_at = now()
          WHERE s.id IN (SELECT 'bench-' || i FROM generate_series($1::int, $2::int) AS i)`,
        [start, end],
      );
      await tx.query(
        `INSERT INTO submission_private (submission_id, contact_email, conversation_key)
         SELECT 'bench-' || i, NULL, 'webchat:web:bench-' || i FROM generate_series($1::int, $2::int) AS i`,
        [start, end],
      );
      await tx.query(
        `INSERT INTO submission_flags (submission_id, flag, set_by)
         SELECT 'bench-' || i, 'pii-suspected', 'scanner' FROM generate_series($1::int, $2::int) AS i WHERE i % 20 = 0`,
        [start, end],
      );
    });
  }
}

