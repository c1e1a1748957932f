import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { readBody } from '../http/body.js';
import { idSegment, type RequestContext, type Router } from '../http/router.js';
import { exportsOnlyCleared, mayUseFilters } from './api.js';
import { COMMITTEE_IDS, isFlag } from './committees.js';
import { parseOptions, type ModerationContext } from './context.js';
import { cursorForSort, parseCursor, parseFilters, parseSort } from './filters.js';
import { checkCsrf, identify, redirect, refuseWhileBlocked, sameOrigin, sendText, sessionCookie, readCookie, type Caller } from './http-auth.js';
import { isRateLimitedError } from '../http/rate-limit.js';
import { mountTokenPages } from './tokens-page.js';
import { m } from './messages.js';
import { auditBody, listBody, listQuery, loginBody, overviewBody, questionBody, submissionBody, submissionNav } from './pages/views.js';
import type { ForwardRow } from '../forwarding/repository.js';
import { layout } from './pages/layout.js';
import { mountRosterPages } from './roster-pages.js';
import { docketLine, FORWARD_STATES, forwardingBody, type DocketSetup, type ForwardDone } from './pages/forwarding.js';
import { doneAnchor, doneCode, isOrganizationTarget, parseDone, type Done } from './pages/confirm.js';
import { resolveForward } from '../forwarding/resolve.js';
import type { ForwardingRepository } from '../forwarding/repository.js';
import { html, type SafeHtml } from './pages/html.js';
import { submissionHref } from './pages/links.js';
import { hasRole, type Role } from './roles.js';
import { SESSION_COOKIE } from './sessions.js';

/**
 * Server-rendered dashboard pages under /moderate. Pages without a valid session redirect to the login
 * page (303); a role too low gets a 403 page. State changes are POST forms carrying the session's CSRF
 * token, answered with a redirect back (post/redirect/get).
 */
const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const STATIC: Record<string, string> = { 'moderate.css': 'text/css; charset=utf-8', 'moderate.js': 'text/javascript; charset=utf-8' };
const FORM_LIMIT_BYTES = 512 * 1024;
const PAGE_SIZE = 50;
const ID = idSegment();

