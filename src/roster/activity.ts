import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Clock, PartnerActivity } from '../core/ports.js';
import { conversationKeyToString, type ConversationKey } from '../core/types.js';
import { errorSummary } from '../errors.js';
import type { ActivityFacts, RosterRepository } from './repository.js';

const CACHE_LIMIT = 50_000;
/** How long a partner's facts wait for others to share their statement. */
const GROUP_WINDOW_MS = 50;
/**
 * Rows per statement. Small on purpose: PGlite runs a statement on the bot's own thread, so a big batch
 * is a pause every turn in flight waits out (it showed in bench:slack's p99 ack latency); ~25 rows cost
 * about a millisecond, and the event loop gets a turn between batches.
 */
const MAX_BATCH = 25;

/**
 * PartnerActivity over the roster. A partner's facts are written on their first turn in this process
 * and whenever they change (started → submitted, a new time zone), not on every turn, and many partners'
 * facts share one statement (a group commit), so turns stay cheap: on the embedded PGlite every
 * statement costs CPU in the bot's own process. Nothing waits for the write; a failed one is retried
 * on the partner's next turn.
 */
export function createPartnerActivity(roster: RosterRepository, clock: Clock, logger: Logger): PartnerActivity {
  const recorded = new Map<string, string>();
  const pending = new Map<string, { key: ConversationKey; facts: ActivityFacts }>();
  let flushing: Promise<void> | null = null;

  async function flush(): Promise<void> {
    try {
      await sleep(GROUP_WINDOW_MS);
      while (pending.size > 0) {
        const batch = [...pending.entries()].slice(0, MAX_BATCH);
        for (const [id] of batch) pending.delete(id);
        try {
          await roster.recordActivities(batch.map(([, entry]) => entry));
          await new Promise<void>((resolve) => setImmediate(resolve));
        } catch (error) {
          for (const [id] of batch) recorded.delete(id);
          logger.warn({ partners: batch.length, err: errorSummary(error) }, 'partner activity could not be recorded; retried on their next turn');
        }
      }
    } finally {
      flushing = pending.size > 0 ? flush() : null;
    }
  }

  return {
    seen(key, facts) {
      const id = conversationKeyToString(key);
      const signature = `${facts.progress}|${facts.timeZone ?? ''}|${facts.locale ?? ''}|${facts.platformUserId ?? ''}`;
      if (recorded.get(id) === signature) return;
      if (recorded.size >= CACHE_LIMIT) recorded.clear();
      recorded.set(id, signature);
      pending.set(id, { key, facts: { ...facts, nowMs: clock.now().getTime() } });
      flushing ??= flush();
    },
    async setReminders(key, optedIn) {
      await roster.setRemindersOptedOut(key, !optedIn, clock.now().getTime());
    },
  };
}
