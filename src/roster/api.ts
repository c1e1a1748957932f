import { readJsonBody } from '../http/body.js';
import { sendJson } from '../http/respond.js';
import type { RequestContext, Router } from '../http/router.js';
import { isAppError } from '../errors.js';
import { checkCsrf, requireApi, type AuthDeps, type Caller } from '../moderation/http-auth.js';
import { hasRole } from '../moderation/roles.js';
import type { ModerationRepository } from '../moderation/repository.js';
import type { ReminderService } from '../reminders/service.js';
import { checkRows, MAX_ROSTER_ROWS, type SlackEmailLookup } from './import.js';
import type { RosterRepository } from './repository.js';
import { sendInvalid, sendNotFound } from '../moderation/responses.js';

/**
 * The staff's JSON API (role `staff` or above; Bearer token, or the dashboard cookie + CSRF token):
 * - POST /api/roster { partners: [...] } → { imported, errors: [{ index, message }] }
 * - GET /api/roster?limit&offset → { partners, progress, sends } (contact emails for admins only)
 * - POST /api/roster/invite { partnerIds?: string[], all?: true, message? } → 202 { id, queued }
 * - GET /api/reminders/plan, PUT /api/reminders/plan (the plan) → the plan
 * - POST /api/reminders/send { audience, message? } → 202 { id }
 * - GET /api/reminders/{id} → { queued, sent, failed, skipped, unknown, done }
 * Bad input is a 400 { error: { code: INVALID_PARAMETERS, message, details: [reason] } }; every change is audited
 * (counts and ids, never contact details).
 */
const BODY_LIMIT_BYTES = 4 * 1024 * 1024;
const SEND_PATH = /^\/api\/reminders\/(?<id>[A-Za-z0-9_:.-]{1,100})$/;

export interface RosterApiDeps {
  auth: AuthDeps;
  audit: ModerationRepository['audit'];
  roster: RosterRepository;
  reminders: ReminderService;
  lookupSlackEmail: SlackEmailLookup | null;
}

/** A 400 as the moderation API answers it: the message from the catalog, the reason (English) in details. */
function invalid(ctx: RequestContext, reason: string): void {
  sendInvalid(ctx, [reason]);
}

async function staffCaller(ctx: RequestContext, deps: RosterApiDeps, changes: boolean): Promise<Caller | null> {
  const caller = await requireApi(ctx, deps.auth, 'staff');
  if (!caller) return null;
  if (changes && !checkCsrf(ctx, caller, ctx.req.headers['x-csrf-token'], true)) return null;
  return caller;
}

/** Runs a service call; its INVALID_PARAMETERS errors become a 400 with the reason. */
async function orInvalid<T>(ctx: RequestContext, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    if (isAppError(error) && error.code === 'INVALID_PARAMETERS') {
      invalid(ctx, error.message);
      return undefined;
    }
    throw error;
  }
}

export function mountRosterApi(router: Router, deps: RosterApiDeps): void {
  router.add('POST', '/api/roster', async (ctx) => {
    const caller = await staffCaller(ctx, deps, true);
    if (!caller) return;
    const body = (await readJsonBody(ctx.req, BODY_LIMIT_BYTES)) as { partners?: unknown } | null;
    const rows = body?.partners;
    if (!Array.isArray(rows)) return invalid(ctx, 'Send { "partners": [ … ] }: a list of partners to import.');
    if (rows.length > MAX_ROSTER_ROWS) return invalid(ctx, `At most ${MAX_ROSTER_ROWS} partners per request.`);
    const { candidates, errors } = await checkRows(rows, deps.lookupSlackEmail);
    const { created, updated } = await deps.roster.importPartners(candidates);
    await deps.audit(caller.actor, 'roster-import', null, { rows: rows.length, created, updated, errors: errors.length });
    sendJson(ctx.res, 200, { imported: candidates.length, created, updated, errors });
  });

  router.add('GET', '/api/roster', async (ctx) => {
    const caller = await staffCaller(ctx, deps, false);
    if (!caller) return;
    const limit = Number(ctx.url.searchParams.get('limit') ?? 200);
    const offset = Number(ctx.url.searchParams.get('offset') ?? 0);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000 || !Number.isInteger(offset) || offset < 0) {
      return invalid(ctx, 'limit must be 1 to 1000 and offset 0 or more.');
    }
    const [partners, summary] = await Promise.all([deps.roster.listPartners({ limit, offset }), deps.reminders.summary()]);
    // Contact emails (web chat "remind me") are for admins only, as in moderation.
    const shown = hasRole(caller.actor.role, 'admin') ? partners : partners.map((partner) => ({ ...partner, email: null }));
    sendJson(ctx.res, 200, { partners: shown, progress: summary.progress, sends: summary.sends });
  });

  router.add('POST', '/api/roster/invite', async (ctx) => {
    const caller = await staffCaller(ctx, deps, true);
    if (!caller) return;
    const body = (await readJsonBody(ctx.req, 1024 * 1024)) as { partnerIds?: unknown; all?: unknown; message?: unknown } | null;
    const ids = body?.partnerIds;
    const all = body?.all === true;
    if (!all && !(Array.isArray(ids) && ids.length > 0 && ids.every((id) => typeof id === 'string'))) {
      return invalid(ctx, 'Send { "all": true } or { "partnerIds": ["…"] } (ids from GET /api/roster).');
    }
    const result = await orInvalid(ctx, () => deps.reminders.invite({ partnerIds: all ? 'all' : (ids as string[]), message: body?.message, by: caller.actor.name }));
    if (!result) return;
    await deps.audit(caller.actor, 'roster-invite', null, { sendId: result.id, queued: result.queued });
    sendJson(ctx.res, 202, result);
  });

  router.add('GET', '/api/reminders/plan', async (ctx) => {
    if (!(await staffCaller(ctx, deps, false))) return;
    sendJson(ctx.res, 200, await deps.reminders.plan());
  });

  router.add('PUT', '/api/reminders/plan', async (ctx) => {
    const caller = await staffCaller(ctx, deps, true);
    if (!caller) return;
    const body = await readJsonBody(ctx.req, 64 * 1024);
    const plan = await orInvalid(ctx, () => deps.reminders.setPlan(body, caller.actor.name));
    if (!plan) return;
    await deps.audit(caller.actor, 'reminder-plan-changed', null, { plan });
    sendJson(ctx.res, 200, plan);
  });

  router.add('POST', '/api/reminders/send', async (ctx) => {
    const caller = await staffCaller(ctx, deps, true);
    if (!caller) return;
    const body = (await readJsonBody(ctx.req, 64 * 1024)) as { audience?: unknown; message?: unknown } | null;
    const result = await orInvalid(ctx, () => deps.reminders.sendNow({ audience: body?.audience, message: body?.message, by: caller.actor.name }));
    if (!result) return;
    await deps.audit(caller.actor, 'reminder-send', null, { sendId: result.id, audience: body?.audience, queued: result.queued });
    sendJson(ctx.res, 202, { id: result.id, queued: result.queued });
  });

  router.add('GET', SEND_PATH, async (ctx) => {
    if (!(await staffCaller(ctx, deps, false))) return;
    const progress = await deps.reminders.progress(ctx.params.id ?? '');
    if (!progress) return sendNotFound(ctx, 'errNoSuchSend');
    sendJson(ctx.res, 200, progress);
  });
}
