import type { Caller } from '../moderation/http-auth.js';
import type { ModerationRepository } from '../moderation/repository.js';
import { isAppError } from '../errors.js';
import type { ReminderService, SendResult } from '../reminders/service.js';
import { importCsv, type CsvImportResult, type SlackEmailLookup } from './import.js';
import type { RosterRepository } from './repository.js';

/**
 * The staff actions that the JSON API and the roster page share, so both import, send and audit alike:
 * the audit entries hold counts and ids, never contact details.
 */
export interface StaffActionDeps {
  audit: ModerationRepository['audit'];
  roster: RosterRepository;
  reminders: ReminderService;
  lookupSlackEmail: SlackEmailLookup | null;
}

/** A CSV upload (API or page): imported, audited (counts only), and its report. */
export async function importRosterCsv(
  deps: Pick<StaffActionDeps, 'audit' | 'roster' | 'lookupSlackEmail'>,
  caller: Caller,
  text: string,
): Promise<CsvImportResult> {
  const result = await importCsv(text, { importPartners: (candidates) => deps.roster.importPartners(candidates), lookupSlackEmail: deps.lookupSlackEmail });
  if (result.ok) {
    const { imported, created, updated, errors } = result.report;
    await deps.audit(caller.actor, 'roster-import', null, { source: 'csv', imported, created, updated, errors: errors.length });
  }
  return result;
}

/**
 * A manual reminder (API or page), audited; a duplicate (the same one-time id again) is neither sent nor
 * audited again. Overriding the frequency cap is an explicit choice with its own audit entry.
 */
export async function sendReminder(
  deps: Pick<StaffActionDeps, 'audit' | 'reminders'>,
  caller: Caller,
  request: { audience: unknown; message?: unknown; overrideCap: boolean; id?: string },
): Promise<{ ok: true; sent: SendResult } | { ok: false; problem: string }> {
  let sent: SendResult;
  try {
    sent = await deps.reminders.sendNow({ ...request, by: caller.actor.name });
  } catch (error) {
    if (isAppError(error) && error.code === 'INVALID_PARAMETERS') return { ok: false, problem: error.message };
    throw error;
  }
  if (!sent.duplicate) {
    await deps.audit(caller.actor, 'reminder-send', null, { sendId: sent.id, audience: request.audience, queued: sent.queued, overrideCap: request.overrideCap });
    if (request.overrideCap) await deps.audit(caller.actor, 'reminder-cap-override', null, { sendId: sent.id, audience: request.audience, queued: sent.queued });
  }
  return { ok: true, sent };
}

/** Invitations to every partner not invited yet (API or page), audited unless a duplicate. */
export async function sendInvitations(
  deps: Pick<StaffActionDeps, 'audit' | 'reminders'>,
  caller: Caller,
  request: { partnerIds: readonly string[] | 'all'; message?: unknown; id?: string },
): Promise<{ ok: true; sent: SendResult } | { ok: false; problem: string }> {
  let sent: SendResult;
  try {
    sent = await deps.reminders.invite({ ...request, by: caller.actor.name });
  } catch (error) {
    if (isAppError(error) && error.code === 'INVALID_PARAMETERS') return { ok: false, problem: error.message };
    throw error;
  }
  if (!sent.duplicate) await deps.audit(caller.actor, 'roster-invite', null, { sendId: sent.id, queued: sent.queued });
  return { ok: true, sent };
}
