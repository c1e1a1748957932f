import type { Language } from '../core/types.js';
import type { ConversationView, EditableAnswer, InputMode, QuestionnaireInfo, Stage } from '../core/view.js';
import { answeredCount } from '../flow/answers.js';
import { daysLeft, isPastDeadline } from '../flow/dates.js';
import type { FlowDefinition } from '../flow/definition.js';
import type { EngineContext } from '../flow/engine-types.js';
import { describeStep, progressOf } from '../flow/progress.js';
import type { Session } from '../flow/session.js';

/** Presentation facts about a session, for adapters (see ConversationView). Pure. */
export function viewOf(flow: FlowDefinition, session: Session, ctx: EngineContext, now: Date): ConversationView {
  return {
    language: session.language,
    stage: session.step,
    step: describeStep(session),
    progress: progressOf(flow, session),
    inputMode: inputModeFor(session.step),
    openQuestionNumber: session.step === 'question' && session.pendingConfirmation === null ? session.questionIndex + 1 : null,
    answeredCount: answeredCount(flow, session),
    questionCount: flow.questions.length,
    receipt: session.submission?.receipt ?? null,
    daysLeft: daysLeft(ctx.deadlineAt, now, flow.timeZone),
    deadlinePassed: isPastDeadline(ctx.deadlineAt, now),
    title: flow.title[session.language],
    timeZone: session.timeZone,
  };
}

/** Which input box a step gets: the multiline answer box for questions, one line for names and emails. */
export function inputModeFor(stage: Stage): InputMode {
  if (stage === 'question') return 'answer';
  if (stage === 'organization' || stage === 'contactEmail' || stage === 'respondentType') return 'short';
  return 'none';
}

/** The answer to question `questionNumber` as an edit box shows it; editable on a question or at review. */
export function editableAnswerOf(flow: FlowDefinition, session: Session | null, questionNumber: number): EditableAnswer {
  const language = session?.language ?? 'en';
  const question = flow.questions[questionNumber - 1];
  if (!session || !question || (session.step !== 'question' && session.step !== 'review')) return { kind: 'unavailable', language };
  return {
    kind: 'editable',
    language,
    questionNumber,
    questionCount: flow.questions.length,
    questionText: question.text[language],
    currentAnswer: session.answers[question.id] ?? '',
  };
}

export function questionnaireInfo(flow: FlowDefinition, language: Language, ctx: EngineContext, now: Date): QuestionnaireInfo {
  return {
    language,
    title: flow.title[language],
    questionCount: flow.questions.length,
    daysLeft: daysLeft(ctx.deadlineAt, now, flow.timeZone),
    deadlinePassed: isPastDeadline(ctx.deadlineAt, now),
  };
}
