import type { Language } from './types.js';

/**
 * What an adapter may show about a conversation besides the replies: the Slack Home tab and edit modal,
 * the Teams card's input box, the web chat's state endpoint, a reminder's countdown. The dispatcher
 * builds it from the session and the flow, so adapters never read sessions or engine internals.
 * Texts in it are already in the partner's language; everything else is language-neutral.
 */

/** The parts of the questionnaire, in order. */
export const STAGES = ['intro', 'organization', 'respondentType', 'contactEmail', 'question', 'review', 'submitted'] as const;
export type Stage = (typeof STAGES)[number];

/** Which input box a platform offers: a multiline answer box, one line (names, emails), or none. */
export type InputMode = 'answer' | 'short' | 'none';

export interface ConversationView {
  language: Language;
  stage: Stage;
  /** A stable, language-free name of the step: "intro", …, "question:3", "review", "submitted". */
  step: string;
  /** index = the open question (1-based) on a question; 0 before the questions; total after them. */
  progress: { index: number; total: number };
  inputMode: InputMode;
  /** The question open for an answer (1-based), unless a yes/no question is waiting; else null. */
  openQuestionNumber: number | null;
  answeredCount: number;
  questionCount: number;
  /** Set once submitted. */
  receipt: string | null;
  /** Whole days left before the deadline, in the flow's time zone (0 on the last day and after it). */
  daysLeft: number;
  deadlinePassed: boolean;
  /** The questionnaire's title in the partner's language. */
  title: string;
  /** The partner's IANA time zone, when a platform told us. */
  timeZone: string | null;
}

/** The questionnaire itself, for what adapters show before a conversation exists (Slack's Home tab). */
export interface QuestionnaireInfo {
  language: Language;
  title: string;
  questionCount: number;
  daysLeft: number;
  deadlinePassed: boolean;
}

/**
 * One answer as an "Edit answer" box shows it (Slack's modal), or why it cannot be edited now (no draft,
 * not on a question or the review, no such question) with the language to say so in.
 */
export type EditableAnswer =
  | { kind: 'editable'; language: Language; questionNumber: number; questionCount: number; questionText: string; currentAnswer: string }
  | { kind: 'unavailable'; language: Language };
