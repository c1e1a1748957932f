import type { Logger } from 'pino';
import type { ReminderEmailResult, ReminderEmailStatus, WebchatEmail } from '../core/email.js';
import { conversationKeyFromString, conversationKeyToString, type ConversationKey, type Language } from '../core/types.js';
import { errorSummary } from '../errors.js';
import { formatNumber } from '../flow/dates.js';
import { t } from '../i18n/catalog.js';
import type { RosterRepository } from '../roster/repository.js';
import { confirmLink } from './links.js';
import type { Mailer } from './mailer.js';
import type { EmailToken, EmailTokens } from './sql/tokens.js';

/**
 * Double opt-in for web chat reminders (the WebchatEmail port, see src/core/email.ts). An address typed
 * in the chat gets a confirmation message and nothing else; it is tied to the conversation (and to an
 * imported roster record with that address) only when the link is followed and Confirm pressed. GET of
 * the link only shows the Confirm button: mail scanners that open links must not confirm for anyone.
 */
export const CONFIRM_TTL_MS = 48 * 60 * 60 * 1000;
const LIMIT_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Confirmation messages per address per day, whoever asks: nobody can flood an inbox through the chat. */
export const MAX_CONFIRMATIONS_PER_ADDRESS = 3;
/** Per conversation per day: one session cannot be used to write to many addresses. */
export const MAX_CONFIRMATIONS_PER_SESSION = 5;

export interface EmailOptIn extends WebchatEmail {
  /** The confirmation behind a link, for its page; null = not a valid, unused, unexpired link. */
  peekConfirmation(token: string): Promise<EmailToken | null>;
  /** Confirm pressed: binds the address to the conversation. null = the link was not valid. */
  confirm(token: string): Promise<EmailToken | null>;
}

export function createEmailOptIn(deps: {
  roster: RosterRepository;
  tokens: EmailTokens;
  mailer: Mailer;
  publicUrl: () => string;
  questionnaireTitle: (language: Language) => string;
  nowMs: () => number;
  logger: Logger;
}): EmailOptIn {
  const { roster, tokens } = deps;

  async function status(key: ConversationKey): Promise<ReminderEmailStatus> {
    const contact = await roster.emailContact(key);
    if (contact?.confirmed) return { state: contact.remindersOptedOut ? 'stopped' : 'on', email: contact.email };
    const pending = await tokens.pendingConfirmation(conversationKeyToString(key), deps.nowMs());
    return pending ? { state: 'pending', email: pending.email } : { state: 'none', email: null };
  }

  const usable = (token: EmailToken | null, nowMs: number): EmailToken | null =>
    token && token.usedAtMs === null && token.expiresAtMs !== null && token.expiresAtMs > nowMs ? token : null;

  return {
    status,
    async request(key, request): Promise<ReminderEmailResult> {
      const nowMs = deps.nowMs();
      const conversationKey = conversationKeyToString(key);
      const contact = await roster.emailContact(key);
      const sameConfirmed = contact?.confirmed === true && contact.email.toLowerCase() === request.email.toLowerCase();
      if (!request.remind) {
        await tokens.cancelPending({ conversationKey }, nowMs);
        if (contact?.confirmed) await roster.setRemindersOptedOut(key, true, nowMs);
        return { outcome: 'stopped', status: await status(key) };
      }
      if (sameConfirmed) {
        await roster.setRemindersOptedOut(key, false, nowMs);
        return { outcome: 'on', status: await status(key) };
      }
      const counts = await tokens.confirmationsSince(request.email.toLowerCase(), conversationKey, nowMs - LIMIT_WINDOW_MS);
      if (counts.toAddress >= MAX_CONFIRMATIONS_PER_ADDRESS) return { outcome: 'refused', reason: 'address-limit', status: await status(key) };
      if (counts.forConversation >= MAX_CONFIRMATIONS_PER_SESSION) return { outcome: 'refused', reason: 'session-limit', status: await status(key) };
      // A new request replaces the earlier ones of this conversation: only the latest link works.
      await tokens.cancelPending({ conversationKey }, nowMs);
      const token = await tokens.issue({
        purpose: 'confirm',
        conversationKey,
        email: request.email,
        language: request.language,
        timeZone: request.timeZone ?? null,
        createdAtMs: nowMs,
        expiresAtMs: nowMs + CONFIRM_TTL_MS,
      });
      const c = t(request.language).email;
      const title = deps.questionnaireTitle(request.language);
      const text = [c.confirmBody(title), `${c.confirmLink(formatNumber(CONFIRM_TTL_MS / 3_600_000, request.language))}\n${confirmLink(deps.publicUrl(), token)}`, c.confirmIgnore].join('\n\n');
      try {
        await deps.mailer.send({ to: request.email, subject: c.confirmSubject(title), text });
      } catch (error) {
        // Still counted (the row stays, expired): a failing server is not a way around the limits.
        await tokens.cancelPending({ conversationKey }, nowMs);
        deps.logger.warn({ err: errorSummary(error), smtpResponseCode: (error as { responseCode?: unknown }).responseCode ?? null }, 'confirmation email not sent');
        return { outcome: 'send-failed', status: await status(key) };
      }
      deps.logger.info({ transport: deps.mailer.transport }, 'confirmation email sent');
      return { outcome: 'confirmation-sent', status: await status(key) };
    },
    async openReservedDraft(key) {
      return roster.openReservedDraft(key, deps.nowMs());
    },
    async peekConfirmation(token) {
      return usable(await tokens.find('confirm', token), deps.nowMs());
    },
    async confirm(token) {
      const nowMs = deps.nowMs();
      const found = usable(await tokens.find('confirm', token), nowMs);
      if (!found || !(await tokens.use('confirm', token, nowMs))) return null;
      await roster.setReminderEmail(conversationKeyFromString(found.conversationKey), { email: found.email, ...(found.timeZone ? { timeZone: found.timeZone } : {}) }, true, nowMs);
      // Other sessions' pending requests for this address stop working: its owner just chose this one.
      await tokens.cancelPending({ emailLower: found.email.toLowerCase() }, nowMs);
      deps.logger.info('reminder email confirmed');
      return found;
    },
  };
}
