import { ErrorCode, WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import type { SlackMessage } from './render.js';
import type { UserProfile } from './profile-cache.js';

/**
 * The Slack Web API calls the bot makes, over one WebClient (base URL = SLACK_API_URL).
 * Retries: the client itself waits out 429s (Retry-After) and retries network failures a few times with
 * back-off (`RETRY_CONFIG`, at most ~4 s in all, so a reply is not hours late). `channel_not_found`
 * and friends are retried once by posting to the user id, which Slack delivers in the app's DM.
 * Callers get `{ ok: false, code }` instead of a throw, and decide what to tell the partner.
 */
export const RETRY_CONFIG = { retries: 3, factor: 2, minTimeout: 250, maxTimeout: 2_000, randomize: false };
const REQUEST_TIMEOUT_MS = 10_000;
const PROFILE_TIMEOUT_MS = 2_000;
const CHANNEL_ERRORS = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'cannot_dm_bot']);

export type SlackCallResult = { ok: true } | { ok: false; code: string };

export interface SlackApi {
  readonly client: WebClient;
  postMessage(channel: string, userId: string, message: SlackMessage): Promise<SlackCallResult>;
  openView(triggerId: string, view: Record<string, unknown>): Promise<SlackCallResult>;
  publishHome(userId: string, view: Record<string, unknown>): Promise<SlackCallResult>;
  userProfile(userId: string): Promise<UserProfile>;
  identity(): Promise<{ botUserId?: string; botId?: string }>;
}

export function webClientOptions(apiUrl: string, slackLogger: WebClientOptions['logger']): WebClientOptions {
  return { slackApiUrl: apiUrl, retryConfig: RETRY_CONFIG, timeout: REQUEST_TIMEOUT_MS, ...(slackLogger ? { logger: slackLogger } : {}) };
}

/** A stable code for any Web API failure (never the message: it can contain request data). */
export function slackErrorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { code, data } = error as { code?: unknown; data?: { error?: unknown } };
    if (code === ErrorCode.PlatformError && typeof data?.error === 'string') return data.error;
    if (code === ErrorCode.RateLimitedError) return 'rate_limited';
    if (code === ErrorCode.RequestError) return 'request_error';
    if (code === ErrorCode.HTTPError) return 'http_error';
    if (typeof code === 'string') return code;
  }
  return 'unexpected';
}

export function createSlackApi(options: { botToken: string; clientOptions: WebClientOptions; logger: Logger }): SlackApi {
  const client = new WebClient(options.botToken, options.clientOptions);
  // users.info only feeds the time zone: it gets its own client that gives up at once on a 429 (the main
  // client would pause every call, replies included, for the Retry-After) and never holds a turn long.
  const profileClient = new WebClient(options.botToken, { ...options.clientOptions, rejectRateLimitedCalls: true, retryConfig: { retries: 0 }, timeout: PROFILE_TIMEOUT_MS });
  const { logger } = options;

  async function call(method: string, run: () => Promise<unknown>): Promise<SlackCallResult> {
    try {
      await run();
      return { ok: true };
    } catch (error) {
      const code = slackErrorCode(error);
      logger.warn({ slackMethod: method, slackError: code }, 'slack api call failed');
      return { ok: false, code };
    }
  }

  return {
    client,
    async postMessage(channel, userId, message) {
      // Blocks go as a JSON string (what the client would send anyway): it saves the client walking the
      // block tree twice per call, which showed in the benchmark profile.
      const blocks = JSON.stringify(message.blocks);
      const post = (to: string) => call('chat.postMessage', () => client.chat.postMessage({ channel: to, text: message.text, blocks: blocks as never, unfurl_links: false, unfurl_media: false }));
      const first = await post(channel);
      if (first.ok || !CHANNEL_ERRORS.has(first.code) || channel === userId) return first;
      // The DM channel we knew is gone (or was never ours): Slack opens the app DM for a user id.
      return post(userId);
    },
    openView(triggerId, view) {
      return call('views.open', () => client.views.open({ trigger_id: triggerId, view: view as never }));
    },
    publishHome(userId, view) {
      return call('views.publish', () => client.views.publish({ user_id: userId, view: view as never }));
    },
    async userProfile(userId) {
      const result = await profileClient.users.info({ user: userId, include_locale: true });
      const user = result.user as { tz?: unknown; locale?: unknown } | undefined;
      return {
        ...(typeof user?.tz === 'string' ? { timeZone: user.tz } : {}),
        ...(typeof user?.locale === 'string' ? { locale: user.locale } : {}),
      };
    },
    async identity() {
      const result = await client.auth.test();
      return {
        ...(typeof result.user_id === 'string' ? { botUserId: result.user_id } : {}),
        ...(typeof result.bot_id === 'string' ? { botId: result.bot_id } : {}),
      };
    },
  };
}
