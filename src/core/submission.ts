import type { Channel, Language } from './types.js';

/** Kinds of personal information the scanner looks for. */
export type PiiKind = 'email' | 'phone' | 'ssn' | 'street-address' | 'date-of-birth' | 'personal-name';

/** Every kind, in the order the review lists them. */
export const PII_KINDS: readonly PiiKind[] = ['email', 'phone', 'ssn', 'street-address', 'date-of-birth', 'personal-name'];

/**
 * The organization is partner text too: its PII hints carry this `questionId`, and moderators redact it
 * under the same id (`POST /api/submissions/{id}/redactions`). No question may use this id.
 */
export const ORGANIZATION_FIELD_ID = 'organization';

export interface PiiHint {
  /** The question's id, or ORGANIZATION_FIELD_ID for the organization name. */
  questionId: string;
  kind: PiiKind;
  /** Character offsets into the answer; the matched text itself is never copied anywhere. */
  start: number;
  end: number;
}

export interface SubmittedAnswer {
  questionId: string;
  /** 1-based position of the question in the flow. */
  index: number;
  /** The wording shown to the respondent, in their language, frozen at submit time. */
  question: string;
  /** null = skipped / not answered. */
  answer: string | null;
}

/** A finished submission as written to the comment store. */
export interface NewSubmission {
  /** Equal to the session's draftId, so re-submitting the same draft is idempotent. */
  id: string;
  receipt: string;
  flowId: string;
  flowVersion: number;
  answers: SubmittedAnswer[];
  /** null = anonymous. */
  organization: string | null;
  respondentType: string;
  language: Language;
  channel: Channel;
  submittedAt: string;
  piiHints: PiiHint[];
  /** Private: stored apart from the public record and never exported. */
  contactEmail: string | null;
  /** Private: which platform conversation sent it (for follow-up), stored with the contact details. */
  conversationKey: string;
}

export type StoredSubmission = Omit<NewSubmission, 'contactEmail' | 'conversationKey'>;
