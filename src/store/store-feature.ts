import type { NewSubmission } from '../core/submission.js';
import type { Migration } from './migrations.js';
import type { SqlQueryable } from './sql-client.js';

/**
 * A feature that keeps its own tables in the comment store's database (moderation, Teams references,
 * ...). It registers its migrations here instead of in one shared file, and may add its share of the
 * submit transaction, so what it derives from a submission is written atomically with it (a submission
 * with PII hints is never stored unflagged, for example).
 */
export interface StoreFeature {
  name: string;
  migrations: readonly Migration[];
  /** Runs inside the submit transaction, after the submission's own rows, only when it is new. */
  onSubmit?: (tx: SqlQueryable, submission: NewSubmission) => Promise<void>;
}
