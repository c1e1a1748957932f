import { sendJson } from '../http/respond.js';
import type { RequestContext } from '../http/router.js';
import { m, type MessageKey } from './messages.js';

/**
 * The staff-side APIs' error answers (moderation, roster and reminders, forwarding), one shape:
 * `{ error: { code, message, details? } }`, the message from the catalog in the caller's language and
 * the details (English) saying how to fix each problem.
 */
export function sendInvalid(ctx: RequestContext, details: string[]): void {
  sendJson(ctx.res, 400, { error: { code: 'INVALID_PARAMETERS', message: m(ctx.language).errInvalid, details } });
}

export function sendNotFound(ctx: RequestContext, message: MessageKey = 'errNotFound'): void {
  sendJson(ctx.res, 404, { error: { code: 'NOT_FOUND', message: m(ctx.language)[message] } });
}

export function sendForbidden(ctx: RequestContext, message: MessageKey = 'errForbidden'): void {
  sendJson(ctx.res, 403, { error: { code: 'FORBIDDEN', message: m(ctx.language)[message] } });
}
