// Transport: the web chat JSON API (/chat/api). Each request has a timeout; the session id, the
// partner's credential, travels in `Authorization: Bearer`, never in the URL (proxies log URLs).

const API = '/chat/api';
const REQUEST_TIMEOUT_MS = 30_000;

export class ApiError extends Error {
  /**
   * @param {'network' | 'timeout' | 'http'} kind
   * @param {number} status
   * @param {string | undefined} code
   * @param {string | undefined} serverMessage
   */
  constructor(kind, status = 0, code = undefined, serverMessage = undefined) {
    super(serverMessage ?? kind);
    this.kind = kind;
    this.status = status;
    this.code = code;
    this.serverMessage = serverMessage;
  }
}

export async function request(method, path, body, idempotencyKey, sessionId, language) {
  const controller = new AbortController();
  const timer = window.setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  const headers = { Accept: 'application/json', 'Accept-Language': language };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  // The session id is the partner's credential: in a header, never in the URL (proxies log URLs).
  if (sessionId) headers.Authorization = `Bearer ${sessionId}`;
  try {
    let response;
    try {
      response = await fetch(API + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(controller.signal.aborted ? 'timeout' : 'network');
    }
    let data = null;
    try {
      data = await response.json();
    } catch {
      if (controller.signal.aborted) throw new ApiError('timeout');
    }
    if (!response.ok) {
      const error = data && typeof data === 'object' ? data.error : undefined;
      throw new ApiError('http', response.status, error?.code, typeof error?.message === 'string' ? error.message : undefined);
    }
    return data ?? {};
  } finally {
    window.clearTimeout(timer);
  }
}


/** A random Idempotency-Key (works outside secure contexts, unlike crypto.randomUUID). */
export function newKey() {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
