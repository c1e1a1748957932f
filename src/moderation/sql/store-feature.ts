import type { StoreFeature } from '../../store/store-feature.js';
import { MODERATION_MIGRATIONS } from '../migrations.js';

/**
 * Moderation's tables, and its share of every submit: the full-text search document over organization
 * and answers, and the `pii-suspected` flag, written in the submit transaction so no submission with
 * hints is ever unflagged and every one is searchable the moment it exists.
 */
export const MODERATION_STORE_FEATURE: StoreFeature = {
  name: 'moderation',
  migrations: MODERATION_MIGRATIONS,
  async onSubmit(tx, submission) {
    await tx.query(
      `UPDATE submissions SET search_document = to_tsvector('simple', coalesce(organization, '') || ' ' ||
         coalesce((SELECT string_agg(answer, ' ') FROM submission_answers WHERE submission_id = $1), ''))
       WHERE id = $1`,
      [submission.id],
    );
    if (submission.piiHints.length > 0) {
      await tx.query(
        `INSERT INTO submission_flags (submission_id, flag, set_by) VALUES ($1, 'pii-suspected', 'scanner') ON CONFLICT DO NOTHING`,
        [submission.id],
      );
    }
  },
};
