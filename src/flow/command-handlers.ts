import { answerOf, answeredCount, lastQuestionIndex, profileComplete } from './answers.js';
import type { Command } from './commands.js';
import { formatDateTime, formatNumber, isPastDeadline } from './dates.js';
import { helpReply } from './help.js';
import { setAnonymous } from './inputs.js';
import { enterQuestion, enterReview, enterStep, leaveQuestion, refuse, refuseAfterSubmission } from './navigation.js';
import { confirmationPrompt, currentPrompt, statusReply } from './prompts.js';
import { receiptFor } from './receipt.js';
import { copyReply, receiptReply } from './receipts.js';
import { buildReview, buildSubmission } from './review.js';
import type { Session } from './session.js';
import { catalogOf, turn, type Turn, type TurnEnv } from './turn.js';

/**
 * One handler per command, each deciding by step. Anything out of place is refused with a reason and the
 * session unchanged (see `refuse`). Pending yes/no confirmations are handled by the engine before this.
 */
export function onCommand(env: TurnEnv, session: Session, command: Command): Turn {
  const c = catalogOf(session);
  switch (command.name) {
    case 'help':
      return turn(session, 'command', helpReply(env, session));
    case 'status':
      return turn(session, 'command', statusReply(env, session));
    case 'resume':
      return turn(session, 'resumed', currentPrompt(env, session));
    case 'language': {
      if (command.language === null) return refuse(env, session, c.languageUnknown);
      const next: Session = { ...session, language: command.language };
      return turn(next, 'command', currentPrompt(env, next));
    }
    case 'agree':
      return agree(env, session);
    case 'back':
      return back(env, session);
    case 'next':
      return next(env, session);
    case 'skip':
      return skip(env, session);
    case 'review':
      return review(env, session);
    case 'edit':
      return edit(env, session, command.questionNumber);
    case 'submit':
      return submit(env, session);
    case 'cancel':
      return cancel(env, session);
    case 'clear':
      return clear(env, session);
    case 'anonymous':
      if (session.step === 'organization') return setAnonymous(env, session);
      return session.step === 'submitted' ? refuseAfterSubmission(env, session) : refuse(env, session, c.anonymousNotHere);
    case 'copy':
      return turn(session, 'command', copyReply(env, session));
    case 'yes':
    case 'no':
      // Reached only when nothing awaits confirmation.
      return session.step === 'submitted' ? refuseAfterSubmission(env, session) : refuse(env, session, c.nothingToConfirm);
  }
}

function agree(env: TurnEnv, session: Session): Turn {
  if (session.step === 'submitted') return refuseAfterSubmission(env, session);
  if (session.step !== 'intro') return refuse(env, session, catalogOf(session).alreadyAgreed);
  // The first consent is the one recorded; agreeing again after going back does not move it.
  const consented: Session = { ...session, consentedAt: session.consentedAt ?? env.now.toISOString() };
  return enterStep(env, consented, 'organization');
}

function back(env: TurnEnv, session: Session): Turn {
  switch (session.step) {
    case 'intro':
      return refuse(env, session, catalogOf(session).nothingBefore);
    case 'organization':
      return enterStep(env, session, 'intro');
    case 'respondentType':
      return enterStep(env, session, 'organization');
    case 'contactEmail':
      return enterStep(env, session, 'respondentType');
    case 'question':
      if (session.questionIndex === 0) return enterStep(env, session, 'contactEmail');
      return enterQuestion(env, session, session.questionIndex - 1, session.returnToReview);
    case 'review':
      return enterQuestion(env, session, lastQuestionIndex(env.flow), false);
    case 'submitted':
      return refuseAfterSubmission(env, session);
  }
}

/** On the profile steps `next` keeps an answer already given (after `back`); it never invents one. */
function next(env: TurnEnv, session: Session): Turn {
  const c = catalogOf(session);
  switch (session.step) {
    case 'intro':
      return refuse(env, session, c.nextInIntro);
    case 'organization':
      return session.organization === undefined
        ? refuse(env, session, c.organizationNeeded)
        : enterStep(env, session, 'respondentType');
    case 'respondentType':
      return session.respondentTypeId === null
        ? refuse(env, session, c.respondentTypeNeeded)
        : enterStep(env, session, 'contactEmail');
    case 'contactEmail':
      return session.contactEmail === undefined
        ? refuse(env, session, c.contactEmailNeeded)
        : enterQuestion(env, session, 0, false);
    case 'question':
      return leaveQuestion(env, session);
    case 'review':
      return refuse(env, session, c.nextInReview);
    case 'submitted':
      return refuseAfterSubmission(env, session);
  }
}

