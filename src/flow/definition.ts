import { z } from 'zod';
import { ORGANIZATION_FIELD_ID } from '../core/submission.js';

/**
 * A questionnaire ("flow") is data: one file in conversations/ that exports a definition checked by this
 * schema at startup. Every partner-facing string in it is given in every supported language.
 */
export const localizedTextSchema = z.object({
  en: z.string().trim().min(1, 'English text is required'),
  es: z.string().trim().min(1, 'Spanish text is required'),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const questionSchema = z.object({
  /** Stable id stored with every answer; never reuse an id for a different wording. */
  id: z.string().regex(/^[a-z0-9-]+$/, 'use lowercase letters, digits and dashes'),
  text: localizedTextSchema,
  help: localizedTextSchema,
});

const httpsUrlSchema = z.url({ protocol: /^https$/, message: 'use a full https:// address' });

export const contactSchema = z
  .object({
    /** A person, office or team, in every language. */
    name: localizedTextSchema,
    email: z.email({ message: 'use an email address such as office@example.gov' }).optional(),
    url: httpsUrlSchema.optional(),
  })
  .refine((contact) => contact.email !== undefined || contact.url !== undefined, {
    message: 'give an email or a url, so partners can reach the contact',
  });

export const respondentTypeSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'use lowercase letters, digits and dashes'),
  label: localizedTextSchema,
});

export const flowDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'use lowercase letters, digits and dashes'),
    /** Bump when wording changes; stored with every submission. */
    version: z.number().int().positive(),
    title: localizedTextSchema,
    /** Who is asking, shown in the intro. */
    askedBy: localizedTextSchema,
    /** What the consultation is about, shown in the intro. */
    purpose: localizedTextSchema,
    /** ISO 8601 with offset, e.g. 2022-03-15T23:59:59-04:00. RFI_DEADLINE overrides it. */
    deadline: z.iso.datetime({ offset: true, message: 'use ISO 8601 with an offset, e.g. 2022-03-15T23:59:59-04:00' }),
    /** IANA time zone used to show the deadline and count days left. */
    timeZone: z.string().refine(isValidTimeZone, 'use an IANA time zone such as America/New_York'),
    /**
     * The regulations.gov documentId of the notice this questionnaire answers (optional): the
     * regulations export uses it when no ?documentId is given. Forwarding always uses
     * COMMENT_DOCKET_DOCUMENT_ID, so a deployment says explicitly where comments go.
     */
    docketDocumentId: z.string().regex(/^[A-Za-z0-9_-]{3,80}$/, 'use a regulations.gov documentId such as DOS-2022-0004-0001').optional(),
    /** The official notice (e.g. its Federal Register page), so partners can check who is asking. */
    noticeUrl: httpsUrlSchema.optional(),
    /** Whom partners can ask about the consultation (shown in the intro and with every receipt). */
    contact: contactSchema.optional(),
    /** Public comment limit of the docket, in characters (regulations.gov: 5,000). */
    commentLimitChars: z.number().int().positive().default(5000),
    respondentTypes: z.array(respondentTypeSchema).min(2),
    questions: z.array(questionSchema).min(1).max(20),
    /** Help shown for the intro/organization/type/email steps. */
    help: z.object({
      intro: localizedTextSchema,
      organization: localizedTextSchema,
      respondentType: localizedTextSchema,
      contactEmail: localizedTextSchema,
      review: localizedTextSchema,
    }),
  })
  .superRefine((flow, ctx) => {
    const seen = new Set<string>();
    flow.questions.forEach((question, index) => {
      if (seen.has(question.id)) {
        ctx.addIssue({ code: 'custom', path: ['questions', index, 'id'], message: `duplicate question id "${question.id}"` });
      }
      if (question.id === ORGANIZATION_FIELD_ID) {
        ctx.addIssue({ code: 'custom', path: ['questions', index, 'id'], message: `"${ORGANIZATION_FIELD_ID}" is kept for the organization name (its PII hints and redaction); give the question another id` });
      }
      seen.add(question.id);
    });
  });

export type FlowDefinition = z.infer<typeof flowDefinitionSchema>;
export type FlowInput = z.input<typeof flowDefinitionSchema>;

function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
