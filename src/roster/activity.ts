import type { Logger } from 'pino';
import type { Clock, PartnerActivity } from '../core/ports.js';
import { conversationKeyToString } from '../core/types.js';
import { errorSummary } from '../errors.js';
import type { RosterRepository } from './repository.js';

const CACHE_LIMIT = 50_000;

/**
 * PartnerActivity over the roster. A partner's facts are written on their first turn in this process
 * and whenever they change (started → submitted, a new time zone), not on every turn, so turns stay
 * cheap; the write runs in the background.
 */
export function createPartnerActivity(roster: RosterRepository, clock: Clock, logger: Logger): PartnerActivity {
  const recorded = new Map<string, string>();
  return {
    seen(key, facts) {
      const id = conversationKeyToString(key);
      const signature = `${facts.progress}|${facts.timeZone ?? ''}|${facts.locale ?? ''}|${facts.platformUserId ?? ''}`;
      if (recorded.get(id) === signature) return;
      if (recorded.size >= CACHE_LIMIT) recorded.clear();
      recorded.set(id, signature);
      roster.recordActivity(key, { ...facts, nowMs: clock.now().getTime() }).catch((error: unknown) => {
        recorded.delete(id);
        logger.warn({ channel: key.channel, err: errorSummary(error) }, 'partner activity could not be recorded; retried on their next turn');
      });
    },
    async setReminders(key, optedIn) {
      await roster.setRemindersOptedOut(key, !optedIn, clock.now().getTime());
    },
    async setEmailReminders(key, contact, optedIn) {
      await roster.setReminderEmail(key, contact, optedIn, clock.now().getTime());
      recorded.delete(conversationKeyToString(key));
    },
  };
}
