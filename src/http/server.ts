import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { errorSummary } from '../errors.js';
import { requestLogThrottle } from '../log-throttle.js';
import { languageFromHeader } from '../i18n/http-errors.js';
import { httpError, httpErrorFor } from './error-status.js';
import { sendJsonError } from './respond.js';
import { Router } from './router.js';

/**
 * The one HTTP server of the process. Adapters and pages mount routes on `router`.
 * `close()` stops accepting connections and waits for requests in flight (graceful shutdown).
 */
export interface HttpServer {
  router: Router;
  listen(port: number, host: string): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
  server: Server;
}

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
};

export function createHttpServer(logger: Logger): HttpServer {
  const router = new Router();
  let inFlight = 0;
  let drained: (() => void) | null = null;

  const failures = requestLogThrottle();
  const server = createServer((req, res) => {
    inFlight += 1;
    res.on('close', () => {
      inFlight -= 1;
      if (inFlight === 0 && drained) drained();
    });
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const language = languageFromHeader(req.headers['accept-language']);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      sendJsonError(res, 400, 'INVALID_REQUEST', httpError('INVALID_REQUEST', language));
      return;
    }
    const matched = router.match(req.method ?? 'GET', url.pathname);
    if (matched === null) {
      sendJsonError(res, 404, 'ROUTE_NOT_FOUND', httpError('ROUTE_NOT_FOUND', language));
      return;
    }
    if (matched === 'method-not-allowed') {
      sendJsonError(res, 405, 'METHOD_NOT_ALLOWED', httpError('METHOD_NOT_ALLOWED', language));
      return;
    }
    Promise.resolve()
      .then(() => matched.handler({ req, res, url, params: matched.params, language }))
      .catch((error: unknown) => {
        const mapped = httpErrorFor(error, language);
        const route = url.pathname.split('/').slice(0, 4).join('/');
        // Throttled per route and code: a flood of bad requests, or every request during an outage,
        // must not bury the rest of the logs.
        const admitted = failures.admit(`${route} ${mapped.status} ${mapped.code}`);
        if (admitted) {
          const log = mapped.status >= 500 ? logger.error.bind(logger) : logger.warn.bind(logger);
          log({ route, status: mapped.status, err: errorSummary(error), ...admitted }, 'request failed');
        }
        const retryAfter: Record<string, string> = mapped.retryAfterSeconds === undefined ? {} : { 'retry-after': String(mapped.retryAfterSeconds) };
        if (!res.headersSent) sendJsonError(res, mapped.status, mapped.code, mapped.message, retryAfter);
        else abortResponse(res);
      });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;

  return {
    router,
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({ url: `http://${shownHost}:${address.port}`, port: address.port });
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        if (!server.listening) {
          resolve();
          return;
        }
        server.close(() => resolve());
        server.closeIdleConnections();
        const finish = () => server.closeAllConnections();
        if (inFlight === 0) finish();
        else drained = finish;
      });
    },
  };
}

/**
 * The status line is already out (a streamed export, say) and the rest cannot be sent. Ending the
 * response normally would hand the client a cut file that looks complete; cutting the connection
 * before the final chunk makes every HTTP client report the download as failed.
 */
function abortResponse(res: ServerResponse): void {
  res.destroy();
}
