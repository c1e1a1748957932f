import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, createOutboundPoster, PostError, type PostAnswer } from '../../src/index.js';

/**
 * A small Slack Web API caller: kept-alive connections (src/http/outbound-post.ts), JSON bodies for
 * write methods, form bodies for read methods (Slack only takes JSON on write methods), and Slack's
 * retry rules.
 *
 * Why not @slack/web-api's WebClient: in `npm run bench:slack` its per-call work (a p-queue, p-retry,
 * fetch with web streams and abort signals, form-encoding the blocks, response redaction) cost about
 * 0.25 ms of CPU per call, a third of the whole turn. This does the same calls for a fraction of that.
 * Bolt (request verification, routing) and the Socket Mode client still use the SDK.
 *
 * Contract of `call`:
 * - resolves with Slack's JSON when it says `ok: true`;
 * - rejects with `SlackCallError` whose `code` is Slack's error string (`channel_not_found`…) for an
 *   `ok: false` answer (not retried: asking again gets the same answer), `rate_limited`,
 *   `request_error` (network, timeout) or `http_error` (a non-200 that is not a 429, or an unreadable body);
 * - a 429 waits out Retry-After and tries again (unless `rejectRateLimited`), and while one call of a
 *   method waits, new calls of that method wait too (Slack limits per method);
 * - network failures and HTTP errors are retried `retries` times with exponential back-off.
 * Tokens and bodies are never put in errors: they can hold partner text.
 */
export interface RetryPolicy {
  retries: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export interface SlackHttpOptions {
  /** Base URL ending in `/`, e.g. https://slack.com/api/ (SLACK_API_URL; config adds the slash). */
  apiUrl: string;
  token: string;
  timeoutMs: number;
  retry: RetryPolicy;
  /** Longest Retry-After we wait out; a longer one fails the call with `rate_limited`. */
  maxRetryAfterMs?: number;
}

export interface CallOptions {
  /** `json` for write methods (chat.postMessage, views.*), `form` for read methods (users.info, auth.test). */
  encoding: 'json' | 'form';
  rejectRateLimited?: boolean;
  retry?: RetryPolicy;
  timeoutMs?: number;
}

export class SlackCallError extends AppError {
  constructor(
    /** Slack's own error string (`channel_not_found`, `rate_limited`…), or `request_error` / `http_error`. */
    readonly slackError: string,
    readonly method: string,
    options?: { cause?: unknown },
  ) {
    super('SLACK_CALL_FAILED', `Slack ${method} failed: ${slackError}`, options);
  }
}

export interface SlackHttp {
  call(method: string, params: Record<string, unknown>, options: CallOptions): Promise<Record<string, unknown>>;
  close(): void;
}

type Attempt = { kind: 'ok'; data: Record<string, unknown> } | { kind: 'slackError'; code: string } | { kind: 'rateLimited'; retryAfterMs: number } | { kind: 'retryable'; code: string; cause?: unknown };

const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

export function createSlackHttp(options: SlackHttpOptions): SlackHttp {
  const poster = createOutboundPoster();
  const authorization = `Bearer ${options.token}`;
  const pausedUntilMs = new Map<string, number>();
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;

  async function attempt(method: string, body: string, contentType: string, timeoutMs: number): Promise<Attempt> {
    let answer: PostAnswer;
    try {
      answer = await poster.post(`${options.apiUrl}${method}`, body, { 'content-type': contentType, authorization }, timeoutMs);
    } catch (cause) {
      if (cause instanceof PostError) return { kind: 'retryable', code: 'request_error', cause };
      throw cause;
    }
    return readAnswer(answer);
  }

  async function waitWhilePaused(method: string, rejectRateLimited: boolean): Promise<void> {
    const waitMs = (pausedUntilMs.get(method) ?? 0) - Date.now();
    if (waitMs <= 0) return;
    if (rejectRateLimited) throw new SlackCallError('rate_limited', method);
    await sleep(waitMs);
  }

  return {
    async call(method, params, callOptions) {
      const retry = callOptions.retry ?? options.retry;
      const timeoutMs = callOptions.timeoutMs ?? options.timeoutMs;
      const rejectRateLimited = callOptions.rejectRateLimited ?? false;
      const body = callOptions.encoding === 'json' ? JSON.stringify(params) : formEncode(params);
      const contentType = callOptions.encoding === 'json' ? 'application/json; charset=utf-8' : 'application/x-www-form-urlencoded';
      let failures = 0;
      for (;;) {
        await waitWhilePaused(method, rejectRateLimited);
        const result = await attempt(method, body, contentType, timeoutMs);
        if (result.kind === 'ok') return result.data;
        if (result.kind === 'slackError') throw new SlackCallError(result.code, method);
        failures += 1;
        if (result.kind === 'rateLimited') {
          pausedUntilMs.set(method, Math.max(pausedUntilMs.get(method) ?? 0, Date.now() + result.retryAfterMs));
          if (rejectRateLimited || failures > retry.retries || result.retryAfterMs > maxRetryAfterMs) throw new SlackCallError('rate_limited', method);
          continue;
        }
        if (failures > retry.retries) throw new SlackCallError(result.code, method, { cause: result.cause });
        await sleep(Math.min(retry.firstDelayMs * 2 ** (failures - 1), retry.maxDelayMs));
      }
    },
    close() {
      poster.close();
    },
  };
}

function readAnswer(answer: PostAnswer): Attempt {
  if (answer.status === 429) {
    const seconds = Number.parseInt(answer.retryAfter ?? '', 10);
    return { kind: 'rateLimited', retryAfterMs: (Number.isFinite(seconds) && seconds >= 0 ? seconds : 1) * 1000 };
  }
  if (answer.status !== 200) return { kind: 'retryable', code: 'http_error' };
  let data: unknown;
  try {
    data = JSON.parse(answer.bodyText);
  } catch (cause) {
    return { kind: 'retryable', code: 'http_error', cause };
  }
  if (typeof data !== 'object' || data === null) return { kind: 'retryable', code: 'http_error' };
  const fields = data as Record<string, unknown>;
  if (fields.ok === true) return { kind: 'ok', data: fields };
  return { kind: 'slackError', code: typeof fields.error === 'string' ? fields.error : 'unknown_error' };
}

/** Slack's form encoding: strings as they are, everything else (booleans, arrays, objects) as JSON. */
function formEncode(params: Record<string, unknown>): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(text)}`);
  }
  return pairs.join('&');
}
