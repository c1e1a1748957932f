import type { Logger } from 'pino';
import type { OutboundMessenger, SendOutcome } from '../core/ports.js';
import { conversationKeyToString } from '../core/types.js';
import type { Dispatcher } from '../dispatcher/dispatcher.js';
import { resumeLink, unsubscribeLink } from '../email/links.js';
import type { Mailer } from '../email/mailer.js';
import type { EmailTokens } from '../email/sql/tokens.js';
import { errorSummary } from '../errors.js';
import { languageOfLocale, t } from '../i18n/catalog.js';
import type { RosterRepository } from '../roster/repository.js';

/**
 * The web chat's delivery channel: invitations and reminders by email (SMTP, or the development outbox).
 * - A reminder goes only to an address its owner confirmed (double opt-in, or they followed the link of
 *   an invitation sent to it); an invitation goes to the address staff imported.
 * - Each carries the reminder's words, each button as the words to type, the private link that opens the
 *   partner's own draft on any device (session id in the URL fragment, never in a server log), a plain
 *   link that stops reminders, and the same link as a one-click unsubscribe (RFC 8058: List-Unsubscribe
 *   with List-Unsubscribe-Post). The unsubscribe token is new for every email and scoped to that
 *   conversation and address. The address is read at send time and never logged.
 *
 * Outcomes: accepted by the SMTP server → sent; a permanent refusal (5xx, e.g. no such mailbox) →
 * unreachable; a failure after the message was handed over (a timeout or a reset during DATA) → may have
 * been delivered; anything else (server down) → retried later.
 */
export interface EmailMessenger extends OutboundMessenger {
  close(): void;
}

/** How long an email's unsubscribe link keeps working: longer than anyone keeps reading reminders. */
const UNSUBSCRIBE_TTL_MS = 365 * 24 * 60 * 60 * 1000;

export function createEmailMessenger(deps: {
  mailer: Mailer;
  tokens: EmailTokens;
  /** The address partners open (PUBLIC_URL, else the bot's own URL). */
  publicUrl: () => string;
  roster: RosterRepository;
  dispatcher: Dispatcher;
  nowMs: () => number;
  logger: Logger;
}): EmailMessenger {
  return {
    channel: 'webchat',
    async send(key, replies, options = {}): Promise<SendOutcome> {
      const contact = await deps.roster.emailContact(key);
      if (!contact) return { status: 'unreachable', code: 'no-email' };
      const invite = options.purpose === 'invite';
      if (!contact.confirmed && !(invite && contact.source === 'import')) return { status: 'unreachable', code: 'email-not-confirmed' };
      const view = await deps.dispatcher.view(key);
      const language = view?.language ?? languageOfLocale(contact.locale ?? undefined);
      const c = t(language);
      const title = deps.dispatcher.questionnaire(language).title;
      const base = deps.publicUrl();
      let stopUrl: string;
      try {
        const token = await deps.tokens.issue({
          purpose: 'unsubscribe',
          conversationKey: conversationKeyToString(key),
          email: contact.email,
          language,
          timeZone: null,
          createdAtMs: deps.nowMs(),
          expiresAtMs: deps.nowMs() + UNSUBSCRIBE_TTL_MS,
        });
        stopUrl = unsubscribeLink(base, token);
      } catch (error) {
        deps.logger.warn({ err: errorSummary(error) }, 'unsubscribe link could not be stored; the email waits');
        return { status: 'failed', code: 'token-store', maybeDelivered: false };
      }
      const text = [
        ...replies.map((reply) => [reply.text, ...(reply.actions ?? []).map((action) => `- ${c.reminders.emailAction(action.label, action.id)}`)].join('\n')),
        `${invite ? c.email.inviteLink : c.email.resumeLink}\n${resumeLink(base, key.userId)}`,
        `${invite ? c.email.inviteStopLink : c.email.stopLink}\n${stopUrl}`,
      ].join('\n\n');
      const headers: Record<string, string> = {
        'List-Unsubscribe': `<${stopUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        ...(options.marker ? { 'X-RFI-Delivery': options.marker } : {}),
      };
      try {
        await deps.mailer.send({ to: contact.email, subject: invite ? c.email.inviteSubject(title) : c.reminders.emailSubject(title), text, headers });
        return { status: 'sent' };
      } catch (error) {
        const responseCode = (error as { responseCode?: unknown }).responseCode;
        const code = (error as { code?: unknown }).code;
        const command = (error as { command?: unknown }).command;
        deps.logger.warn({ err: errorSummary(error), smtpResponseCode: typeof responseCode === 'number' ? responseCode : null }, 'reminder email not accepted');
        if (typeof responseCode === 'number' && responseCode >= 500) return { status: 'unreachable', code: `smtp-${responseCode}` };
        // Lost while talking to the server after connecting: the message may already have been accepted.
        const handedOver = (code === 'ETIMEDOUT' || code === 'ECONNRESET' || code === 'ESOCKET') && command !== 'CONN';
        return { status: 'failed', code: typeof code === 'string' ? code : 'smtp-error', maybeDelivered: handedOver };
      }
    },
    close() {
      deps.mailer.close();
    },
  };
}
