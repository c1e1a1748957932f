import { randomBytes, randomUUID } from 'node:crypto';
import { AppError, createRateLimiter, readJsonBody, sendJson, type ConversationKey, type Dispatcher, type DocketStatus, type RequestContext, type Router, type WebchatEmail } from '../../src/index.js';
import { mountRemindersRoutes } from './reminders.js';
import { parseCreateBody, parseIdempotencyKey, parseMessageBody, SESSION_ID_PATTERN } from './parse.js';
import { renderReplies } from './render.js';
import { mountStaticFiles } from './static-files.js';

/**
 * The web chat: the embedded default channel, for partners without Slack or Teams.
 *   POST /chat/api/sessions                       → 201 { sessionId, replies }
 *   POST /chat/api/sessions/{sessionId}/messages  → 200 { replies }   body { text } | { action }
 *   GET  /chat/api/sessions/{sessionId}           → 200 { step, progress, language, receipt?, trackingNumber?, docketPending? }
 *        (docketPending: true while the submission's forward to the docket is due or under way)
 *   GET  /chat/api/sessions/{sessionId}/reminders → 200 { available, show, state, email, labels }
 *   PUT  /chat/api/sessions/{sessionId}/reminders → 200 { state, email, message }   body { email, remind, timeZone? }
 *        ("remind me by email", with double opt-in: see reminders.ts)
 * The session id of an email invitation's private link exists on the roster before its session: the
 * first GET creates it (in the partner's language), so the link opens a draft of their own.
 * The session id is the partner's only credential (192 random bits); web chat partners are anonymous
 * unless they name their organization.
 */
export interface WebchatDeps {
  router: Router;
  dispatcher: Dispatcher;
  now: () => number;
  /** "Remind me by email" (double opt-in) and invitation drafts; absent = email is off (the box is hidden). */
  email?: WebchatEmail;
  /** The docket's tracking number once the submission is forwarded (shown in the status). */
  docket?: DocketStatus;
}

export const WEBCHAT_BODY_LIMIT_BYTES = 64 * 1024;
const SESSION_PATH = /^\/chat\/api\/sessions\/(?<sessionId>[^/]+)$/;
const MESSAGES_PATH = /^\/chat\/api\/sessions\/(?<sessionId>[^/]+)\/messages$/;

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

  mountRemindersRoutes(router, { dispatcher, now: deps.now, ...(deps.email ? { email: deps.email } : {}), limiter: messages, keyFor, requireSessionId, clientAddress });

  const docketOf = async (sessionId: string, receipt: string | null): Promise<{ trackingNumber?: string; docketPending?: true }> => {
    if (!receipt || !deps.docket) return {};
    const docket = await deps.docket.status(keyFor(sessionId));
    if (docket.trackingNumber) return { trackingNumber: docket.trackingNumber };
    return docket.waiting ? { docketPending: true } : {};
  };

  /** The first visit of an email invitation's private link: its draft begins now, in the partner's language. */
  const openInvitationDraft = async (sessionId: string) => {
    const reserved = await deps.email?.openReservedDraft(keyFor(sessionId));
    if (!reserved) return null;
    const locale = reserved.locale?.toLowerCase().startsWith('es') ? 'es' : undefined;
    await dispatcher.dispatch({ key: keyFor(sessionId), deliveryId: `create-${sessionId}`, input: { kind: 'start' }, ...(locale ? { profile: { locale } } : {}) });
    return dispatcher.view(keyFor(sessionId));
  };

  router.add('GET', SESSION_PATH, async ({ res, params }: RequestContext) => {
    const sessionId = requireSessionId(params.sessionId);
    const view = (await dispatcher.view(keyFor(sessionId))) ?? (await openInvitationDraft(sessionId));
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
