import { formatNumber } from './dates.js';
import { refuse, refuseAfterSubmission, refuseIfTooLong, unknownCommand } from './navigation.js';
import { currentPrompt, questionActions, questionProgress } from './prompts.js';
import type { Session } from './session.js';
import { catalogOf, charCount, turn, withLead, type Turn, type TurnEnv } from './turn.js';

/**
 * Changing text already given, as platforms allow: replacing a whole answer (Slack's "Edit answer"
 * modal) and editing a message already sent. Pure, like the rest of the engine. Nothing here ever drops
 * saved text silently: a change that cannot be applied leaves the session as it was and says why.
 */

/** Replace the answer to question `questionNumber` (1-based) with `text`, at the question or from review. */
export function onReplaceAnswer(env: TurnEnv, session: Session, questionNumber: number, text: string): Turn {
  const c = catalogOf(session);
  const lang = session.language;
  if (session.step === 'submitted') return refuseAfterSubmission(env, session);
  const question = env.flow.questions[questionNumber - 1];
  if (!question || !Number.isInteger(questionNumber) || (session.step !== 'question' && session.step !== 'review')) {
    return unknownCommand(env, session);
  }
  const n = formatNumber(questionNumber, lang);
  const incoming = text.trim();
  // An empty box is not "remove my answer": that is `clear`, which asks first.
  if (incoming.length === 0) return refuse(env, session, c.answerEmpty, 'reasked');
  const tooLong = refuseIfTooLong(env, session, questionNumber, incoming, session.answers[question.id] ?? '');
  if (tooLong) return tooLong;
  const length = charCount(incoming);
  const next: Session = {
    ...session,
    pendingConfirmation: null,
    answers: { ...session.answers, [question.id]: incoming },
    skipped: session.skipped.filter((id) => id !== question.id),
  };
  const saved = c.answerReplaced(n, formatNumber(length, lang));
  if (next.step === 'question' && next.questionIndex === questionNumber - 1) {
    return turn(next, 'answered', {
      text: `${saved}\n${next.returnToReview ? c.answerGoOnToReview : c.answerGoOn}`,
      actions: questionActions(env, next),
      progress: questionProgress(env, next),
    });
  }
  // Replaced from elsewhere (review, or another question): show where the partner is now.
  return turn(next, 'answered', withLead([saved], currentPrompt(env, next)));
}

/**
 * The partner edited a message already sent. If it is the last paragraph of the open question's answer,
 * that paragraph is replaced; anything else (an older message, a command, another question) changes
 * nothing and the partner is told how to change an answer instead.
 */
export function onReviseMessage(env: TurnEnv, session: Session, previousText: string, text: string): Turn {
  const c = catalogOf(session);
  const lang = session.language;
  const question = session.step === 'question' ? env.flow.questions[session.questionIndex] : undefined;
  const existing = question ? (session.answers[question.id] ?? '') : '';
  const before = previousText.trim();
  const after = text.trim();
  const isLastParagraph =
    question !== undefined && before.length > 0 && (existing === before || existing.endsWith(`\n\n${before}`));
  if (!question || !isLastParagraph || session.pendingConfirmation !== null) {
    return refuse(env, session, c.revisionNotApplied);
  }
  const kept = existing.slice(0, existing.length - before.length);
  const combined = after.length === 0 ? kept.replace(/\n\n$/, '') : `${kept}${after}`;
  const n = formatNumber(session.questionIndex + 1, lang);
  const tooLong = refuseIfTooLong(env, session, session.questionIndex + 1, combined, existing);
  if (tooLong) return tooLong;
  const length = charCount(combined);
  const answers = { ...session.answers };
  if (combined.trim().length === 0) delete answers[question.id];
  else answers[question.id] = combined;
  const next: Session = { ...session, answers };
  return turn(next, 'answered', {
    text: `${c.revisionApplied(n, formatNumber(length, lang))}\n${session.returnToReview ? c.answerGoOnToReview : c.answerGoOn}`,
    actions: questionActions(env, next),
    progress: questionProgress(env, next),
  });
}
