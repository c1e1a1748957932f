/**
 * Pure retry rules for Bot Connector calls (docs: "Rate limiting for bots in Teams").
 * - 429: wait what Retry-After says (seconds or an HTTP date), else back off;
 * - 412, 502, 504: transient on the Teams side; back off exponentially with jitter;
 * - 403: the partner removed the app (or blocked the bot): never retried, recorded on the partner;
 * - anything else: not retried (a 400 will fail the same way again; a 500 may already have been delivered).
 * Every wait is capped, and the caller gives up after `maxAttempts` or when the budget is spent, so one
 * slow partner cannot hold a request for longer than Teams waits for our answer.
 */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Total time a send may take, waits included. */
  budgetMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 8_000, budgetMs: 12_000 };

export type SendOutcome = 'retry' | 'app-removed' | 'failed';

export function classifyStatus(status: number): SendOutcome {
  if (status === 429 || status === 412 || status === 502 || status === 504) return 'retry';
  if (status === 403) return 'app-removed';
  return 'failed';
}

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1). `random` is injected so tests are exact.
 * Returns null when Retry-After asks for longer than the policy allows: better to give up now than to
 * sit on the request.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterHeader: string | null,
  policy: RetryPolicy,
  nowMs: number,
  random: () => number = Math.random,
): number | null {
  const retryAfterMs = parseRetryAfterMs(retryAfterHeader, nowMs);
  if (retryAfterMs !== null) return retryAfterMs > policy.maxDelayMs ? null : retryAfterMs;
  const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
  // "Full jitter" on the upper half: spreads retries of many partners without ever waiting zero.
  return Math.min(policy.maxDelayMs, Math.round(exponential / 2 + random() * (exponential / 2)));
}

export function parseRetryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}