export function mountDashboard(router: Router, mc: ModerationContext): void {
  const options = parseOptions(mc.flow);
  const docketSetup: DocketSetup = { configured: mc.forwardingConfigured ?? false, mode: mc.forwardMode };

  const send = (ctx: RequestContext, status: number, page: SafeHtml, headers: Record<string, string | string[]> = {}) => {
    const body = page.value;
    ctx.res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body), ...headers });
    ctx.res.end(body);
  };

  /** Page guard: the caller, or null after sending a redirect to login / a 403 page. */
  const requirePage = async (ctx: RequestContext, role: Role): Promise<Caller | null> => {
    const caller = await identify(ctx.req, mc.auth);
    if (!caller) {
      redirect(ctx.res, `/moderate/login?next=${encodeURIComponent(ctx.url.pathname + ctx.url.search)}`);
      return null;
    }
    if (!hasRole(caller.actor.role, role)) {
      const t = m(ctx.language);
      send(ctx, 403, layout({ language: ctx.language, title: t.forbidden, actor: caller.actor, ...csrf(caller), body: layoutMessage(t.forbidden) }));
      return null;
    }
    return caller;
  };
  const csrf = (caller: Caller) => (caller.csrfToken === undefined ? {} : { csrfToken: caller.csrfToken });
  const page = (ctx: RequestContext, caller: Caller, title: string, body: SafeHtml, status = 200) =>
    send(ctx, status, layout({ language: ctx.language, title, actor: caller.actor, ...csrf(caller), body }));
  const readForm = async (ctx: RequestContext) => new URLSearchParams((await readBody(ctx.req, FORM_LIMIT_BYTES)).toString('utf8'));

  for (const name of Object.keys(STATIC)) {
    router.add('GET', `/moderate/static/${name}`, async ({ res }) => {
      const body = await readFile(`${PUBLIC_DIR}${name}`);
      res.writeHead(200, { 'content-type': STATIC[name] as string, 'content-length': body.length, 'cache-control': 'public, max-age=300' });
      res.end(body);
    });
  }

  router.add('GET', '/moderate/login', (ctx) => {
    const t = m(ctx.language);
    const next = safeNext(ctx.url.searchParams.get('next'));
    send(ctx, 200, layout({ language: ctx.language, title: t.loginTitle, body: loginBody(ctx.language, ctx.url.searchParams.has('failed'), next) }));
  });

  router.add('POST', '/moderate/login', async (ctx) => {
    if (!sameOrigin(ctx.req)) return sendText(ctx.res, 403, m(ctx.language).errCsrf);
    const form = await readForm(ctx);
    const token = (form.get('token') ?? '').trim();
    const next = safeNext(form.get('next'));
    // Too many failures from this client: refused before the token is even looked at (429 + Retry-After).
    const clientId = mc.auth.guard && mc.auth.clientAddress ? mc.auth.clientAddress(ctx.req) : null;
    if (clientId !== null) {
      try {
        await refuseWhileBlocked(mc.auth, clientId, 'login');
      } catch (error) {
        if (!isRateLimitedError(error)) throw error;
        const t = m(ctx.language);
        const retryAfter = String(Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
        return send(ctx, 429, layout({ language: ctx.language, title: t.loginTitle, body: html`${layoutMessage(t.loginThrottled)}${loginBody(ctx.language, false, next)}` }), { 'retry-after': retryAfter });
      }
    }
    const actor = token.length >= 16 && token.length <= 400 ? await mc.repo.findActorByToken(token, mc.auth.nowMs()) : null;
    if (!actor && clientId !== null) await mc.auth.guard?.failed(clientId, 'login');
    if (!actor) return redirect(ctx.res, `/moderate/login?failed=1&next=${encodeURIComponent(next)}`);
    const session = await mc.repo.openSession(actor, mc.auth.nowMs());
    await mc.repo.audit(actor, 'login', null, {});
    redirect(ctx.res, next, { 'set-cookie': sessionCookie(session.sessionId, mc.auth.secureCookies) });
  });

  router.add('POST', '/moderate/logout', async (ctx) => {
    const caller = await identify(ctx.req, mc.auth);
    const form = await readForm(ctx);
    if (caller && !checkCsrf(ctx, caller, form.get('_csrf'), false)) return;
    const sessionId = readCookie(ctx.req, SESSION_COOKIE);
    if (sessionId) await mc.repo.closeSession(sessionId);
    redirect(ctx.res, '/moderate/login', { 'set-cookie': sessionCookie('', mc.auth.secureCookies, 0) });
  });

  router.add('GET', '/moderate', async (ctx) => {
    const caller = await requirePage(ctx, 'staff');
    if (!caller) return;
    const stats = await mc.repo.readStats();
    page(ctx, caller, m(ctx.language).overviewTitle, overviewBody(ctx.language, stats, mc.flow, mc.deadlineAt));
  });

  if (mc.staff) mountRosterPages(router, { staff: mc.staff, audit: mc.repo.audit, ui: { requirePage, page, readForm }, timeZone: mc.flow.timeZone });

  router.add('GET', '/moderate/submissions', async (ctx) => {
    const caller = await requirePage(ctx, 'moderator');
    if (!caller) return;
    const t = m(ctx.language);
    const filters = parseFilters(ctx.url.searchParams, options);
    const sort = parseSort(ctx.url.searchParams);
    const cursor = cursorForSort(parseCursor(ctx.url.searchParams), sort.ok ? sort.value : 'newest');
    if (!filters.ok || !cursor.ok || !sort.ok) {
      const problems = [filters, cursor, sort].flatMap((p) => (p.ok ? [] : p.problems));
      return page(ctx, caller, t.navSubmissions, layoutMessage(`${t.errInvalid} ${problems.join('; ')}`), 400);
    }
    if (!mayUseFilters(caller, filters.value)) return page(ctx, caller, t.forbidden, layoutMessage(t.errSearchOriginalAdmin), 403);
    const onlyClearedByDefault = exportsOnlyCleared('regulations', mc.forwardMode, false);
    const [result, docket] = await Promise.all([
      mc.repo.listSubmissions(filters.value, { limit: PAGE_SIZE, cursor: cursor.value, excludeQuarantined: false, sort: sort.value }),
      mc.repo.countForExport(filters.value, { onlyCleared: onlyClearedByDefault }),
    ]);
    const forwardingRepo = mc.forwarding;
    const docketStates = forwardingRepo
      ? new Map<string, ForwardRow | null>(await Promise.all(result.items.map(async (s) => [s.id, await forwardingRepo.get(s.id)] as const)))
      : null;
    // CSV and JSONL leave out the same quarantined submissions and no unreviewed ones: one count serves both.
    const working = { ...docket, unreviewed: 0 };
    await mc.repo.audit(caller.actor, 'list-submissions', null, { filters: filters.value, count: result.items.length, ids: result.items.map((s) => s.id) });
    const exports = { working, docket, onlyClearedByDefault, isAdmin: hasRole(caller.actor.role, 'admin') };
    // The export count's `matching` is the list's total: same filters, nothing left out (one count, not two).
    const view = { total: docket.matching, sort: sort.value, docket: docketStates, timeZone: mc.flow.timeZone };
    page(ctx, caller, t.navSubmissions, listBody(ctx.language, mc.flow, filters.value, ctx.url.searchParams, result.items, result.nextCursor, exports, view));
  });

  /**
   * Previous / next on a submission page (issue 20 item 4): the page carries the list's query string
   * (filters and sort), so the neighbours are those of that list. A query that does not parse, or that
   * this role may not use, gives no navigation rather than an error: the submission itself still shows.
   */
  const listNavigation = async (ctx: RequestContext, caller: Caller, id: string): Promise<SafeHtml> => {
    const filters = parseFilters(ctx.url.searchParams, options);
    const sort = parseSort(ctx.url.searchParams);
    if (!filters.ok || !sort.ok || !mayUseFilters(caller, filters.value)) return html``;
    const around = await mc.repo.neighbours(id, filters.value, sort.value);
    return submissionNav(ctx.language, listQuery(ctx.url.searchParams), around);
  };

  router.add('GET', new RegExp(`^/moderate/submissions/${ID}$`), async (ctx) => {
    const caller = await requirePage(ctx, 'moderator');
    if (!caller) return;
    const id = ctx.params.id ?? '';
    const withContact = hasRole(caller.actor.role, 'admin');
    const submission = await mc.repo.getSubmission(id, withContact);
    const t = m(ctx.language);
    if (!submission) return page(ctx, caller, t.notFound, layoutMessage(t.notFound), 404);
    await mc.repo.audit(caller.actor, 'view-submission', id, { contact: withContact });
    const row = mc.forwarding ? await mc.forwarding.get(submission.id) : null;
    const docket = docketLine(ctx.language, docketSetup, submission.flags, row);
    const done = parseDone(ctx.url.searchParams.get('done'), mc.flow.questions.length);
    const nav = await listNavigation(ctx, caller, id);
    page(ctx, caller, `${t.submission} ${submission.receipt}`, html`${nav}${docket}${submissionBody(ctx.language, mc.flow, submission, caller.csrfToken, done)}`);
  });

  router.add('POST', new RegExp(`^/moderate/submissions/${ID}/(?<kind>flags|committees|redactions)$`), async (ctx) => {
    const caller = await requirePage(ctx, 'moderator');
    if (!caller) return;
    const form = await readForm(ctx);
    if (!checkCsrf(ctx, caller, form.get('_csrf'), false)) return;
    const id = ctx.params.id ?? '';
    const on = form.get('do') === 'set' || form.get('do') === 'save';
    const t = m(ctx.language);
    let found = true;
    let done: Done;
    if (ctx.params.kind === 'flags') {
      const flag = form.get('flag');
      if (!isFlag(flag)) return sendText(ctx.res, 400, t.errInvalid);
      found = await mc.repo.setFlag(id, flag, on, caller.actor.tokenId);
      if (found) await mc.repo.audit(caller.actor, on ? 'flag-set' : 'flag-cleared', id, { flag });
      done = { kind: 'flag', on, flag };
    } else if (ctx.params.kind === 'committees') {
      const committee = form.get('committee') ?? '';
      if (!COMMITTEE_IDS.includes(committee)) return sendText(ctx.res, 400, t.errInvalid);
      found = await mc.repo.setCommittee(id, committee, on, caller.actor.tokenId);
      if (found) await mc.repo.audit(caller.actor, on ? 'committee-set' : 'committee-cleared', id, { committee });
      done = { kind: 'committee', on, committee };
    } else {
      const questionId = form.get('questionId') ?? '';
      const text = on ? (form.get('text') ?? '') : null;
      const outcome = await mc.repo.setRedaction(id, questionId, text, caller.actor.tokenId);
      if (outcome === 'no-answer') return sendText(ctx.res, 400, t.errInvalid);
      found = outcome === 'ok';
      if (found) await mc.repo.audit(caller.actor, on ? 'redaction-saved' : 'redaction-removed', id, { questionId });
      const index = mc.flow.questions.findIndex((q) => q.id === questionId);
      done = { kind: 'redaction', on, target: isOrganizationTarget(questionId) || index < 0 ? 'organization' : index + 1 };
    }
    if (!found) return page(ctx, caller, t.notFound, layoutMessage(t.notFound), 404);
    // Back to the same section, with the confirmation named by a fixed code (never the form's text).
    redirect(ctx.res, submissionHref(id, `?done=${doneCode(done)}#${doneAnchor(done)}`));
  });

  router.add('GET', /^\/moderate\/questions\/(?<n>\d{1,2})$/, async (ctx) => {
    const caller = await requirePage(ctx, 'moderator');
    if (!caller) return;
    const t = m(ctx.language);
    const index = Number(ctx.params.n);
    const params = new URLSearchParams(ctx.url.searchParams);
    params.set('question', String(index));
    const filters = parseFilters(params, options);
    const cursor = parseCursor(params);
    if (!filters.ok || !cursor.ok) return page(ctx, caller, t.navQuestions, layoutMessage(t.errInvalid), 400);
    if (!mayUseFilters(caller, filters.value)) return page(ctx, caller, t.forbidden, layoutMessage(t.errSearchOriginalAdmin), 403);
    const result = await mc.repo.listSubmissions(filters.value, { limit: PAGE_SIZE, cursor: cursor.value, excludeQuarantined: false });
    await mc.repo.audit(caller.actor, 'read-question', null, { question: index, count: result.items.length, ids: result.items.map((s) => s.id) });
    const nextUrl = result.nextCursor ? `/moderate/questions/${index}?cursor=${encodeURIComponent(result.nextCursor)}` : null;
    page(ctx, caller, `${t.answersTo} ${index}`, questionBody(ctx.language, mc.flow, index, result.items, nextUrl));
  });

  const forwarding = mc.forwarding;
  if (forwarding) {
    router.add('GET', '/moderate/forwarding', async (ctx) => {
      const caller = await requirePage(ctx, 'moderator');
      if (!caller) return;
      const raw = ctx.url.searchParams.get('state') ?? undefined;
      const state = FORWARD_STATES.find((s) => s === raw);
      const rows = await forwarding.list({ ...(state ? { state } : {}), limit: 500 });
      const done = await forwardDone(ctx.url.searchParams, forwarding);
      page(ctx, caller, m(ctx.language).forwardTitle, forwardingBody(ctx.language, rows, state, caller.csrfToken, done, mc.flow.timeZone));
    });

    // The Docket page's buttons: the same checks and audit as POST /api/forwarding/{id}/resolve, as a form.
    router.add('POST', new RegExp(`^/moderate/forwarding/${ID}/resolve$`), async (ctx) => {
      const caller = await requirePage(ctx, 'moderator');
      if (!caller) return;
      const form = await readForm(ctx);
      if (!checkCsrf(ctx, caller, form.get('_csrf'), false)) return;
      const id = ctx.params.id ?? '';
      const tracking = (form.get('trackingNumber') ?? '').trim();
      const retry = form.get('retry') === '1';
      const deps = { outbox: forwarding, audit: mc.repo.audit, nowMs: mc.auth.nowMs, wake: mc.wakeForwarding ?? (() => undefined) };
      const outcome = await resolveForward(deps, caller.actor, id, retry ? { retry: true } : { trackingNumber: tracking });
      if (!outcome.ok && outcome.reason === 'not-found') return page(ctx, caller, m(ctx.language).notFound, layoutMessage(m(ctx.language).notFound), 404);
      const code = outcome.ok ? (retry ? 'forward-retry' : 'forward-tracking') : outcome.reason === 'not-resolvable' ? `forward-not-resolvable.${outcome.state}` : 'forward-bad-tracking';
      const state = FORWARD_STATES.find((s) => s === form.get('state'));
      const query = new URLSearchParams({ ...(state ? { state } : {}), done: code, of: id });
      redirect(ctx.res, `/moderate/forwarding?${query.toString()}`);
    });
  }

  mountTokenPages(router, mc, { requirePage, page, readForm });

  router.add('GET', '/moderate/audit', async (ctx) => {
    const caller = await requirePage(ctx, 'admin');
    if (!caller) return;
    const before = Number(ctx.url.searchParams.get('before') ?? '');
    const entries = await mc.repo.listAudit({ limit: 100, ...(Number.isInteger(before) && before > 0 ? { beforeId: before } : {}) });
    const last = entries[entries.length - 1];
    const olderUrl = entries.length === 100 && last ? `/moderate/audit?before=${last.id}` : null;
    page(ctx, caller, m(ctx.language).auditTitle, auditBody(ctx.language, mc.flow, entries, olderUrl));
  });
}

/** Only dashboard paths are valid targets after login (no open redirect). */
function safeNext(value: string | null): string {
  return value !== null && /^\/moderate(\/|\?|$)/.test(value) && !value.startsWith('//') ? value : '/moderate';
}

/** The Docket page's confirmation, from a fixed code; the tracking number is read back from the outbox, not the URL. */
async function forwardDone(params: URLSearchParams, outbox: ForwardingRepository): Promise<ForwardDone | null> {
  const done = params.get('done');
  if (done === 'forward-retry') return { kind: 'retry' };
  if (done === 'forward-bad-tracking') return { kind: 'bad-tracking' };
  if (done === 'forward-tracking') {
    const of = params.get('of');
    return { kind: 'tracking', row: of ? await outbox.get(of) : null };
  }
  const state = FORWARD_STATES.find((s) => done === `forward-not-resolvable.${s}`);
  return state ? { kind: 'not-resolvable', state } : null;
}

function layoutMessage(text: string): SafeHtml {
  return html`<p class="error" role="alert">${text}</p>`;
}
