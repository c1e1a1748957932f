import { z } from 'zod';
import { CHANNELS, LANGUAGES } from '../core/types.js';

/**
 * The saved state of one conversation. Plain JSON with a schema version, so it can be stored in Redis and
 * migrated. `version` is the optimistic-concurrency counter: the store only saves a session whose
 * version is exactly one more than the stored one.
 */
export const SESSION_SCHEMA_VERSION = 1;

export const stepSchema = z.enum([
  'intro',
  'organization',
  'respondentType',
  'contactEmail',
  'question',
  'review',
  'submitted',
]);
export type Step = z.infer<typeof stepSchema>;

export const sessionSchema = z.object({
  schemaVersion: z.literal(SESSION_SCHEMA_VERSION),
  /** Optimistic-concurrency counter, starts at 0 for a session never saved. */
  version: z.number().int().nonnegative(),
  /** Random id chosen when the conversation starts; becomes the submission id (idempotent submit). */
  draftId: z.string().min(16),
  flowId: z.string(),
  flowVersion: z.number().int(),
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
  submission: z
    .object({ id: z.string(), receipt: z.string(), submittedAt: z.string() })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Learned from the platform (Slack users.info, Teams localTimezone); used by reminders. */
  timeZone: z.string().nullable(),
});
export type Session = z.infer<typeof sessionSchema>;
