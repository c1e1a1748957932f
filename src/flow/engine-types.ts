import type { NewSubmission } from '../core/submission.js';
import type { Reply, TurnInput } from '../core/types.js';
import type { Session } from './session.js';

/**
 * Side effects the engine asks the dispatcher to perform. The submission is written BEFORE the session
 * that shows its receipt is saved (a receipt is never shown for a submission not yet committed).
 * The dispatcher adds the private `conversationKey`, which the engine never sees.
 */
export type Effect = { type: 'saveSubmission'; submission: Omit<NewSubmission, 'conversationKey'> };

/**
 * Input to one engine step. Besides what the partner did, the dispatcher can report that the submit's
 * effect failed, so the engine can undo the transition and say so: `permanent` when trying again will not
 * help (the store refused the submission), else it is retried by itself (submit-retry.ts).
 */
export type EngineInput = TurnInput | { kind: 'submitFailed'; permanent?: boolean };

/** Named outcomes of a turn (botbuilder-dialogs style) — for logs and metrics, never containing answer text. */
export type TurnOutcome =
  | 'started'
  | 'resumed'
  | 'answered'
  | 'moved'
  | 'command'
  | 'reasked'
  | 'refused'
  | 'unknown-command'
  | 'submitted'
  | 'already-submitted'
  | 'cancelled'
  | 'submit-failed';

export interface StepResult {
  session: Session;
  replies: Reply[];
  effects: Effect[];
  outcome: TurnOutcome;
}

export interface EngineContext {
  /** Deadline actually in force (flow deadline, or RFI_DEADLINE, or the trial-mode deadline). */
  deadlineAt: Date;
  /** Maximum characters of one answer (default 20,000). */
  maxAnswerChars: number;
  /**
   * How a submission reaches the docket (FORWARD_MODE, or `off` when forwarding is not configured), so
   * the receipt tells the truth about what happens next. Absent = `off`.
   */
  forwardMode?: 'off' | 'auto' | 'after-review';
}
