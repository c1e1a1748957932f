import { z } from 'zod';
import { CHANNELS, LANGUAGES } from '../core/types.js';
import { STAGES } from '../core/view.js';

/**
 * The saved state of one conversation. Plain JSON with a schema version, so it can be stored in Redis and
 * upgraded: a change of shape bumps SESSION_SCHEMA_VERSION and adds one step to session-migrations.ts
 * (with a stored fixture of the old shape under test/fixtures/sessions/). `version` is the
 * optimistic-concurrency counter: the store only saves a session whose version is exactly one more than
 * the stored one.
 */
export const SESSION_SCHEMA_VERSION = 2;

export const stepSchema = z.enum(STAGES);
export type Step = z.infer<typeof stepSchema>;

/** A question as the partner last saw it: its id and a fingerprint of its wording (both languages). */
export const seenQuestionSchema = z.object({ id: z.string(), fingerprint: z.string() });
export type SeenQuestion = z.infer<typeof seenQuestionSchema>;

export const sessionSchema = z.object({
  schemaVersion: z.literal(SESSION_SCHEMA_VERSION),
  /** Optimistic-concurrency counter, starts at 0 for a session never saved. */
  version: z.number().int().nonnegative(),
  /** Random id chosen when the conversation starts; becomes the submission id (idempotent submit). */
  draftId: z.string().min(16),
  flowId: z.string(),
  /** The flow version the draft was last brought up to date with (see flow-upgrade.ts). */
  flowVersion: z.number().int(),
  /**
   * The flow's questions, in order, as of `flowVersion`, so a later flow version can re-map the open
   * question by id and tell which questions were reworded. null = not known (a session saved before
   * schema version 2).
   */
  seenQuestions: z.array(seenQuestionSchema).nullable(),
  channel: z.enum(CHANNELS),
  language: z.enum(LANGUAGES),
  step: stepSchema,
  /** 0-based index of the open question when step === 'question'. */
  questionIndex: z.number().int().nonnegative(),
  /** Set by `edit N` from review: `next`/`review` go back to review instead of the next question. */
  returnToReview: z.boolean(),
  /**
   * A command waiting for "yes"/"no": `cancel` (discard the draft) or `clear` (remove the open question's
   * answer, the only way to take text out of an answer, e.g. personal information found at review).
   */
  pendingConfirmation: z.enum(['cancel', 'clear']).nullable(),
  consentedAt: z.string().nullable(),
  /** undefined = not asked yet; null = anonymous. */
  organization: z.string().nullable().optional(),
  respondentTypeId: z.string().nullable(),
  /** Private: never part of the public record. null = skipped. */
  contactEmail: z.string().nullable().optional(),
  /** question id → answer text so far. Missing = not answered. */
  answers: z.record(z.string(), z.string()),
  /** question ids the partner explicitly skipped. */
  skipped: z.array(z.string()),
  /** Answered questions whose wording changed in a later flow version; shown with a note until the answer changes. */
  reworded: z.array(z.string()),
  /** Answers to questions a later flow version removed: kept in the draft and shown at review, not submitted. */
  retiredAnswers: z.array(z.object({ questionId: z.string(), answer: z.string() })),
  /** The flow changed since the partner's last turn: their next reply starts with a short note saying so. */
  flowUpdatedNotice: z.boolean(),
  submission: z
    .object({ id: z.string(), receipt: z.string(), submittedAt: z.string() })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Learned from the platform (Slack users.info, Teams localTimezone); used by reminders. */
  timeZone: z.string().nullable(),
});
export type Session = z.infer<typeof sessionSchema>;
