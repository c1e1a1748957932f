import type { PiiHint } from '../core/submission.js';
import type { Channel, Language } from '../core/types.js';
import type { Flag } from './committees.js';

/** One answer as moderators see it: the frozen question wording, the original, and the redacted version if any. */
export interface ModerationAnswer {
  questionId: string;
  index: number;
  question: string;
  answer: string | null;
  /** What exports use instead of `answer`; null when no redaction was made. */
  redacted: string | null;
}

/** The Submission JSON of the moderation API. `contactEmail` appears only for admins, on the single view. */
export interface ModerationSubmission {
  id: string;
  receipt: string;
  submittedAt: string;
  channel: Channel;
  language: Language;
  organization: string | null;
  respondentType: string;
  flowId: string;
  flowVersion: number;
  answers: ModerationAnswer[];
  flags: Flag[];
  committees: string[];
  piiHints: PiiHint[];
  contactEmail?: string | null;
}

/** The text an export publishes for one answer: the redacted version when there is one. */
export function publishedAnswer(answer: ModerationAnswer): string | null {
  return answer.redacted ?? answer.answer;
}
