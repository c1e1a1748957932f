import { readJsonBody } from '../http/body.js';
import { sendJson } from '../http/respond.js';
import { idSegment, type RequestContext, type Router } from '../http/router.js';
import { checkCsrf, requireApi, type AuthDeps } from '../moderation/http-auth.js';
import type { ModerationRepository } from '../moderation/repository.js';
import type { ForwardingRepository, ForwardState } from './repository.js';
import { sendInvalid, sendNotFound } from '../moderation/responses.js';
import { resolveForward } from './resolve.js';

/**
 * Moderators' view of forwarding (role moderator or above):
 * - GET /api/forwarding?state=pending|sending|forwarded|dead|unknown|held → { items: ForwardRow[] }
 * - GET /api/forwarding/{submissionId} → the row (404 when it was never queued)
 * - POST /api/forwarding/{submissionId}/resolve, for a dead or unknown row, once the docket was checked:
 *   { "trackingNumber": "…" } (it is there) or { "retry": true } (it is not: post it again).
 */
const STATES: readonly ForwardState[] = ['pending', 'sending', 'forwarded', 'dead', 'unknown', 'held'];
const ROW_PATH = new RegExp(`^/api/forwarding/${idSegment()}$`);
const RESOLVE_PATH = new RegExp(`^/api/forwarding/${idSegment()}/resolve$`);

export function mountForwardingApi(router: Router, deps: { auth: AuthDeps; outbox: ForwardingRepository; audit: ModerationRepository['audit']; nowMs: () => number; wake: () => void }): void {
  const invalid = (ctx: RequestContext, reason: string) => sendInvalid(ctx, [reason]);
  const notFound = (ctx: RequestContext) => sendNotFound(ctx);

  router.add('GET', '/api/forwarding', async (ctx) => {
    if (!(await requireApi(ctx, deps.auth, 'moderator'))) return;
    const state = ctx.url.searchParams.get('state') ?? undefined;
    if (state !== undefined && !(STATES as readonly string[]).includes(state)) return invalid(ctx, `state must be one of ${STATES.join(', ')}`);
    sendJson(ctx.res, 200, { items: await deps.outbox.list({ ...(state ? { state: state as ForwardState } : {}), limit: 500 }) });
  });

  router.add('GET', ROW_PATH, async (ctx) => {
    if (!(await requireApi(ctx, deps.auth, 'moderator'))) return;
    const row = await deps.outbox.get(ctx.params.id ?? '');
    if (!row) return notFound(ctx);
    sendJson(ctx.res, 200, row);
  });

  router.add('POST', RESOLVE_PATH, async (ctx) => {
    const caller = await requireApi(ctx, deps.auth, 'moderator');
    if (!caller || !checkCsrf(ctx, caller, ctx.req.headers['x-csrf-token'], true)) return;
    const body = (await readJsonBody(ctx.req, 16 * 1024)) as { trackingNumber?: unknown; retry?: unknown } | null;
    const outcome = await resolveForward(deps, caller.actor, ctx.params.id ?? '', body ?? {});
    if (outcome.ok) return sendJson(ctx.res, 200, outcome.row);
    if (outcome.reason === 'not-found') return notFound(ctx);
    if (outcome.reason === 'not-resolvable') return invalid(ctx, `only a dead or unknown forward can be resolved; this one is ${outcome.state}`);
    return invalid(ctx, 'send { "trackingNumber": "…" } (found on the docket) or { "retry": true } (not on the docket)');
  });
}
