import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { AppError, createLogThrottle, t, type Language, readJsonBody, sendJson, type AbuseLimits, type ClientAddressOf, type ConversationKey, type Dispatcher, type DocketStatus, type Router, type TurnInput, type WebchatEmail } from '../../src/index.js';
import { mountRemindersRoutes } from './reminders.js';
import { parseCreateBody, parseIdempotencyKey, parseMessageBody } from './parse.js';
import { renderReplies } from './render.js';
import { sessionRoutes } from './session-routes.js';
import { mountStaticFiles } from './static-files.js';

/**
 * The web chat: the embedded default channel, for partners without Slack or Teams.
 *   POST /chat/api/sessions            → 201 { sessionId, replies }
 * Then, with the session id in `Authorization: Bearer <sessionId>` (never in the URL; see session-routes.ts):
 *   POST /chat/api/session/messages    → 200 { replies }   body { text } | { action }
 *   GET  /chat/api/session             → 200 { step, progress, language, page, receipt?, trackingNumber?, docketPending? }
 *        (page: { labels, answerLimitChars }, the page's own words in the conversation language; also on POST /sessions)
 *        (docketPending: true while the submission's forward to the docket is due or under way)
 *   GET  /chat/api/session/copy        → 200 text/plain: a copy of what was sent (404 before submitting)
 *   GET  /chat/api/session/reminders   → 200 { available, show, state, email, statusText, labels }
 *   PUT  /chat/api/session/reminders   → 200 { state, email, statusText }   body { email, remind, timeZone? }
 *        ("remind me by email", with double opt-in: see reminders.ts)
 * The same under /chat/api/sessions/{sessionId}… answer for one more release, marked `Deprecation`.
 * The session id of an email invitation's private link exists on the roster before its session: the
 * first GET creates it (in the partner's language), so the link opens a draft of their own.
 * The session id is the partner's only credential (192 random bits); web chat partners are anonymous
 * unless they name their organization.
 *
 * Abuse limits (src/http/abuse-limits.ts): new sessions, turns and submissions per client address and
 * site-wide; over a limit → 429 with Retry-After and a kind message in the partner's language.
 */
export interface WebchatDeps {
  router: Router;
  dispatcher: Dispatcher;
  now: () => number;
  /** The caller's address (TRUST_PROXY decides when X-Forwarded-For is believed). */
  clientAddress: ClientAddressOf;
  limits: AbuseLimits;
  logger: Logger;
  /** "Remind me by email" (double opt-in) and invitation drafts; absent = email is off (the box is hidden). */
  email?: WebchatEmail;
  /** The docket's tracking number once the submission is forwarded (shown in the status). */
  docket?: DocketStatus;
  /** MAX_ANSWER_CHARS: the page states it at each question and counts toward it. */
  maxAnswerChars: number;
}

export const WEBCHAT_BODY_LIMIT_BYTES = 64 * 1024;

