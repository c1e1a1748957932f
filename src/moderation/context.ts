import type { Logger } from 'pino';
import type { FlowDefinition } from '../flow/definition.js';
import type { ParseOptions } from './filters.js';
import type { AuthDeps } from './http-auth.js';
import type { ForwardingRepository } from '../forwarding/repository.js';
import type { ReminderService } from '../reminders/service.js';
import type { SlackEmailLookup } from '../roster/import.js';
import type { RosterRepository } from '../roster/repository.js';
import type { ModerationRepository } from './repository.js';

/** What the roster page reads and does: the partners, and the reminder service's sends. */
export interface StaffPages {
  roster: RosterRepository;
  reminders: ReminderService;
  /** Slack rows that name an email instead of a user id (users.lookupByEmail); null without Slack. */
  lookupSlackEmail: SlackEmailLookup | null;
}

/** What every moderation handler needs: the repository, the flow (questions, respondent types), the clock. */
export interface ModerationContext {
  repo: ModerationRepository;
  staff?: StaffPages;
  /** The forwarding outbox, for the docket status of each submission. */
  forwarding?: ForwardingRepository;
  /** Forwarding is set up (COMMENT_API_URL, COMMENT_API_KEY, COMMENT_DOCKET_DOCUMENT_ID): else pages say "not configured". */
  forwardingConfigured?: boolean;
  /** Nudges the forwarding worker after "Post it again" (it polls anyway). */
  wakeForwarding?: () => void;
  flow: FlowDefinition;
  deadlineAt: Date;
  /** FORWARD_MODE: after-review → the docket file (regulations.json) holds only cleared submissions by default. */
  forwardMode: 'after-review' | 'auto';
  auth: AuthDeps;
  logger: Logger;
}

export function parseOptions(flow: FlowDefinition): ParseOptions {
  return { questionCount: flow.questions.length, respondentTypes: flow.respondentTypes.map((r) => r.id) };
}
