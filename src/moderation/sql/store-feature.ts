import type { StoreFeature } from '../../store/store-feature.js';
import { MODERATION_MIGRATIONS } from '../migrations.js';
import { comparedText, indexForDuplicates } from './duplicates.js';
import { ORIGINAL_DOCUMENT_SQL, SORT_KEYS_SQL } from './search-documents.js';

/**
 * Moderation's tables, and its share of every submit: the full-text search documents over organization
 * and answers, the near-duplicate index, and the `pii-suspected` flag, written in the submit transaction so no submission with
 * hints is ever unflagged and every one is searchable the moment it exists.
 */
export const MODERATION_STORE_FEATURE: StoreFeature = {
  name: 'moderation',
  migrations: MODERATION_MIGRATIONS,
  async onSubmit(tx, submission) {
    // No redaction exists yet, so the published and original documents start equal.
    await tx.query(
      `UPDATE submissions s SET search_document = ${ORIGINAL_DOCUMENT_SQL}, original_search_document = ${ORIGINAL_DOCUMENT_SQL}, ${SORT_KEYS_SQL},
         similarity_indexed_at = now() WHERE s.id = $1`,
      [submission.id],
    );
    await indexForDuplicates(tx, submission.id, comparedText(submission.answers));
    if (submission.piiHints.length > 0) {
      await tx.query(
        `INSERT INTO submission_flags (submission_id, flag, set_by) VALUES ($1, 'pii-suspected', 'scanner') ON CONFLICT DO NOTHING`,
        [submission.id],
      );
    }
  },
};
