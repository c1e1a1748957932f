import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { OutboundMessenger, SendOutcome } from '../core/ports.js';
import type { Dispatcher } from '../dispatcher/dispatcher.js';
import { errorSummary } from '../errors.js';
import { t } from '../i18n/catalog.js';
import type { RosterRepository } from '../roster/repository.js';

/**
 * Reminders by email for web chat partners who gave a contact email and ticked "remind me" (SMTP through
 * nodemailer, SMTP_URL). The email carries the reminder's words, each button as the words to type, and a
 * private link that resumes the same draft on any device (the web chat session id, in the URL fragment so
 * it never reaches a server log). The address is read from the roster at send time and never logged.
 *
 * Outcomes: accepted by the SMTP server → sent; a permanent refusal (5xx, e.g. no such mailbox) →
 * unreachable; a failure after the message was handed over (a timeout or a reset during DATA) → may have
 * been delivered; anything else (server down) → retried later.
 */
export interface EmailMessenger extends OutboundMessenger {
  close(): void;
}

export function createEmailMessenger(deps: {
  smtpUrl: string;
  from: string;
  /** The address partners open (PUBLIC_URL, else the bot's own URL). */
  publicUrl: () => string;
  roster: RosterRepository;
  dispatcher: Dispatcher;
  logger: Logger;
}): EmailMessenger {
  const transport = nodemailer.createTransport(deps.smtpUrl, { from: deps.from });
  return {
    channel: 'webchat',
    async send(key, replies, options = {}): Promise<SendOutcome> {
      const to = await deps.roster.reminderEmail(key);
      if (!to) return { status: 'unreachable', code: 'no-email' };
      const view = await deps.dispatcher.view(key);
      const language = view?.language ?? 'en';
      const c = t(language).reminders;
      const title = deps.dispatcher.questionnaire(language).title;
      const link = `${deps.publicUrl().replace(/\/$/, '')}/chat/#session=${encodeURIComponent(key.userId)}`;
      const text = [
        ...replies.map((reply) => [reply.text, ...(reply.actions ?? []).map((action) => `- ${c.emailAction(action.label, action.id)}`)].join('\n')),
        `${c.emailResume}\n${link}`,
      ].join('\n\n');
      try {
        await transport.sendMail({ to, subject: c.emailSubject(title), text, ...(options.marker ? { headers: { 'X-RFI-Delivery': options.marker } } : {}) });
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
      transport.close();
    },
  };
}
