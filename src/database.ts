import type { CommentStore, ConversationReferenceStore } from './core/ports.js';
import { EMAIL_MIGRATIONS } from './email/migrations.js';
import { createEmailTokens, type EmailTokens } from './email/sql/tokens.js';
import type { ForwardingRepository } from './forwarding/repository.js';
import { createSqlForwardingRepository, enqueueForward, forwardingStoreFeature } from './forwarding/sql/index.js';
import type { ModerationRepository } from './moderation/repository.js';
import { createSqlModerationRepository } from './moderation/sql/index.js';
import { MODERATION_STORE_FEATURE } from './moderation/sql/store-feature.js';
import { openDatabase, type OpenCommentStoreOptions } from './store/open-comment-store.js';
import type { SqlClient } from './store/sql-client.js';
import type { RosterRepository } from './roster/repository.js';
import { createSqlRosterRepository, ROSTER_STORE_FEATURE } from './roster/sql/index.js';
import { createSqlReferenceStore, REFERENCE_STORE_FEATURE } from './store/sql-reference-store.js';
import { SESSION_STORE_FEATURE } from './state/sql/migrations.js';
import { COMMENT_STORE_MIGRATIONS } from './store/comment-store-migrations.js';
import type { Migration } from './store/migrations.js';
import type { StoreFeature } from './store/store-feature.js';

/**
 * The features that keep tables in the comment store's database, in migration order. Each registers its
 * own migrations (see src/store/store-feature.ts); the comment store's come first.
 */
/** Email's link tokens (src/email/migrations.ts). */
const EMAIL_STORE_FEATURE: StoreFeature = { name: 'email', migrations: EMAIL_MIGRATIONS };

export function appStoreFeatures(forwardMode: 'auto' | 'after-review' | 'off' = 'off'): readonly StoreFeature[] {
  return [MODERATION_STORE_FEATURE, REFERENCE_STORE_FEATURE, ROSTER_STORE_FEATURE, forwardingStoreFeature(forwardMode), SESSION_STORE_FEATURE, EMAIL_STORE_FEATURE];
}
export const APP_STORE_FEATURES: readonly StoreFeature[] = appStoreFeatures();

/** Every migration the app runs, in order (what `openAppDatabase` applies). */
export const APP_MIGRATIONS: readonly Migration[] = [
  ...COMMENT_STORE_MIGRATIONS,
  ...APP_STORE_FEATURES.flatMap((feature) => feature.migrations),
];

/**
 * The app's database, opened and migrated, seen through narrow ports: the comment store, the moderation
 * repository and the Teams conversation references. `client` is for tests and benchmarks that seed or
 * inspect tables directly; application code uses the ports. `close` closes everything.
 */
export interface AppDatabase {
  kind: 'pglite' | 'postgres';
  commentStore: CommentStore;
  moderation: ModerationRepository;
  references: ConversationReferenceStore;
  roster: RosterRepository;
  forwarding: ForwardingRepository;
  /** The tokens in email links (double opt-in, unsubscribe). */
  emailTokens: EmailTokens;
  client: SqlClient;
  close(): Promise<void>;
}

/** `forwardMode`: auto writes the forward intent at submit, after-review when a moderator clears it. */
export async function openAppDatabase(options: OpenCommentStoreOptions & { forwardMode?: 'auto' | 'after-review' | 'off' }): Promise<AppDatabase> {
  const forwardMode = options.forwardMode ?? 'off';
  const database = await openDatabase(options, appStoreFeatures(forwardMode));
  return {
    kind: database.kind,
    commentStore: database.commentStore,
    moderation: createSqlModerationRepository(database.client, forwardMode === 'after-review' ? { onCleared: enqueueForward } : {}),
    forwarding: createSqlForwardingRepository(database.client),
    references: createSqlReferenceStore(database.client),
    roster: createSqlRosterRepository(database.client),
    emailTokens: createEmailTokens(database.client),
    client: database.client,
    close: () => database.commentStore.close(),
  };
}
