import { conversationKeyToString, type ConversationKey } from '../core/types.js';

/**
 * Every session-store key is built here and nowhere else, as `prefix:type:id`, so the layout can be read
 * (and changed) in one place:
 *
 *   {prefix}:session:{channel}:{tenantId}:{userId}                   → the conversation's session
 *   {prefix}:delivery:{channel}:{tenantId}:{userId}:{deliveryId}     → "this delivery was already seen"
 *   {prefix}:submit-pending                                          → HASH conversation → "version:requestedAtMs:attempts:nextAttemptAtMs"
 *                                                                       (submits waiting for the comment store)
 *   {prefix}:ratelimit:{bucket}                                      → ZSET of admitted request times (ms),
 *                                                                       TTL = the bucket's window (redis-rate-limiter.ts)
 *
 * Delivery ids are scoped to the conversation, not only the channel: web chat message ids are chosen by
 * the browser, so one partner must not be able to burn another partner's ids. Platform retries always
 * arrive for the same conversation, so deduplication is unaffected. `conversationKeyToString` escapes
 * colons inside its parts, so the mapping stays one-to-one with the delivery id as the last segment.
 *
 * The memory store uses the same strings as map keys, so both stores share one layout.
 */
export const DEFAULT_KEY_PREFIX = 'rfibot';

export interface SessionKeys {
  readonly prefix: string;
  session(key: ConversationKey): string;
  delivery(key: ConversationKey, deliveryId: string): string;
  readonly submitPending: string;
  /** A rate-limit bucket such as "session:client:203.0.113.7" (see src/http/abuse-limits.ts). */
  rateLimit(bucket: string): string;
  /** Glob matching every key under this prefix (for test cleanup and operations tooling). */
  readonly pattern: string;
}

export function sessionKeys(prefix: string = DEFAULT_KEY_PREFIX): SessionKeys {
  if (prefix === '' || prefix.includes('*')) throw new Error('session key prefix must be non-empty and must not contain "*"');
  return {
    prefix,
    session: (key) => `${prefix}:session:${conversationKeyToString(key)}`,
    delivery: (key, deliveryId) => `${prefix}:delivery:${conversationKeyToString(key)}:${deliveryId}`,
    submitPending: `${prefix}:submit-pending`,
    rateLimit: (bucket) => `${prefix}:ratelimit:${bucket}`,
    pattern: `${prefix}:*`,
  };
}
