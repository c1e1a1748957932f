import { parse as parseQuery } from 'node:querystring';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Logger } from 'pino';
import { isAppError, readBody, requestLogThrottle, sendJson, type Router } from '../../src/index.js';
import { verifySignedRequest } from './verify.js';

/**
 * Bolt receiver for HTTP mode: Events API, interactivity and slash commands all arrive at
 * POST /slack/events on the bot's one HTTP server. Order per request:
 *   1. read the raw body (at most 1 MB: Slack payloads are a few KB; a 2 MB body is refused with 413);
 *   2. verify it (Bolt's signature check + our future-timestamp bound) → 401 and nothing else on failure;
 *   3. parse (JSON, or a form with `payload` JSON) → 400 on malformed input;
 *   4. hand it to Bolt (`app.processEvent`); the HTTP response is sent when a listener calls ack()
 *      (events are acked by Bolt before any listener runs), and the work continues after it.
 * Work still running at shutdown is awaited by `drain()`.
 */
export const SLACK_BODY_LIMIT_BYTES = 1024 * 1024;
/** Slack gives up after 3 s; anything not acked by then is answered with an empty 200. */
const ACK_DEADLINE_MS = 2_500;

export interface HttpReceiverOptions {
  router: Router;
  signingSecret: string;
  nowMs: () => number;
  logger: Logger;
}

export class SlackHttpReceiver implements Receiver {
  private app: App | undefined;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(options: HttpReceiverOptions) {
    const refusals = requestLogThrottle(options.nowMs);
    options.router.add('POST', '/slack/events', async ({ req, res }) => {
      let raw: Buffer;
      try {
        raw = await readBody(req, SLACK_BODY_LIMIT_BYTES);
      } catch (error) {
        if (isAppError(error) && error.code === 'BODY_TOO_LARGE') {
          sendJson(res, 413, { error: { code: 'BODY_TOO_LARGE', message: 'Slack request bodies are limited to 1 MB.' } });
          return;
        }
        throw error;
      }
      const rawBody = raw.toString('utf8');
      const contentType = String(req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      // Slack's SSL check carries no signature and asks for nothing but a 200 (Bolt does the same).
      if (contentType === 'application/x-www-form-urlencoded' && parseQuery(rawBody).ssl_check === '1') {
        res.writeHead(200).end();
        return;
      }
      const verified = verifySignedRequest({
        signingSecret: options.signingSecret,
        rawBody,
        signature: req.headers['x-slack-signature'],
        timestamp: req.headers['x-slack-request-timestamp'],
        nowMs: options.nowMs(),
      });
      if (!verified.ok) {
        const admitted = refusals.admit(verified.reason);
        if (admitted) options.logger.warn({ slackRejected: verified.reason, ...admitted }, 'slack request refused');
        sendJson(res, 401, { error: { code: 'UNAUTHORIZED', message: 'The request is not signed by Slack.' } });
        return;
      }
      const body = parseBody(rawBody, contentType);
      if (body === null) {
        sendJson(res, 400, { error: { code: 'MALFORMED_PAYLOAD', message: 'The Slack payload could not be read.' } });
        return;
      }
      if (body.type === 'url_verification' && typeof body.challenge === 'string') {
        sendJson(res, 200, { challenge: body.challenge });
        return;
      }
      if (!this.app) {
        sendJson(res, 503, { error: { code: 'NOT_READY', message: 'The Slack adapter is starting.' } });
        return;
      }

      let acked = false;
      const respond = (response?: unknown) => {
        if (acked) return;
        acked = true;
        clearTimeout(timer);
        if (response === undefined || response === '') res.writeHead(200).end();
        else if (typeof response === 'string') res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(response);
        else sendJson(res, 200, response);
      };
      const timer = setTimeout(() => respond(), ACK_DEADLINE_MS);
      const event: ReceiverEvent = {
        body,
        ack: async (response?: unknown) => respond(response),
        ...retryInfo(req.headers['x-slack-retry-num'], req.headers['x-slack-retry-reason']),
      };
      const work = this.app
        .processEvent(event)
        .catch((error: unknown) => options.logger.error({ err: { type: error instanceof Error ? error.name : typeof error } }, 'slack event failed'))
        .finally(() => {
          respond();
          this.pending.delete(work);
        });
      this.pending.add(work);
      // The HTTP response goes out at ack(); the work goes on without holding the request.
    });
  }

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {
    // Routes are mounted on the shared server, which the wiring starts.
  }

  async stop(): Promise<void> {
    await this.drain();
  }

  /** Waits for turns still running after their ack (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}

function parseBody(rawBody: string, contentType: string | undefined): Record<string, unknown> | null {
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const form = parseQuery(rawBody);
      if (typeof form.payload === 'string') return asObject(JSON.parse(form.payload));
      const flat: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(form)) flat[name] = Array.isArray(value) ? value[0] : value;
      return flat;
    }
    return asObject(JSON.parse(rawBody));
  } catch {
    return null;
  }
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function retryInfo(num: string | string[] | undefined, reason: string | string[] | undefined): { retryNum?: number; retryReason?: string } {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const retryNum = Number.parseInt(first(num) ?? '', 10);
  const retryReason = first(reason);
  return { ...(Number.isFinite(retryNum) ? { retryNum } : {}), ...(retryReason ? { retryReason } : {}) };
}
