import { setTimeout as wait } from 'node:timers/promises';
import { createOutboundPoster, PostError, type PostAnswer } from '../../src/index.js';
import type { StoredReference } from './parse.js';
import { classifyStatus, DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retry-policy.js';

/**
 * Sends activities to the Bot Connector REST API at the partner's serviceUrl (Teams' regional endpoint,
 * taken from an authenticated activity). We call it ourselves rather than through the SDK's
 * ConnectorClient so the retry rules are ours and tested (retry-policy.ts): the SDK's pipeline retries
 * with fixed, unbounded-by-us waits and knows nothing of 412 or of the partner who removed the app.
 *
 * Contract:
 * - `send` resolves, never rejects: `sent`, `app-removed` (403, not retried) or `failed` (gave up);
 * - at most `policy.maxAttempts` POSTs, within `policy.budgetMs` including waits;
 * - the bearer token comes from `token()` (null = the emulator, no token).
 */
export type OutboundTokenSource = () => Promise<string | null>;

export interface OutboundActivity {
  type: 'message';
  [field: string]: unknown;
}

export type SendResult =
  | { status: 'sent'; attempts: number; activityId: string | undefined }
  | { status: 'app-removed'; attempts: number; httpStatus: 403 }
  | { status: 'failed'; attempts: number; httpStatus: number | undefined; code: string };

export interface ConnectorSenderOptions {
  token: OutboundTokenSource;
  policy?: RetryPolicy;
  /** Injected by tests; defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface ConnectorSender {
  send(reference: StoredReference, activity: OutboundActivity, replyToId?: string): Promise<SendResult>;
  /** Closes kept-alive connections (shutdown). */
  close(): void;
}

export function createConnectorSender(options: ConnectorSenderOptions): ConnectorSender {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const sleep = options.sleep ?? ((ms: number) => wait(ms));
  const now = options.now ?? Date.now;
  const poster = createOutboundPoster();

  return {
    close() {
      poster.close();
    },
    async send(reference, activity, replyToId) {
      const url = activitiesUrl(reference, replyToId);
      const body = JSON.stringify({
        ...activity,
        from: { id: reference.botId, ...(reference.botName ? { name: reference.botName } : {}) },
        recipient: { id: reference.userChannelId },
        conversation: { id: reference.conversationId, conversationType: 'personal', tenantId: reference.tenantId },
        channelId: reference.channelId,
        serviceUrl: reference.serviceUrl,
        ...(replyToId ? { replyToId } : {}),
      });
      const started = now();
      let attempts = 0;
      let lastStatus: number | undefined;
      while (attempts < policy.maxAttempts) {
        attempts += 1;
        const remainingMs = policy.budgetMs - (now() - started);
        if (remainingMs <= 0) break;
        let token: string | null;
        try {
          token = await options.token();
        } catch {
          // Our credentials could not get a token (wrong password, login endpoint down): not the partner's
          // problem, and retrying at once will not help.
          return { status: 'failed', attempts, httpStatus: undefined, code: 'OUTBOUND_TOKEN_FAILED' };
        }
        let response: PostAnswer;
        try {
          response = await poster.post(url, body, { 'content-type': 'application/json; charset=utf-8', ...(token ? { authorization: `Bearer ${token}` } : {}) }, Math.min(remainingMs, 10_000));
        } catch (error) {
          // Connection refused: nothing was delivered, safe to retry. A timeout or reset may have been
          // delivered already, so it is not retried (a duplicate card is worse than a late "status").
          const refused = error instanceof PostError && error.reason === 'refused';
          if (refused && (await waitBeforeRetry(attempts, null))) continue;
          return { status: 'failed', attempts, httpStatus: undefined, code: refused ? 'CONNECTOR_UNREACHABLE' : 'CONNECTOR_NETWORK_ERROR' };
        }
        lastStatus = response.status;
        if (response.status >= 200 && response.status < 300) {
          return { status: 'sent', attempts, activityId: activityIdOf(response.bodyText) };
        }
        const outcome = classifyStatus(response.status);
        if (outcome === 'app-removed') return { status: 'app-removed', attempts, httpStatus: 403 };
        if (outcome === 'failed') return { status: 'failed', attempts, httpStatus: response.status, code: 'CONNECTOR_REJECTED' };
        if (!(await waitBeforeRetry(attempts, response.retryAfter))) break;
      }
      return { status: 'failed', attempts, httpStatus: lastStatus, code: 'CONNECTOR_RETRIES_EXHAUSTED' };

      async function waitBeforeRetry(attempt: number, retryAfter: string | null): Promise<boolean> {
        if (attempt >= policy.maxAttempts) return false;
        const delayMs = retryDelayMs(attempt, retryAfter, policy, now());
        if (delayMs === null || now() - started + delayMs >= policy.budgetMs) return false;
        await sleep(delayMs);
        return true;
      }
    },
  };
}

function activitiesUrl(reference: StoredReference, replyToId: string | undefined): string {
  const base = reference.serviceUrl.replace(/\/+$/, '');
  const conversation = encodeURIComponent(reference.conversationId);
  return replyToId
    ? `${base}/v3/conversations/${conversation}/activities/${encodeURIComponent(replyToId)}`
    : `${base}/v3/conversations/${conversation}/activities`;
}

function activityIdOf(bodyText: string): string | undefined {
  try {
    const body = JSON.parse(bodyText) as { id?: unknown } | null;
    return typeof body?.id === 'string' ? body.id : undefined;
  } catch {
    return undefined;
  }
}
