import { randomBytes, randomUUID } from 'node:crypto';
import { AppError, createRateLimiter, readJsonBody, sendJson, type ConversationKey, type Dispatcher, type DocketStatus, type PartnerActivity, type RequestContext, type Router } from '../../src/index.js';
import { parseCreateBody, parseIdempotencyKey, parseMessageBody, parseRemindersBody, SESSION_ID_PATTERN } from './parse.js';
import { renderReplies } from './render.js';
import { mountStaticFiles } from './static-files.js';

/**
 * The web chat: the embedded default channel, for partners without Slack or Teams.
 *   POST /chat/api/sessions                       → 201 { sessionId, replies }
 *   POST /chat/api/sessions/{sessionId}/messages  → 200 { replies }   body { text } | { action }
 *   GET  /chat/api/sessions/{sessionId}           → 200 { step, progress, language, receipt?, trackingNumber?, docketPending? }
 *        (docketPending: true while the submission's forward to the docket is due or under way)
 *   GET  /chat/api/sessions/{sessionId}/copy      → 200 text/plain: a copy of what was sent (404 before submitting)
 *   PUT  /chat/api/sessions/{sessionId}/reminders → 200 { remind }   body { email, remind, timeZone? }
 *        ("remind me by email": reminders with a private link that resumes this draft on any device)
 * The session id is the partner's only credential (192 random bits); web chat partners are anonymous
 * unless they name their organization.
 */
export interface WebchatDeps {
  router: Router;
  dispatcher: Dispatcher;
  now: () => number;
  /** Where "remind me by email" is recorded (the staff's roster); absent = the form is refused. */
  partners?: PartnerActivity;
  /** The docket's tracking number once the submission is forwarded (shown in the status). */
  docket?: DocketStatus;
}

export const WEBCHAT_BODY_LIMIT_BYTES = 64 * 1024;
const SESSION_PATH = /^\/chat\/api\/sessions\/(?<sessionId>[^/]+)$/;
const MESSAGES_PATH = /^\/chat\/api\/sessions\/(?<sessionId>[^/]+)\/messages$/;
const COPY_PATH = /^\/chat\/api\/sessions\/(?<sessionId>[^/]+)\/copy$/;
const REMINDERS_PATH = /^\/chat\/api\/sessions\/(?<sessionId>[^/]+)\/reminders$/;

export function createWebchatAdapter(deps: WebchatDeps): void {
  const { router, dispatcher } = deps;
  const sessionCreation = createRateLimiter({ limit: 30, windowMs: 60_000 });
  const messages = createRateLimiter({ limit: 240, windowMs: 60_000 });

  mountStaticFiles(router);

  router.add('POST', '/chat/api/sessions', async ({ req, res }) => {
    if (!sessionCreation.allow(clientAddress(req), deps.now())) throw new AppError('RATE_LIMITED', 'Too many new sessions.');
    const { language } = parseCreateBody(await readJsonBody(req, WEBCHAT_BODY_LIMIT_BYTES));
    const sessionId = randomBytes(24).toString('base64url');
    const result = await dispatcher.dispatch({
      key: keyFor(sessionId),
      deliveryId: `create-${sessionId}`,
      input: { kind: 'start' },
      ...(language ? { profile: { locale: language } } : {}),
    });
    if (result.status !== 'processed') throw new AppError('INTERNAL', 'A new session could not be started.');
    sendJson(res, 201, { sessionId, replies: renderReplies(result.replies) });
  });

  router.add('POST', MESSAGES_PATH, async ({ req, res, params }: RequestContext) => {
    if (!messages.allow(clientAddress(req), deps.now())) throw new AppError('RATE_LIMITED', 'Too many messages.');
    const sessionId = requireSessionId(params.sessionId);
    const input = parseMessageBody(await readJsonBody(req, WEBCHAT_BODY_LIMIT_BYTES));
    const idempotencyKey = parseIdempotencyKey(req.headers['idempotency-key']) ?? randomUUID();
    const result = await dispatcher.dispatch(
      { key: keyFor(sessionId), deliveryId: `msg-${sessionId}-${idempotencyKey}`, input },
      { requireExistingSession: true },
    );
    if (result.status === 'not-found') throw new AppError('NOT_FOUND', 'No such session.');
    // A retried request (same Idempotency-Key) was already applied: say so instead of applying it twice.
    if (result.status === 'duplicate') {
      sendJson(res, 200, { replies: [], duplicate: true });
      return;
    }
    sendJson(res, 200, { replies: renderReplies(result.replies) });
  });

  router.add('PUT', REMINDERS_PATH, async ({ req, res, params }: RequestContext) => {
    if (!messages.allow(clientAddress(req), deps.now())) throw new AppError('RATE_LIMITED', 'Too many messages.');
    const sessionId = requireSessionId(params.sessionId);
    const body = parseRemindersBody(await readJsonBody(req, WEBCHAT_BODY_LIMIT_BYTES));
    if (!deps.partners || !(await dispatcher.view(keyFor(sessionId)))) throw new AppError('NOT_FOUND', 'No such session.');
    await deps.partners.setEmailReminders(keyFor(sessionId), { email: body.email, ...(body.timeZone ? { timeZone: body.timeZone } : {}) }, body.remind);
    sendJson(res, 200, { remind: body.remind });
  });

  const docketOf = async (sessionId: string, receipt: string | null): Promise<{ trackingNumber?: string; docketPending?: true }> => {
    if (!receipt || !deps.docket) return {};
    const docket = await deps.docket.status(keyFor(sessionId));
    if (docket.trackingNumber) return { trackingNumber: docket.trackingNumber };
    return docket.waiting ? { docketPending: true } : {};
  };

  // A copy of what was sent (issue 19), as a download: every question and answer, the receipt and the time.
  router.add('GET', COPY_PATH, async ({ res, params }: RequestContext) => {
    const sessionId = requireSessionId(params.sessionId);
    const docket = deps.docket ? await deps.docket.status(keyFor(sessionId)) : null;
    const copy = await dispatcher.submissionCopy(keyFor(sessionId), docket?.trackingNumber ?? null);
    if (copy === null) throw new AppError('NOT_FOUND', 'No submission in this session yet.');
    res.writeHead(200, {
      'content-type': 'text/plain; charset=utf-8',
      'content-disposition': 'attachment; filename="my-comment.txt"',
      'cache-control': 'no-store',
    });
    res.end(`${copy}\n`);
  });

  router.add('GET', SESSION_PATH, async ({ res, params }: RequestContext) => {
    const sessionId = requireSessionId(params.sessionId);
    const view = await dispatcher.view(keyFor(sessionId));
    if (!view) throw new AppError('NOT_FOUND', 'No such session.');
    sendJson(res, 200, {
      step: view.step,
      progress: view.progress,
      language: view.language,
      ...(view.receipt ? { receipt: view.receipt } : {}),
      ...(await docketOf(sessionId, view.receipt)),
    });
  });
}

function keyFor(sessionId: string): ConversationKey {
  return { channel: 'webchat', tenantId: 'web', userId: sessionId };
}

function requireSessionId(candidate: string | undefined): string {
  // A malformed id cannot exist, so it is "not found" rather than a 400 that would confirm the format.
  if (!candidate || !SESSION_ID_PATTERN.test(candidate)) throw new AppError('NOT_FOUND', 'No such session.');
  return candidate;
}

function clientAddress(req: import('node:http').IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}
