import { readJsonBody } from '../http/body.js';
import { sendJson } from '../http/respond.js';
import { idSegment, type RequestContext, type Router } from '../http/router.js';
import { COMMITTEE_IDS, isFlag, type Flag } from './committees.js';
import { parseOptions, type ModerationContext } from './context.js';
import { streamExport, type ExportFormat } from './exports.js';
import { cursorForSort, parseCursor, parseFilters, parseLimit, parseSort, parseSwitch, type SubmissionFilters } from './filters.js';
import { checkCsrf, requireApi, type Caller } from './http-auth.js';
import { hasRole } from './roles.js';
import { sendForbidden, sendInvalid, sendNotFound } from './responses.js';
import { ORGANIZATION_FIELD_ID } from '../core/submission.js';

/**
 * The moderation JSON API (the dashboard pages call the same functions). Errors are
 * `{ error: { code, message, details? } }`: 400 INVALID_PARAMETERS (details say how to fix each one),
 * 401 UNAUTHORIZED, 403 FORBIDDEN / CSRF_FAILED, 404 NOT_FOUND.
 */
const BODY_LIMIT_BYTES = 512 * 1024;
// Any id the store holds (e.g. "<hex>.1" after a cancelled draft), percent-encoded in the path.
const SUBMISSION_PATH = new RegExp(`^/api/submissions/${idSegment()}$`);
const FLAGS_PATH = new RegExp(`^/api/submissions/${idSegment()}/flags$`);
const COMMITTEES_PATH = new RegExp(`^/api/submissions/${idSegment()}/committees$`);
const REDACTIONS_PATH = new RegExp(`^/api/submissions/${idSegment()}/redactions$`);

