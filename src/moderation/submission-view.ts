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
  /** What the partner typed (null = anonymous). Exports and forwarding send `publishedOrganization`. */
  organization: string | null;
  /** The moderator's redacted version of the organization (`questionId: "organization"`), else null. */
  organizationRedacted: string | null;
  respondentType: string;
  flowId: string;
  flowVersion: number;
  answers: ModerationAnswer[];
  flags: Flag[];
  committees: string[];
  piiHints: PiiHint[];
  /** Set when the answers are near-identical to an earlier submission's (moderators' hint, never exported). */
  possibleDuplicateOf: { id: string; receipt: string; similarity: number } | null;
  contactEmail?: string | null;
}

/** The text an export publishes for one answer: the redacted version when there is one. */
export function publishedAnswer(answer: ModerationAnswer): string | null {
  return answer.redacted ?? answer.answer;
}

/** The organization an export or the docket gets: the redacted version when there is one; '' counts as none. */
export function publishedOrganization(submission: Pick<ModerationSubmission, 'organization' | 'organizationRedacted'>): string | null {
  const published = submission.organizationRedacted ?? submission.organization;
  return published === null || published.trim() === '' ? null : published;
}
