import { readBody, readJsonBody } from '../http/body.js';
import { sendJson } from '../http/respond.js';
import type { RequestContext, Router } from '../http/router.js';
import { isAppError } from '../errors.js';
import { checkCsrf, requireApi, type AuthDeps, type Caller } from '../moderation/http-auth.js';
import { hasRole } from '../moderation/roles.js';
import type { ModerationRepository } from '../moderation/repository.js';
import type { ReminderService } from '../reminders/service.js';
import { m } from '../moderation/messages.js';
import { checkRows, MAX_CSV_BYTES, MAX_ROSTER_ROWS, type SlackEmailLookup } from './import.js';
import { importRosterCsv, sendInvitations, sendReminder } from './staff-actions.js';
import type { RosterRepository } from './repository.js';
import { sendInvalid, sendNotFound } from '../moderation/responses.js';

/**
 * The staff's JSON API (role `staff` or above; Bearer token, or the dashboard cookie + CSRF token):
 * - POST /api/roster { partners: [...] } → { imported, errors: [{ index, message }] }
 * - POST /api/roster/import (a text/csv body, at most 4 MiB) → { imported, created, updated, errors: [{ line, message }] }
 * - GET /api/roster?limit&offset → { partners, progress, sends } (contact emails for admins only)
 * - POST /api/roster/invite { partnerIds?: string[], all?: true, message?, id? } → 202 { id, queued, duplicate }
 * - GET /api/reminders/plan, PUT /api/reminders/plan (the plan) → the plan
 * - POST /api/reminders/preview { kind: "reminder" | "invite", audience?, message?, overrideCap? } → the preview
 *   (reach by channel, who cannot be reached and why, the message); nothing is sent
 * - POST /api/reminders/send { audience, message?, overrideCap?, id? } → 202 { id, queued, duplicate }; `id` (a
 *   UUID) makes the request idempotent; `overrideCap: true` sends within the frequency cap and is audited
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

  router.add('POST', '/api/roster/import', async (ctx) => {
    const caller = await staffCaller(ctx, deps, true);
    if (!caller) return;
    const type = String(ctx.req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'text/csv') {
      ctx.req.resume();
      return invalid(ctx, 'Send the CSV file itself as the body, with Content-Type: text/csv.');
    }
    const text = await readCsvBody(ctx);
    if (text === null) return;
    const result = await importRosterCsv(deps, caller, text);
    if (!result.ok) return invalid(ctx, result.problem);
    sendJson(ctx.res, 200, result.report);
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
    const body = (await readJsonBody(ctx.req, 1024 * 1024)) as { partnerIds?: unknown; all?: unknown; message?: unknown; id?: unknown } | null;
    const ids = body?.partnerIds;
    const all = body?.all === true;
    if (!all && !(Array.isArray(ids) && ids.length > 0 && ids.every((id) => typeof id === 'string'))) {
      return invalid(ctx, 'Send { "all": true } or { "partnerIds": ["…"] } (ids from GET /api/roster).');
    }
    const result = await sendInvitations(deps, caller, { partnerIds: all ? 'all' : (ids as string[]), message: body?.message, ...optionalId(body) });
    if (!result.ok) return invalid(ctx, result.problem);
    sendJson(ctx.res, 202, result.sent);
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

  router.add('POST', '/api/reminders/preview', async (ctx) => {
    const caller = await staffCaller(ctx, deps, false);
    if (!caller) return;
    const body = (await readJsonBody(ctx.req, 64 * 1024)) as { kind?: unknown; audience?: unknown; message?: unknown; overrideCap?: unknown } | null;
    if (body?.kind !== 'reminder' && body?.kind !== 'invite') return invalid(ctx, 'kind must be reminder or invite');
    const kind = body.kind;
    const preview = await orInvalid(ctx, () =>
      deps.reminders.preview({ kind, audience: body.audience, message: body.message, overrideCap: body.overrideCap === true, language: ctx.language }),
    );
    if (preview) sendJson(ctx.res, 200, preview);
  });

  router.add('POST', '/api/reminders/send', async (ctx) => {
    const caller = await staffCaller(ctx, deps, true);
    if (!caller) return;
    const body = (await readJsonBody(ctx.req, 64 * 1024)) as { audience?: unknown; message?: unknown; overrideCap?: unknown; id?: unknown } | null;
    if (body?.overrideCap !== undefined && typeof body.overrideCap !== 'boolean') return invalid(ctx, 'overrideCap must be true or false');
    const result = await sendReminder(deps, caller, { audience: body?.audience, message: body?.message, overrideCap: body?.overrideCap === true, ...optionalId(body) });
    if (!result.ok) return invalid(ctx, result.problem);
    sendJson(ctx.res, 202, { id: result.sent.id, queued: result.sent.queued, duplicate: result.sent.duplicate });
  });

  router.add('GET', SEND_PATH, async (ctx) => {
    if (!(await staffCaller(ctx, deps, false))) return;
    const progress = await deps.reminders.progress(ctx.params.id ?? '');
    if (!progress) return sendNotFound(ctx, 'errNoSuchSend');
    sendJson(ctx.res, 200, progress);
  });
}

function optionalId(body: { id?: unknown } | null): { id?: string } {
  return typeof body?.id === 'string' ? { id: body.id } : {};
}

/** Reads a CSV body up to MAX_CSV_BYTES; a larger one gets a 413 saying how to fix it, and null. */
async function readCsvBody(ctx: RequestContext): Promise<string | null> {
  try {
    return (await readBody(ctx.req, MAX_CSV_BYTES)).toString('utf8');
  } catch (error) {
    if (!(isAppError(error) && error.code === 'BODY_TOO_LARGE')) throw error;
    sendJson(ctx.res, 413, { error: { code: 'BODY_TOO_LARGE', message: m(ctx.language).csvTooLarge, details: [csvTooLargeDetail()] } });
    return null;
  }
}

export function csvTooLargeDetail(): string {
  return `The file is larger than ${MAX_CSV_BYTES / (1024 * 1024)} MiB: split it into smaller files (at most ${MAX_ROSTER_ROWS} partners each).`;
}