export function mountModerationApi(router: Router, mc: ModerationContext): void {
  const options = parseOptions(mc.flow);


  router.add('GET', '/api/submissions', async (ctx) => {
    const caller = await requireApi(ctx, mc.auth, 'moderator');
    if (!caller) return;
    const filters = parseFilters(ctx.url.searchParams, options);
    const limit = parseLimit(ctx.url.searchParams);
    const sort = parseSort(ctx.url.searchParams);
    const cursor = cursorForSort(parseCursor(ctx.url.searchParams), sort.ok ? sort.value : 'newest');
    const problems = [filters, limit, cursor, sort].flatMap((p) => (p.ok ? [] : p.problems));
    if (!filters.ok || !limit.ok || !cursor.ok || !sort.ok) return sendInvalid(ctx, problems);
    if (!mayUseFilters(caller, filters.value)) return sendForbidden(ctx, 'errSearchOriginalAdmin');
    // `total`: every submission matching the filters (all pages), counted with the same WHERE as the items.
    const page = await mc.repo.listSubmissions(filters.value, { limit: limit.value, cursor: cursor.value, excludeQuarantined: false, sort: sort.value, withTotal: true });
    await mc.repo.audit(caller.actor, 'list-submissions', null, { filters: filters.value, count: page.items.length, ids: page.items.map((s) => s.id) });
    sendJson(ctx.res, 200, page);
  });

  router.add('GET', SUBMISSION_PATH, async (ctx) => {
    const caller = await requireApi(ctx, mc.auth, 'moderator');
    if (!caller) return;
    const id = ctx.params.id ?? '';
    const withContact = hasRole(caller.actor.role, 'admin');
    const submission = await mc.repo.getSubmission(id, withContact);
    if (!submission) return sendNotFound(ctx);
    await mc.repo.audit(caller.actor, 'view-submission', id, { contact: withContact });
    sendJson(ctx.res, 200, submission);
  });

  router.add('POST', FLAGS_PATH, async (ctx) => {
    const caller = await requireApi(ctx, mc.auth, 'moderator');
    if (!caller || !checkCsrf(ctx, caller, ctx.req.headers['x-csrf-token'], true)) return;
    const body = (await readJsonBody(ctx.req, BODY_LIMIT_BYTES)) as Record<string, unknown> | null;
    const flag = body?.flag;
    const set = body?.set;
    if (!isFlag(flag) || typeof set !== 'boolean') {
      return sendInvalid(ctx, ['body: send { "flag": "pii-suspected" | "quarantined" | "cleared", "set": true | false }']);
    }
    await changeFlag(ctx, mc, caller, ctx.params.id ?? '', flag, set, () => sendNotFound(ctx));
  });

  router.add('POST', COMMITTEES_PATH, async (ctx) => {
    const caller = await requireApi(ctx, mc.auth, 'moderator');
    if (!caller || !checkCsrf(ctx, caller, ctx.req.headers['x-csrf-token'], true)) return;
    const body = (await readJsonBody(ctx.req, BODY_LIMIT_BYTES)) as Record<string, unknown> | null;
    const committee = body?.committee;
    const set = body?.set;
    if (typeof committee !== 'string' || !COMMITTEE_IDS.includes(committee) || typeof set !== 'boolean') {
      return sendInvalid(ctx, [`body: send { "committee": one of ${COMMITTEE_IDS.join(', ')}, "set": true | false }`]);
    }
    const id = ctx.params.id ?? '';
    if (!(await mc.repo.setCommittee(id, committee, set, caller.actor.tokenId))) return sendNotFound(ctx);
    await mc.repo.audit(caller.actor, set ? 'committee-set' : 'committee-cleared', id, { committee });
    sendJson(ctx.res, 200, await mc.repo.getSubmission(id, false));
  });

  router.add('POST', REDACTIONS_PATH, async (ctx) => {
    const caller = await requireApi(ctx, mc.auth, 'moderator');
    if (!caller || !checkCsrf(ctx, caller, ctx.req.headers['x-csrf-token'], true)) return;
    const body = (await readJsonBody(ctx.req, BODY_LIMIT_BYTES)) as Record<string, unknown> | null;
    const questionId = body?.questionId;
    const text = body?.text;
    if (typeof questionId !== 'string' || (text !== null && typeof text !== 'string') || (typeof text === 'string' && text.length > 100_000)) {
      return sendInvalid(ctx, ['body: send { "questionId": string (a question id, or "organization"), "text": string (the redacted answer) | null (remove the redacted version) }']);
    }
    const id = ctx.params.id ?? '';
    const outcome = await mc.repo.setRedaction(id, questionId, text, caller.actor.tokenId);
    if (outcome === 'no-submission') return sendNotFound(ctx);
    if (outcome === 'no-answer') {
      return sendInvalid(ctx, [
        questionId === ORGANIZATION_FIELD_ID ? 'questionId: this submission is anonymous (it has no organization to redact)' : 'questionId: this submission has no answer with that question id',
      ]);
    }
    await mc.repo.audit(caller.actor, text === null ? 'redaction-removed' : 'redaction-saved', id, { questionId });
    sendJson(ctx.res, 200, await mc.repo.getSubmission(id, false));
  });

  router.add('GET', '/api/stats', async (ctx) => {
    if (!(await requireApi(ctx, mc.auth, 'staff'))) return;
    sendJson(ctx.res, 200, await mc.repo.readStats());
  });

  router.add('GET', '/api/audit', async (ctx) => {
    if (!(await requireApi(ctx, mc.auth, 'admin'))) return;
    const before = Number(ctx.url.searchParams.get('before') ?? '');
    const submissionId = ctx.url.searchParams.get('submission') ?? undefined;
    const entries = await mc.repo.listAudit({
      limit: 200,
      ...(Number.isInteger(before) && before > 0 ? { beforeId: before } : {}),
      ...(submissionId ? { submissionId } : {}),
    });
    sendJson(ctx.res, 200, { items: entries, nextBefore: entries.length === 200 ? (entries[entries.length - 1]?.id ?? null) : null });
  });

  const exportRoute = (format: ExportFormat) => async (ctx: RequestContext) => {
    const caller = await requireApi(ctx, mc.auth, 'moderator');
    if (!caller) return;
    await runExport(ctx, mc, caller, format, (details) => sendInvalid(ctx, details), () => sendForbidden(ctx, 'errSearchOriginalAdmin'));
  };
  router.add('GET', '/api/export.csv', exportRoute('csv'));
  router.add('GET', '/api/export.jsonl', exportRoute('jsonl'));
  router.add('GET', '/api/export/regulations.json', exportRoute('regulations'));
}

