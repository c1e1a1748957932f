import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import type { Language } from '../core/types.js';
import type { Dispatcher } from '../dispatcher/dispatcher.js';
import type { Router } from '../http/router.js';
import type { RosterRepository } from '../roster/repository.js';
import { createEmailMessenger, type EmailMessenger } from '../reminders/email-messenger.js';
import { createOutboxMailer, createSmtpMailer, type Mailer } from './mailer.js';
import { createEmailOptIn, type EmailOptIn } from './opt-in.js';
import { mountEmailPages } from './pages.js';
import type { EmailTokens } from './sql/tokens.js';
import { createUnsubscribe } from './unsubscribe.js';

/**
 * Email, assembled when it is configured (SMTP_URL, or the development outbox): the mailer, the web chat's
 * double opt-in, the reminder/invitation channel for web chat partners, and the pages its links open.
 */
export interface EmailFeature {
  transport: 'smtp' | 'outbox';
  /** DATA_DIR/outbox when the outbox is on (for /moderate/outbox), else null. */
  outboxDir: string | null;
  optIn: EmailOptIn;
  messenger: EmailMessenger;
  close(): void;
}

export function createEmailFeature(deps: {
  config: NonNullable<AppConfig['email']>;
  tokens: EmailTokens;
  roster: RosterRepository;
  dispatcher: Dispatcher;
  router: Router;
  publicUrl: () => string;
  nowMs: () => number;
  logger: Logger;
}): EmailFeature {
  const mailer: Mailer =
    deps.config.transport === 'smtp'
      ? createSmtpMailer({ url: deps.config.url, from: deps.config.from })
      : createOutboxMailer({ dir: deps.config.dir, from: deps.config.from, nowMs: deps.nowMs });
  const { tokens } = deps;
  const questionnaireTitle = (language: Language) => deps.dispatcher.questionnaire(language).title;
  const optIn = createEmailOptIn({ roster: deps.roster, tokens, mailer, publicUrl: deps.publicUrl, questionnaireTitle, nowMs: deps.nowMs, logger: deps.logger });
  const unsubscribe = createUnsubscribe({ roster: deps.roster, tokens, nowMs: deps.nowMs, logger: deps.logger });
  mountEmailPages(deps.router, { optIn, unsubscribe, publicUrl: deps.publicUrl });
  const messenger = createEmailMessenger({ mailer, tokens, publicUrl: deps.publicUrl, roster: deps.roster, dispatcher: deps.dispatcher, nowMs: deps.nowMs, logger: deps.logger });
  if (deps.config.transport === 'outbox') {
    deps.logger.warn({ outbox: 'DATA_DIR/outbox' }, 'email is not sent: it is written to DATA_DIR/outbox/ (development); admins read it at /moderate/outbox. Set SMTP_URL to send it');
  }
  return {
    transport: deps.config.transport,
    outboxDir: deps.config.transport === 'outbox' ? deps.config.dir : null,
    optIn,
    messenger,
    close: () => mailer.close(),
  };
}
