import type { Logger } from 'pino';
import type { SlackMessage } from './render.js';
import type { UserProfile } from './profile-cache.js';
import { createSlackHttp, SlackCallError, type RetryPolicy } from './web-api-http.js';

/**
 * The Slack Web API calls the bot makes, over one keep-alive client (base URL = SLACK_API_URL).
 * Retries: 429s are waited out (Retry-After), network failures and HTTP errors are retried a few times
 * with back-off (`RETRY_POLICY`: 250 ms, 500 ms, 1 s, so a reply is never minutes late).
 * `channel_not_found` and friends are retried once by posting to the user id, which Slack delivers in
 * the app's DM. Callers get `{ ok: false, code }` instead of a throw, and decide what to tell the partner.
 */
export const RETRY_POLICY: RetryPolicy = { retries: 3, firstDelayMs: 250, maxDelayMs: 2_000 };
const REQUEST_TIMEOUT_MS = 10_000;
const PROFILE_TIMEOUT_MS = 2_000;
/** Slack message metadata type of bot-initiated messages (reminders), read back by hasMarkedMessage. */
const MARKER_EVENT_TYPE = 'rfi_outbound_message';
const CHANNEL_ERRORS = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'cannot_dm_bot']);

export type SlackCallResult = { ok: true } | { ok: false; code: string };

export interface SlackApi {
  postMessage(channel: string, userId: string, message: SlackMessage, marker?: string): Promise<SlackCallResult>;
  /** conversations.history since `oldestSec`: whether a message carrying `marker` in its metadata is there. */
  hasMarkedMessage(channel: string, marker: string, oldestSec: number): Promise<boolean | null>;
  openView(triggerId: string, view: Record<string, unknown>): Promise<SlackCallResult>;
  publishHome(userId: string, view: Record<string, unknown>): Promise<SlackCallResult>;
  userProfile(userId: string): Promise<UserProfile>;
  identity(): Promise<{ botUserId?: string; botId?: string }>;
  /** conversations.open for one user: the id of the app's DM with them. */
  openDm(userId: string): Promise<{ ok: true; channelId: string } | { ok: false; code: string }>;
  /** users.lookupByEmail: the workspace member with this email. */
  lookupByEmail(email: string): Promise<{ ok: true; userId: string } | { ok: false; code: string }>;
  /** Closes the kept-alive connections (shutdown). */
  close(): void;
}

/** A stable code for any Web API failure (never the message: it can contain request data). */
function slackErrorCode(error: unknown): string {
  return error instanceof SlackCallError ? error.slackError : 'unexpected';
}

export function createSlackApi(options: { botToken: string; apiUrl: string; logger: Logger }): SlackApi {
  const http = createSlackHttp({ apiUrl: options.apiUrl, token: options.botToken, timeoutMs: REQUEST_TIMEOUT_MS, retry: RETRY_POLICY });
  const { logger } = options;

  async function call(method: string, params: Record<string, unknown>): Promise<SlackCallResult> {
    try {
      await http.call(method, params, { encoding: 'json' });
      return { ok: true };
    } catch (error) {
      const code = slackErrorCode(error);
      logger.warn({ slackMethod: method, slackError: code }, 'slack api call failed');
      return { ok: false, code };
    }
  }

  return {
    async postMessage(channel, userId, message, marker) {
      const metadata = marker === undefined ? {} : { metadata: { event_type: MARKER_EVENT_TYPE, event_payload: { marker } } };
      const post = (to: string) => call('chat.postMessage', { channel: to, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false, ...metadata });
      const first = await post(channel);
      if (first.ok || !CHANNEL_ERRORS.has(first.code) || channel === userId) return first;
      // The DM channel we knew is gone (or was never ours): Slack opens the app DM for a user id.
      return post(userId);
    },
    openView(triggerId, view) {
      return call('views.open', { trigger_id: triggerId, view });
    },
    publishHome(userId, view) {
      return call('views.publish', { user_id: userId, view });
    },
    async userProfile(userId) {
      // users.info only feeds the time zone and locale: it gives up at once on a 429 (waiting would hold
      // the partner's turn) and never retries, so a turn is never held long by it.
      const result = await http.call('users.info', { user: userId, include_locale: true }, { encoding: 'form', rejectRateLimited: true, retry: { ...RETRY_POLICY, retries: 0 }, timeoutMs: PROFILE_TIMEOUT_MS });
      const user = result.user as { tz?: unknown; locale?: unknown } | undefined;
      return {
        ...(typeof user?.tz === 'string' ? { timeZone: user.tz } : {}),
        ...(typeof user?.locale === 'string' ? { locale: user.locale } : {}),
      };
    },
    async identity() {
      const result = await http.call('auth.test', {}, { encoding: 'form' });
      return {
        ...(typeof result.user_id === 'string' ? { botUserId: result.user_id } : {}),
        ...(typeof result.bot_id === 'string' ? { botId: result.bot_id } : {}),
      };
    },
    async hasMarkedMessage(channel, marker, oldestSec) {
      try {
        const result = await http.call('conversations.history', { channel, oldest: String(oldestSec), include_all_metadata: true, limit: 100 }, { encoding: 'form' });
        const messages = Array.isArray(result.messages) ? (result.messages as Array<{ metadata?: { event_type?: unknown; event_payload?: { marker?: unknown } } }>) : [];
        return messages.some((m) => m.metadata?.event_type === MARKER_EVENT_TYPE && m.metadata.event_payload?.marker === marker);
      } catch (error) {
        logger.warn({ slackMethod: 'conversations.history', slackError: slackErrorCode(error) }, 'slack api call failed');
        return null;
      }
    },
    async openDm(userId) {
      try {
        const result = await http.call('conversations.open', { users: userId }, { encoding: 'json' });
        const channel = result.channel as { id?: unknown } | undefined;
        return typeof channel?.id === 'string' ? { ok: true, channelId: channel.id } : { ok: false, code: 'invalid_response' };
      } catch (error) {
        return { ok: false, code: slackErrorCode(error) };
      }
    },
    async lookupByEmail(email) {
      try {
        const result = await http.call('users.lookupByEmail', { email }, { encoding: 'form' });
        const user = result.user as { id?: unknown } | undefined;
        return typeof user?.id === 'string' ? { ok: true, userId: user.id } : { ok: false, code: 'invalid_response' };
      } catch (error) {
        return { ok: false, code: slackErrorCode(error) };
      }
    },
    close() {
      http.close();
    },
  };
}
