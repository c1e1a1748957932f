import type { Logger } from 'pino';
import type { Clock, CommentStore, PartnerActivity, SessionStore, StaffCommands } from '../core/ports.js';
import { conversationKeyToString, type ConversationKey, type InboundEvent, type ReplyAction } from '../core/types.js';
import type { FlowDefinition } from '../flow/definition.js';
import type { EngineContext } from '../flow/engine-types.js';
import type { Session } from '../flow/session.js';
import { t } from '../i18n/catalog.js';
import type { DispatchResult } from './dispatcher.js';
import { WITHDRAW_CONFIRM_COMMAND, type SideCommand } from './side-commands-parse.js';
import { viewOf } from './view.js';

/**
 * The answers to side commands (side-commands-parse.ts). None of them is a questionnaire step: the draft
 * is never saved by one (a partner without a draft gets none), except that withdrawing deletes it.
 */
export interface SideCommandDeps {
  flow: FlowDefinition;
  engineContext: EngineContext;
  clock: Clock;
  logger: Logger;
  sessionStore: SessionStore;
  commentStore: CommentStore;
  partners?: PartnerActivity;
  staffCommands?: StaffCommands;
  onWithdrawn?: (key: ConversationKey, submissionIds: string[]) => Promise<void>;
  /** A new, unsaved session for this event (its language is the partner's). */
  startSession(event: InboundEvent, now: Date): Session;
}

export function createSideCommands(deps: SideCommandDeps) {
  const { logger } = deps;
  const answer = (session: Session, text: string, actions?: ReplyAction[]): DispatchResult => ({
    status: 'processed',
    replies: [{ text, ...(actions ? { actions } : {}) }],
    view: viewOf(deps.flow, session, deps.engineContext, deps.clock.now()),
  });

  /** The answer, or null when the command is not this deployment's to answer (it goes to the questionnaire). */
  return async function handle(command: SideCommand, event: InboundEvent, stored: Session | null): Promise<DispatchResult | null> {
    const { key } = event;
    if (command.kind === 'reminders' && !deps.partners) return null;
    const session = stored ?? deps.startSession(event, deps.clock.now());
    const c = t(session.language);

    if (command.kind === 'staff') {
      const text = await deps.staffCommands?.handle(key, command.words, session.language);
      logger.info({ channel: key.channel, staff: text != null }, 'staff command handled');
      return answer(session, text ?? c.staffChat.notStaff);
    }

    if (command.kind === 'reminders') {
      await deps.partners?.setReminders(key, command.choice === 'start');
      logger.info({ channel: key.channel, reminders: command.choice }, 'reminders choice recorded');
      return answer(session, command.choice === 'stop' ? c.reminders.stopped : c.reminders.started);
    }

    if (viewOf(deps.flow, session, deps.engineContext, deps.clock.now()).deadlinePassed) return answer(session, c.withdraw.closed);
    if (command.step === 'ask') return answer(session, c.withdraw.ask, [{ id: WITHDRAW_CONFIRM_COMMAND, label: c.withdraw.askAction }]);
    // The submission first: if the database is down the partner is told and the draft stays.
    const removed = await deps.commentStore.deleteByConversation(conversationKeyToString(key));
    await deps.sessionStore.delete(key);
    await deps.partners?.setReminders(key, false);
    await deps.onWithdrawn?.(key, removed);
    logger.info({ channel: key.channel, submissionsRemoved: removed.length }, 'partner withdrew');
    return answer(deps.startSession(event, deps.clock.now()), c.withdraw.done);
  };
}