function skip(env: TurnEnv, session: Session): Turn {
  const c = catalogOf(session);
  switch (session.step) {
    case 'intro':
      return refuse(env, session, c.nextInIntro);
    case 'organization':
      return refuse(env, session, c.skipOrganization);
    case 'respondentType':
      return refuse(env, session, c.skipRespondentType);
    case 'contactEmail':
      return enterQuestion(env, { ...session, contactEmail: null }, 0, false, [c.contactEmailSkipped]);
    case 'question': {
      const question = env.flow.questions[session.questionIndex];
      if (!question) return leaveQuestion(env, session);
      const n = formatNumber(session.questionIndex + 1, session.language);
      // Skip never deletes text silently: an answer already written stays, and the partner is told so.
      if (answerOf(session, question.id) !== null) return leaveQuestion(env, session, [c.skipKeptText(n)]);
      const skipped = session.skipped.includes(question.id) ? session.skipped : [...session.skipped, question.id];
      return leaveQuestion(env, { ...session, skipped }, [c.skippedQuestion(n)]);
    }
    case 'review':
      return refuse(env, session, c.skipNotHere);
    case 'submitted':
      return refuseAfterSubmission(env, session);
  }
}

function review(env: TurnEnv, session: Session): Turn {
  if (session.step === 'submitted') return refuseAfterSubmission(env, session);
  if (!profileComplete(session)) return refuse(env, session, catalogOf(session).reviewTooEarly);
  if (session.step === 'review') return turn(session, 'command', buildReview(env, session));
  return enterReview(env, session);
}

function edit(env: TurnEnv, session: Session, questionNumber: number | null): Turn {
  const c = catalogOf(session);
  const total = env.flow.questions.length;
  if (session.step === 'submitted') return refuseAfterSubmission(env, session);
  if (!profileComplete(session)) return refuse(env, session, c.editTooEarly);
  if (questionNumber === null || questionNumber < 1 || questionNumber > total) {
    return refuse(env, session, c.editRange(formatNumber(total, session.language)));
  }
  // From review, `next`/`review` lead back there; from a question, keep whatever mode it was in.
  const returnToReview = session.step === 'review' ? true : session.step === 'question' ? session.returnToReview : false;
  return enterQuestion(env, session, questionNumber - 1, returnToReview);
}

function submit(env: TurnEnv, session: Session): Turn {
  const c = catalogOf(session);
  if (session.step === 'submitted' && session.submission) {
    // A double click or a platform retry: same receipt, nothing written again.
    const receipt = session.submission.receipt;
    return turn(session, 'already-submitted', { text: c.alreadySubmitted(receipt), receipt });
  }
  if (session.step !== 'review') {
    return refuse(env, session, profileComplete(session) ? c.submitFromReviewOnly : c.submitTooEarly);
  }
  if (isPastDeadline(env.ctx.deadlineAt, env.now)) {
    return refuse(env, session, c.submitAfterDeadline(formatDateTime(env.ctx.deadlineAt, session.language, env.flow.timeZone)));
  }
  if (answeredCount(env.flow, session) === 0) return refuse(env, session, c.submitNothingAnswered);

  const receipt = receiptFor(session.draftId);
  const submitted: Session = {
    ...session,
    step: 'submitted',
    returnToReview: false,
    pendingConfirmation: null,
    submission: { id: session.draftId, receipt, submittedAt: env.now.toISOString() },
  };
  return turn(submitted, 'submitted', receiptReply(env, submitted, receipt), [
    { type: 'saveSubmission', submission: buildSubmission(env, session, receipt) },
  ]);
}

function cancel(env: TurnEnv, session: Session): Turn {
  const c = catalogOf(session);
  if (session.step === 'submitted') return refuse(env, session, c.cancelAfterSubmit(session.submission?.receipt ?? ''));
  if (session.step === 'intro' && session.consentedAt === null) return refuse(env, session, c.cancelNothing);
  const asking: Session = { ...session, pendingConfirmation: 'cancel' };
  return turn(asking, 'command', confirmationPrompt(env, asking));
}

function clear(env: TurnEnv, session: Session): Turn {
  const c = catalogOf(session);
  if (session.step === 'submitted') return refuseAfterSubmission(env, session);
  if (session.step !== 'question') return refuse(env, session, c.clearOnlyOnQuestion);
  const question = env.flow.questions[session.questionIndex];
  if (!question || answerOf(session, question.id) === null) return refuse(env, session, c.clearNothing);
  const asking: Session = { ...session, pendingConfirmation: 'clear' };
  return turn(asking, 'command', confirmationPrompt(env, asking));
}