export function createWebchatAdapter(deps: WebchatDeps): void {
  const { router, dispatcher, limits } = deps;
  // One warning per old route per hour is enough to see that something still uses it.
  const deprecatedLog = createLogThrottle({ windowMs: 60 * 60_000, burst: 1, nowMs: deps.now });
  const session = sessionRoutes(router, (route) => {
    const admitted = deprecatedLog.admit(route);
    if (admitted) deps.logger.warn({ route, ...admitted }, 'web chat: session id in the URL path is deprecated (use Authorization: Bearer on /chat/api/session…); the old paths go away in the next release');
  });

  mountStaticFiles(router);

  /** The page's own words in the conversation language, and the answer limit it counts toward. */
  const pageOf = (language: Language) => ({ labels: t(language).webchatPage, answerLimitChars: deps.maxAnswerChars });

  router.add('POST', '/chat/api/sessions', async ({ req, res }) => {
    await limits.admit('session', deps.clientAddress(req));
    const { language } = parseCreateBody(await readJsonBody(req, WEBCHAT_BODY_LIMIT_BYTES));
    const sessionId = randomBytes(24).toString('base64url');
    const result = await dispatcher.dispatch({
      key: keyFor(sessionId),
      deliveryId: `create-${sessionId}`,
      input: { kind: 'start' },
      ...(language ? { profile: { locale: language } } : {}),
    });
    if (result.status !== 'processed') throw new AppError('INTERNAL', 'A new session could not be started.');
    sendJson(res, 201, { sessionId, replies: renderReplies(result.replies), page: pageOf(result.view.language) });
  });

  session.mount('POST', '/messages', async ({ req, res }, sessionId) => {
    const clientId = deps.clientAddress(req);
    // The limit check (a Redis round trip when shared) runs while the body arrives; nothing is applied before it answers.
    const input = await admittedWhileReading(limits.admit('turn', clientId), readJsonBody(req, WEBCHAT_BODY_LIMIT_BYTES));
    const idempotencyKey = parseIdempotencyKey(req.headers['idempotency-key']) ?? randomUUID();
    const result = await dispatcher.dispatch(
      { key: keyFor(sessionId), deliveryId: `msg-${sessionId}-${idempotencyKey}`, input },
      { requireExistingSession: true, clientId },
    );
    if (result.status === 'not-found') throw new AppError('NOT_FOUND', 'No such session.');
    // A retried request (same Idempotency-Key) was already applied: say so instead of applying it twice.
    if (result.status === 'duplicate') {
      sendJson(res, 200, { replies: [], duplicate: true });
      return;
    }
    sendJson(res, 200, { replies: renderReplies(result.replies) });
  });

  mountRemindersRoutes(session, { dispatcher, ...(deps.email ? { email: deps.email } : {}), admit: (req) => limits.admit('turn', deps.clientAddress(req)), keyFor });

  const docketOf = async (sessionId: string, receipt: string | null): Promise<{ trackingNumber?: string; docketPending?: true }> => {
    if (!receipt || !deps.docket) return {};
    const docket = await deps.docket.status(keyFor(sessionId));
    if (docket.trackingNumber) return { trackingNumber: docket.trackingNumber };
    return docket.waiting ? { docketPending: true } : {};
  };

  // A copy of what was sent (issue 19), as a download: every question and answer, the receipt and the time.
  session.mount('GET', '/copy', async ({ res }, sessionId) => {
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

  /** The first visit of an email invitation's private link: its draft begins now, in the partner's language. */
  const openInvitationDraft = async (sessionId: string) => {
    const reserved = await deps.email?.openReservedDraft(keyFor(sessionId));
    if (!reserved) return null;
    const locale = reserved.locale?.toLowerCase().startsWith('es') ? 'es' : undefined;
    await dispatcher.dispatch({ key: keyFor(sessionId), deliveryId: `create-${sessionId}`, input: { kind: 'start' }, ...(locale ? { profile: { locale } } : {}) });
    return dispatcher.view(keyFor(sessionId));
  };

  session.mount('GET', '', async ({ res }, sessionId) => {
    const view = (await dispatcher.view(keyFor(sessionId))) ?? (await openInvitationDraft(sessionId));
    if (!view) throw new AppError('NOT_FOUND', 'No such session.');
    sendJson(res, 200, {
      step: view.step,
      progress: view.progress,
      language: view.language,
      page: pageOf(view.language),
      ...(view.receipt ? { receipt: view.receipt } : {}),
      ...(await docketOf(sessionId, view.receipt)),
    });
  });
}

/** Waits for both; a refusal wins over a body problem (a flooding client learns only that it must wait). */
async function admittedWhileReading(admitted: Promise<void>, body: Promise<unknown>): Promise<TurnInput> {
  const [admission, read] = await Promise.allSettled([admitted, body]);
  if (admission.status === 'rejected') throw admission.reason;
  if (read.status === 'rejected') throw read.reason;
  return parseMessageBody(read.value);
}

function keyFor(sessionId: string): ConversationKey {
  return { channel: 'webchat', tenantId: 'web', userId: sessionId };
}