export async function changeFlag(
  ctx: RequestContext,
  mc: ModerationContext,
  caller: Caller,
  id: string,
  flag: Flag,
  set: boolean,
  onMissing: () => void,
): Promise<void> {
  if (!(await mc.repo.setFlag(id, flag, set, caller.actor.tokenId))) return onMissing();
  await mc.repo.audit(caller.actor, set ? 'flag-set' : 'flag-cleared', id, { flag });
  sendJson(ctx.res, 200, await mc.repo.getSubmission(id, false));
}

/** Searching what the partner sent, not the published (redacted) text, is for admins only. */
export function mayUseFilters(caller: Caller, filters: SubmissionFilters): boolean {
  return !filters.searchOriginal || hasRole(caller.actor.role, 'admin');
}

/**
 * Whether an export holds only cleared submissions: regulations.json (the file for the public docket) in
 * after-review mode, unless the caller chose `includeUnreviewed=1`. CSV and JSONL are working files for
 * the team and keep today's rule (everything but quarantined).
 */
export function exportsOnlyCleared(format: ExportFormat, forwardMode: ModerationContext['forwardMode'], includeUnreviewed: boolean): boolean {
  return format === 'regulations' && forwardMode === 'after-review' && !includeUnreviewed;
}

/** Shared by the API and the dashboard's download links: validates, audits, then streams. */
export async function runExport(
  ctx: RequestContext,
  mc: ModerationContext,
  caller: Caller,
  format: ExportFormat,
  onInvalid: (details: string[]) => void,
  onForbidden: () => void,
): Promise<void> {
  const parsed = parseFilters(ctx.url.searchParams, parseOptions(mc.flow));
  // The flow's own docket document is the default; ?documentId= overrides it.
  const documentId = ctx.url.searchParams.get('documentId')?.trim() || mc.flow.docketDocumentId || '';
  const problems = parsed.ok ? [] : parsed.problems;
  if (format === 'regulations' && !/^[A-Za-z0-9_-]{3,80}$/.test(documentId)) {
    problems.push('documentId: add ?documentId=<the regulations.gov documentId of the RFI notice>, e.g. DOS-2022-0004-0001 (or set docketDocumentId in the questionnaire file)');
  }
  const rawUnreviewed = ctx.url.searchParams.get('includeUnreviewed')?.trim() || undefined;
  const includeUnreviewed = rawUnreviewed === undefined ? false : parseSwitch(rawUnreviewed);
  if (includeUnreviewed === null) problems.push('includeUnreviewed: use 1 (also export submissions no moderator has cleared) or 0');
  // columns=readable (issue 20 item 8): export.csv for people; the default columns stay for scripts.
  const columns = ctx.url.searchParams.get('columns')?.trim() || 'default';
  if (columns !== 'default' && columns !== 'readable') problems.push('columns: use readable (question wording, labels, local times) or default');
  else if (columns === 'readable' && format !== 'csv') problems.push('columns: readable is for /api/export.csv only');
  if (!parsed.ok || problems.length > 0) return onInvalid(problems);
  const filters: SubmissionFilters = parsed.value;
  if (!mayUseFilters(caller, filters)) return onForbidden();
  const onlyCleared = exportsOnlyCleared(format, mc.forwardMode, includeUnreviewed === true);
  // includeUnreviewed is recorded whenever it was asked for: putting unreviewed text in the docket file
  // is a decision someone made, and the audit log says who.
  await mc.repo.audit(caller.actor, 'export', null, {
    format,
    ...(columns === 'readable' ? { columns } : {}),
    filters,
    onlyCleared,
    ...(includeUnreviewed && format === 'regulations' ? { includeUnreviewed: true } : {}),
  });
  const started = Date.now();
  const result = await streamExport(mc.repo, ctx.res, {
    format,
    filters,
    questionCount: mc.flow.questions.length,
    onlyCleared,
    ...(format === 'regulations' ? { documentId } : {}),
    ...(columns === 'readable' ? { readable: { language: ctx.language, flow: mc.flow } } : {}),
  });
  mc.logger.info(
    { format, rows: result.rows, omitted: { quarantined: result.counts.quarantined, unreviewed: result.counts.unreviewed }, aborted: result.aborted, ms: Date.now() - started, actor: caller.actor.tokenId },
    'moderation export',
  );
}
