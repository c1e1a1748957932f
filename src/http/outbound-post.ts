import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { AppError } from '../errors.js';

/**
 * Outbound POSTs to the platforms (Slack Web API, Bot Connector) over kept-alive connections: one pool
 * per protocol, any number of hosts (Teams has a service URL per region). Used instead of `fetch`: in
 * the Slack and Teams benchmarks, the web-streams machinery behind Node's fetch (and the SDK clients
 * on top of it) cost more CPU per reply than the rest of the turn.
 *
 * Contract: resolves with the status, the Retry-After header and the body text for any HTTP answer;
 * rejects with `PostError` when no answer came: `refused` (nothing was delivered, safe to retry),
 * `timeout` or `network` (the request may have been delivered). Retrying is the caller's business.
 * The caller sets content-type; this sets content-length.
 */
export interface PostAnswer {
  status: number;
  retryAfter: string | null;
  bodyText: string;
}

export class PostError extends AppError {
  constructor(
    readonly reason: 'refused' | 'timeout' | 'network',
    options?: { cause?: unknown },
  ) {
    super('OUTBOUND_POST_FAILED', `POST failed: ${reason}`, options);
  }
}

export interface OutboundPoster {
  post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<PostAnswer>;
  /** Closes the kept-alive connections (shutdown). */
  close(): void;
}

const IDLE_SOCKET_TIMEOUT_MS = 4_000;

export function createOutboundPoster(): OutboundPoster {
  // Idle kept-alive sockets are dropped after 4 s, before servers drop them (Node's own default is 5 s):
  // reusing a socket the server is closing fails with a reset, which Teams sends must not retry.
  const agentOptions = { keepAlive: true, maxSockets: 64, timeout: IDLE_SOCKET_TIMEOUT_MS };
  const httpAgent = new HttpAgent(agentOptions);
  const httpsAgent = new HttpsAgent(agentOptions);

  return {
    post(url, body, headers, timeoutMs) {
      const target = new URL(url);
      const secure = target.protocol === 'https:';
      return new Promise<PostAnswer>((resolve, reject) => {
        let settled = false;
        const timer = setTimeout(() => {
          fail(new PostError('timeout'));
          request.destroy();
        }, timeoutMs);
        function fail(error: PostError): void {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          reject(error);
        }
        const request = (secure ? httpsRequest : httpRequest)(
          target,
          {
            method: 'POST',
            agent: secure ? httpsAgent : httpAgent,
            headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('error', (cause) => fail(new PostError('network', { cause })));
            response.on('end', () => {
              if (settled) return;
              settled = true;
              clearTimeout(timer);
              const retryAfter = response.headers['retry-after'];
              resolve({ status: response.statusCode ?? 0, retryAfter: typeof retryAfter === 'string' ? retryAfter : null, bodyText: Buffer.concat(chunks).toString('utf8') });
            });
          },
        );
        request.on('error', (cause: NodeJS.ErrnoException) => fail(new PostError(cause.code === 'ECONNREFUSED' ? 'refused' : 'network', { cause })));
        request.end(body);
      });
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
