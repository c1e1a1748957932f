import { randomUUID } from 'node:crypto';
import { isAppError } from '../errors.js';
import { readBody } from '../http/body.js';
import { boundaryOf, parseMultipart } from '../http/multipart.js';
import type { RequestContext, Router } from '../http/router.js';
import { MAX_CSV_BYTES } from '../roster/import.js';
import { importRosterCsv, sendInvitations, sendReminder } from '../roster/staff-actions.js';
import type { StaffPages } from './context.js';
import { checkCsrf, redirect, type Caller } from './http-auth.js';
import { m } from './messages.js';
import type { ModerationRepository } from './repository.js';
import type { SafeHtml } from './pages/html.js';
import { importReportBody, previewBody, previewProblemBody } from './pages/roster-send.js';
import { ROSTER_NOTICES, rosterBody } from './pages/roster.js';
import type { Role } from './roles.js';

/**
 * The roster page's routes (role `staff`). Every form that changes something answers POST → 303 → GET,
 * so a browser refresh never repeats it; a send also carries a one-time token (the send's id), so a
 * POST made again (back button, double click) sends nothing twice. Nothing is sent without a preview:
 * the send forms are GETs of /moderate/roster/preview, whose confirm button is the only POST that sends.
 */
export interface RosterPageUi {
  requirePage(ctx: RequestContext, role: Role): Promise<Caller | null>;
  page(ctx: RequestContext, caller: Caller, title: string, body: SafeHtml, status?: number): void;
  readForm(ctx: RequestContext): Promise<URLSearchParams>;
}

const IMPORT_PATH = /^\/moderate\/roster\/imports\/(?<id>[0-9a-f-]{36})$/;

/** "14, 7, 2" → [14, 7, 2]; anything else is left for the plan's own checks to explain. */
function planFromForm(form: URLSearchParams): unknown {
  const number = (name: string) => {
    const raw = (form.get(name) ?? '').trim();
    return raw === '' ? raw : Number(raw);
  };
  return {
    daysBefore: (form.get('daysBefore') ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => (/^-?\d+$/.test(part) ? Number(part) : part)),
    localHour: number('localHour'),
    quietHours: { start: number('quietStart'), end: number('quietEnd') },
    weekends: form.get('weekends') === '1',
  };
}

