import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * A small Slack Web API caller: one keep-alive connection pool, JSON bodies for write methods, form
 * bodies for read methods (Slack only takes JSON on write methods), and Slack's retry rules.
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
  /** Base URL ending in `/`, e.g. https://slack.com/api/ (SLACK_API_URL). */
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

export class SlackCallError extends Error {
  constructor(
    readonly code: string,
    readonly method: string,
    options?: { cause?: unknown },
  ) {
    super(`Slack ${method} failed: ${code}`, options);
    this.name = 'SlackCallError';
  }
}

export interface SlackHttp {
  call(method: string, params: Record<string, unknown>, options: CallOptions): Promise<Record<string, unknown>>;
  close(): void;
}

type Attempt = { kind: 'ok'; data: Record<string, unknown> } | { kind: 'slackError'; code: string } | { kind: 'rateLimited'; retryAfterMs: number } | { kind: 'retryable'; code: string; cause?: unknown };

const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

export function createSlackHttp(options: SlackHttpOptions): SlackHttp {
  const base = new URL(options.apiUrl);
  const secure = base.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true, maxSockets: 64 }) : new HttpAgent({ keepAlive: true, maxSockets: 64 });
  const send = secure ? httpsRequest : httpRequest;
  const authorization = `Bearer ${options.token}`;
  const pausedUntilMs = new Map<string, number>();
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;

  function attempt(method: string, body: string, contentType: string, timeoutMs: number): Promise<Attempt> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (result: Attempt) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const request = send(
        {
          protocol: base.protocol,
          hostname: base.hostname,
          port: base.port,
          path: `${base.pathname}${method}`,
          method: 'POST',
          agent,
          headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body), authorization },
        },
        (response) => {
          readAnswer(response).then(finish, (cause: unknown) => finish({ kind: 'retryable', code: 'request_error', cause }));
        },
      );
      const timer = setTimeout(() => {
        request.destroy(new Error(`no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      request.on('error', (cause) => finish({ kind: 'retryable', code: 'request_error', cause }));
      request.end(body);
    });
  }

  async function waitWhilePaused(method: string, rejectRateLimited: boolean): Promise<void> {
    const until = pausedUntilMs.get(method) ?? 0;
    const waitMs = until - Date.now();
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
      agent.destroy();
    },
  };
}

async function readAnswer(response: IncomingMessage): Promise<Attempt> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  const status = response.statusCode ?? 0;
  if (status === 429) {
    const seconds = Number.parseInt(String(response.headers['retry-after'] ?? ''), 10);
    return { kind: 'rateLimited', retryAfterMs: (Number.isFinite(seconds) && seconds >= 0 ? seconds : 1) * 1000 };
  }
  if (status !== 200) return { kind: 'retryable', code: 'http_error' };
  let data: unknown;
  try {
    data = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (cause) {
    return { kind: 'retryable', code: 'http_error', cause };
  }
  if (typeof data !== 'object' || data === null) return { kind: 'retryable', code: 'http_error' };
  const answer = data as Record<string, unknown>;
  if (answer.ok === true) return { kind: 'ok', data: answer };
  return { kind: 'slackError', code: typeof answer.error === 'string' ? answer.error : 'unknown_error' };
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
