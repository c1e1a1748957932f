import type { IncomingMessage } from 'node:http';
import { AppError, readJsonBody, sendJson, t, type ConversationKey, type ConversationView, type Dispatcher, type WebchatEmail } from '../../src/index.js';
import type { ReminderEmailStatus } from '../../src/index.js';
import { parseRemindersBody } from './parse.js';
import type { SessionRoutes } from './session-routes.js';

/**
 * "Remind me by email" for one web chat session:
 * Mounted on /chat/api/session/reminders (session id in `Authorization: Bearer`) and, for one more
 * release, /chat/api/sessions/{sessionId}/reminders (session-routes.ts).
 *   GET …/reminders → { available, show, state, email, statusText, labels }
 *     available: email is configured; show: offer the box now (after consent, before submit);
 *     state: none | pending (confirmation sent, link not followed) | on | stopped (e.g. "stop reminders");
 *     labels and statusText in the conversation's language (the page writes no words of its own).
 *   PUT …/reminders { email, remind, timeZone? } → 200 { state, email, statusText }
 *     remind: a confirmation message to a new address (nothing else until its link is followed);
 *     429 RATE_LIMITED / 503 EMAIL_UNAVAILABLE with a kind message when nothing could be sent.
 */
const BODY_LIMIT_BYTES = 4 * 1024;

export function mountRemindersRoutes(
  session: SessionRoutes,
  deps: {
    dispatcher: Dispatcher;
    email?: WebchatEmail;
    /** The web chat's turn limit for this client: rejects with RATE_LIMITED (429) when over it. */
    admit(req: IncomingMessage): Promise<void>;
    keyFor(sessionId: string): ConversationKey;
  },
): void {
  const statusText = (view: ConversationView, status: ReminderEmailStatus) => {
    const c = t(view.language).email.panel;
    if (status.state === 'none' || status.email === null) return c.stateNone;
    if (status.state === 'pending') return c.statePending(status.email);
    return status.state === 'on' ? c.stateOn(status.email) : c.stateStopped(status.email);
  };
  const offered = (view: ConversationView) => view.stage !== 'intro' && view.stage !== 'submitted' && !view.deadlinePassed;
  // Only a change counts against the turn limit: the page reads the panel after every exchange, and a
  // read must not use up the partner's allowance for messages.
  const load = async (req: IncomingMessage, sessionId: string, change: boolean) => {
    if (change) await deps.admit(req);
    const key = deps.keyFor(sessionId);
    const view = await deps.dispatcher.view(key);
    if (!view) throw new AppError('NOT_FOUND', 'No such session.');
    return { key, view };
  };

  session.mount('GET', '/reminders', async (ctx, sessionId) => {
    const { key, view } = await load(ctx.req, sessionId, false);
    const c = t(view.language).email.panel;
    const labels = { title: c.title, purpose: c.purpose, emailLabel: c.emailLabel, check: c.check, save: c.save, badEmail: c.badEmail, failed: c.failed };
    if (!deps.email) {
      sendJson(ctx.res, 200, { available: false, show: false, state: 'none', email: null, statusText: c.stateNone, labels });
      return;
    }
    const status = await deps.email.status(key);
    sendJson(ctx.res, 200, { available: true, show: offered(view), ...status, statusText: statusText(view, status), labels });
  });

  session.mount('PUT', '/reminders', async (ctx, sessionId) => {
    const { key, view } = await load(ctx.req, sessionId, true);
    const body = parseRemindersBody(await readJsonBody(ctx.req, BODY_LIMIT_BYTES));
    if (!deps.email) throw new AppError('NOT_FOUND', 'Email is not configured.');
    if (!offered(view)) throw new AppError('INVALID_REQUEST', 'Reminders can be asked for after agreeing to take part and before submitting.');
    const result = await deps.email.request(key, { email: body.email, remind: body.remind, ...(body.timeZone ? { timeZone: body.timeZone } : {}), language: view.language });
    const c = t(view.language).email.panel;
    const state = { ...result.status, statusText: statusText(view, result.status) };
    if (result.outcome === 'refused') {
      sendJson(ctx.res, 429, { error: { code: 'RATE_LIMITED', message: result.reason === 'address-limit' ? c.refusedAddress : c.refusedSession }, ...state });
      return;
    }
    if (result.outcome === 'send-failed') {
      sendJson(ctx.res, 503, { error: { code: 'EMAIL_UNAVAILABLE', message: c.sendFailed }, ...state });
      return;
    }
    sendJson(ctx.res, 200, state);
  });
}
