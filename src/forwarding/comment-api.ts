/**
 * The regulations.gov Comment API v4 calls (docs/specs/regulationsgov-v4-openapi.yaml), with the
 * X-Api-Key header: POST /submission-keys, POST /file-upload-urls + PUT of the file (the submission-key
 * flow for text longer than a comment holds), POST /comments. Each call resolves to an outcome, never
 * throws: accepted, rejected (a 4xx other than 429: the API's message), retry (429 with Retry-After, 5xx,
 * a connection refused before anything was sent), or maybe-delivered (a timeout or a reset after the
 * request went out — for POST /comments that means "unknown", because the API has no idempotency key).
 */
export type ApiOutcome =
  | { kind: 'ok'; status: number; body: Record<string, unknown> }
  | { kind: 'rejected'; status: number; message: string }
  | { kind: 'retry'; status: number | null; message: string; retryAfterMs?: number }
  | { kind: 'maybe'; message: string };

export interface CommentApi {
  createSubmissionKey(): Promise<ApiOutcome>;
  uploadAttachment(submissionKey: string, file: { fileName: string; contentType: string; text: string }): Promise<ApiOutcome>;
  postComment(body: unknown): Promise<ApiOutcome>;
}

const JSON_API = 'application/vnd.api+json';

function apiMessage(body: unknown, status: number): string {
  const errors = (body as { errors?: Array<{ title?: unknown; detail?: unknown }> } | null)?.errors;
  const parts = Array.isArray(errors) ? errors.map((e) => [e.title, e.detail].filter((x) => typeof x === 'string').join(': ')).filter(Boolean) : [];
  return (parts.join('; ') || `HTTP ${status}`).slice(0, 1000);
}

export function createCommentApi(options: { baseUrl: string; apiKey: string; timeoutMs: number }): CommentApi {
  const base = options.baseUrl.replace(/\/$/, '');

  async function call(method: string, url: string, body: string, contentType: string, withKey: boolean): Promise<ApiOutcome> {
    let response: Response;
    const timeout = AbortSignal.timeout(options.timeoutMs);
    try {
      response = await fetch(url, {
        method,
        headers: { 'content-type': contentType, accept: JSON_API, ...(withKey ? { 'x-api-key': options.apiKey } : {}) },
        body,
        signal: timeout,
      });
    } catch (error) {
      const code = (error as { cause?: { code?: unknown } }).cause?.code;
      if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { kind: 'retry', status: null, message: `the Comment API could not be reached (${String(code)})` };
      return { kind: 'maybe', message: timeout.aborted ? `no answer within ${options.timeoutMs} ms` : 'the connection broke after the request was sent' };
    }
    const text = await response.text().catch(() => '');
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = {};
    }
    if (response.status >= 200 && response.status < 300) return { kind: 'ok', status: response.status, body: parsed };
    if (response.status === 429) {
      const seconds = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
      return { kind: 'retry', status: 429, message: 'rate limited', retryAfterMs: (Number.isFinite(seconds) && seconds >= 0 ? seconds : 60) * 1000 };
    }
    if (response.status >= 500) return { kind: 'retry', status: response.status, message: apiMessage(parsed, response.status) };
    return { kind: 'rejected', status: response.status, message: apiMessage(parsed, response.status) };
  }

  return {
    createSubmissionKey: () => call('POST', `${base}/submission-keys`, JSON.stringify({ data: { type: 'submissionKeys' } }), JSON_API, true),
    async uploadAttachment(submissionKey, file) {
      const presign = await call(
        'POST',
        `${base}/file-upload-urls`,
        JSON.stringify({ data: { type: 'file-upload-urls', attributes: { submissionKey, fileName: file.fileName, contentType: file.contentType } } }),
        JSON_API,
        true,
      );
      if (presign.kind !== 'ok') return presign;
      const url = (presign.body.data as { id?: unknown } | undefined)?.id;
      if (typeof url !== 'string') return { kind: 'rejected', status: presign.status, message: 'the Comment API gave no upload URL' };
      // The pre-signed URL carries its own authorization: the API key is not sent to it.
      const uploaded = await call('PUT', url, file.text, file.contentType, false);
      return uploaded.kind === 'maybe' ? { kind: 'retry', status: null, message: uploaded.message } : uploaded;
    },
    postComment: (body) => call('POST', `${base}/comments`, JSON.stringify(body), JSON_API, true),
  };
}
