import type { Logger } from 'pino';
import { conversationKeyFromString } from '../core/types.js';
import type { RosterRepository } from '../roster/repository.js';
import type { EmailToken, EmailTokens } from './sql/tokens.js';

/**
 * The unsubscribe link of one email: scoped to that conversation and that address. Using it again is
 * harmless (it says "done" again); it never turns reminders back on.
 */
export function createUnsubscribe(deps: { roster: RosterRepository; tokens: EmailTokens; nowMs: () => number; logger: Logger }) {
  const usable = (token: EmailToken | null) => (token && (token.expiresAtMs === null || token.expiresAtMs > deps.nowMs()) ? token : null);
  return {
    peek: async (token: string) => usable(await deps.tokens.find('unsubscribe', token)),
    async unsubscribe(token: string): Promise<EmailToken | null> {
      const found = usable(await deps.tokens.find('unsubscribe', token));
      if (!found) return null;
      const key = conversationKeyFromString(found.conversationKey);
      const contact = await deps.roster.emailContact(key);
      // The conversation's address changed since this email: the old address already gets nothing.
      if (contact && contact.email.toLowerCase() === found.email.toLowerCase() && !contact.remindersOptedOut) {
        await deps.roster.stopEmailReminders(key);
        deps.logger.info('reminders stopped by an unsubscribe link');
      }
      await deps.tokens.cancelPending({ conversationKey: found.conversationKey }, deps.nowMs());
      return found;
    },
  };
}

export type Unsubscribe = ReturnType<typeof createUnsubscribe>;