export function mountRosterPages(router: Router, deps: { staff: StaffPages; audit: ModerationRepository['audit']; ui: RosterPageUi; timeZone: string }): void {
  const { staff, ui } = deps;
  const actions = { audit: deps.audit, roster: staff.roster, reminders: staff.reminders, lookupSlackEmail: staff.lookupSlackEmail };

  const rosterPage = async (ctx: RequestContext, caller: Caller, options: { notice?: string | null; problem?: string | null; status?: number } = {}) => {
    const [summary, partners, visitors, plan] = await Promise.all([
      staff.reminders.summary(),
      staff.roster.listPartners({ limit: 500, offset: 0, excludeAnonymousVisitors: true }),
      staff.roster.visitorCounts(),
      staff.reminders.plan(),
    ]);
    const view = {
      ...summary,
      partners,
      visitors,
      plan,
      channels: staff.reminders.channels,
      minGapMs: staff.reminders.minGapMs,
      csrfToken: caller.csrfToken,
      notice: options.notice ?? null,
      problem: options.problem ?? null,
      timeZone: deps.timeZone,
    };
    ui.page(ctx, caller, m(ctx.language).navRoster, rosterBody(ctx.language, view), options.status ?? 200);
  };

  router.add('GET', '/moderate/roster', async (ctx) => {
    const caller = await ui.requirePage(ctx, 'staff');
    if (!caller) return;
    const key = ROSTER_NOTICES[ctx.url.searchParams.get('notice') ?? ''];
    await rosterPage(ctx, caller, { notice: key ? m(ctx.language)[key] : null });
  });

  router.add('GET', '/moderate/roster/preview', async (ctx) => {
    const caller = await ui.requirePage(ctx, 'staff');
    if (!caller) return;
    const t = m(ctx.language);
    const params = ctx.url.searchParams;
    const kind = params.get('kind') === 'invite' ? 'invite' : 'reminder';
    const message = (params.get('message') ?? '').trim();
    const title = kind === 'invite' ? t.previewTitleInvite : t.previewTitleReminder;
    try {
      const preview = await staff.reminders.preview({ kind, audience: params.get('audience'), ...(message ? { message } : {}), language: ctx.language });
      ui.page(ctx, caller, title, previewBody(ctx.language, { preview, message, token: randomUUID(), csrfToken: caller.csrfToken }));
    } catch (error) {
      if (!(isAppError(error) && error.code === 'INVALID_PARAMETERS')) throw error;
      ui.page(ctx, caller, title, previewProblemBody(ctx.language, error.message), 400);
    }
  });

  router.add('POST', '/moderate/roster/send', async (ctx) => {
    const caller = await ui.requirePage(ctx, 'staff');
    if (!caller) return;
    const form = await ui.readForm(ctx);
    if (!checkCsrf(ctx, caller, form.get('_csrf'), false)) return;
    const message = (form.get('message') ?? '').trim();
    const id = form.get('token') ?? '';
    const result =
      form.get('kind') === 'invite'
        ? await sendInvitations(actions, caller, { partnerIds: 'all', ...(message ? { message } : {}), id })
        : await sendReminder(actions, caller, { audience: form.get('audience'), ...(message ? { message } : {}), overrideCap: form.get('overrideCap') === '1', id });
    const notice = !result.ok ? 'refused' : result.sent.duplicate ? 'duplicate' : result.sent.queued === 0 ? 'nothing' : 'queued';
    redirect(ctx.res, `/moderate/roster?notice=${notice}`);
  });

  router.add('POST', '/moderate/roster/plan', async (ctx) => {
    const caller = await ui.requirePage(ctx, 'staff');
    if (!caller) return;
    const form = await ui.readForm(ctx);
    if (!checkCsrf(ctx, caller, form.get('_csrf'), false)) return;
    try {
      const plan = await staff.reminders.setPlan(planFromForm(form), caller.actor.name);
      await deps.audit(caller.actor, 'reminder-plan-changed', null, { plan });
    } catch (error) {
      if (!(isAppError(error) && error.code === 'INVALID_PARAMETERS')) throw error;
      // Nothing changed, so showing the problem on this response is safe to refresh.
      return rosterPage(ctx, caller, { problem: `${m(ctx.language).planInvalid} ${error.message}`, status: 400 });
    }
    redirect(ctx.res, '/moderate/roster?notice=plan-saved');
  });

  router.add('POST', '/moderate/roster/import', async (ctx) => {
    const caller = await ui.requirePage(ctx, 'staff');
    if (!caller) return;
    let body: Buffer;
    try {
      // Room for the form's own framing around the largest file accepted.
      body = await readBody(ctx.req, MAX_CSV_BYTES + 64 * 1024);
    } catch (error) {
      if (!(isAppError(error) && error.code === 'BODY_TOO_LARGE')) throw error;
      return redirect(ctx.res, '/moderate/roster?notice=csv-too-large');
    }
    const boundary = boundaryOf(ctx.req.headers['content-type']);
    const parts = boundary ? parseMultipart(body, boundary) : null;
    if (!checkCsrf(ctx, caller, parts?.get('_csrf')?.data.toString('utf8'), false)) return;
    const file = parts?.get('file');
    if (!file || file.data.length === 0) return redirect(ctx.res, '/moderate/roster?notice=csv-no-file');
    if (file.data.length > MAX_CSV_BYTES) return redirect(ctx.res, '/moderate/roster?notice=csv-too-large');
    const result = await importRosterCsv(actions, caller, file.data.toString('utf8'));
    const report = result.ok ? result.report : { imported: 0, created: 0, updated: 0, errors: [{ line: 1, message: result.problem }] };
    const id = randomUUID();
    await staff.roster.saveImportReport(id, caller.actor.name, report);
    redirect(ctx.res, `/moderate/roster/imports/${id}`);
  });

  router.add('GET', IMPORT_PATH, async (ctx) => {
    const caller = await ui.requirePage(ctx, 'staff');
    if (!caller) return;
    const t = m(ctx.language);
    const report = await staff.roster.importReport(ctx.params.id ?? '');
    if (!report) return ui.page(ctx, caller, t.importTitle, previewProblemBody(ctx.language, t.importNotFound), 404);
    ui.page(ctx, caller, t.importTitle, importReportBody(ctx.language, report));
  });
}
