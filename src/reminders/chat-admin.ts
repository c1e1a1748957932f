import type { StaffCommands } from '../core/ports.js';
import { conversationKeyToString } from '../core/types.js';
import { isAppError } from '../errors.js';
import { formatNumber } from '../flow/dates.js';
import { t } from '../i18n/catalog.js';
import type { ReminderService } from './service.js';

/**
 * `/rfi-admin status` and `/rfi-admin remind <audience>` in Slack and Teams, for the people listed in
 * STAFF_USERS (their conversation keys, e.g. `slack:T012AB3C4:U0123ABCD`). Counts only.
 */
export function createStaffCommands(deps: { staffUsers: readonly string[]; service: ReminderService }): StaffCommands {
  const staff = new Set(deps.staffUsers);
  return {
    async handle(key, words, language) {
      if (!staff.has(conversationKeyToString(key))) return null;
      const c = t(language).staffChat;
      const n = (value: number) => formatNumber(value, language);
      const [verb, argument] = words.trim().toLowerCase().split(/\s+/);
      if (verb === 'status') {
        const { progress, sends } = await deps.service.summary();
        const latest = sends[0];
        const lines = [c.status(n(progress.total), n(progress.invited), n(progress.started), n(progress.submitted), n(progress.optedOut), n(progress.unreachable))];
        if (latest) {
          const total = latest.queued + latest.sent + latest.failed + latest.skipped + latest.unknown;
          lines.push(c.lastSend(latest.audience, n(latest.sent), n(total), n(latest.failed), latest.done));
        }
        return lines.join('\n');
      }
      if (verb === 'remind') {
        try {
          const { queued } = await deps.service.sendNow({ audience: argument ?? 'unfinished', by: conversationKeyToString(key) });
          return c.queued(n(queued), argument ?? 'unfinished');
        } catch (error) {
          if (isAppError(error) && error.code === 'INVALID_PARAMETERS') return c.refused(error.message);
          throw error;
        }
      }
      return c.help;
    },
  };
}
