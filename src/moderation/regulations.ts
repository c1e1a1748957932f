import { publishedAnswer, publishedOrganization, type ModerationSubmission } from './submission-view.js';

/**
 * One submission as a regulations.gov v4 comment POST body (`JSONResourcePostRequestObject` of
 * docs/specs/regulationsgov-v4-openapi.yaml: `{ data: { type: "comments", attributes } }`, the
 * attributes an OrganizationComment or AnonymousComment). Pure.
 *
 * - `comment` holds at most 5,000 characters (the spec's maxLength). When the text is longer it is cut
 *   at a paragraph or word boundary and ends with a note that the full text is attached; `files` then
 *   names the attachment (`<receipt>-full-text.txt`), whose text is returned alongside (not part of the
 *   API body) so the moderator can upload it.
 * - Published answers and organization are the redacted versions when moderators made one.
 * - The contact email is never included (`email`, `sendEmailReceipt` are left out on purpose).
 */
export const COMMENT_MAX_CHARS = 5000;

export interface RegulationsComment {
  data: {
    type: 'comments';
    attributes: {
      commentOnDocumentId: string;
      submissionType: 'API';
      submitterType: 'Organization' | 'Anonymous';
      comment: string;
      organization?: string;
      organizationType?: string;
      category: string;
      submissionKey: string;
      files?: string[];
    };
  };
}

export interface RegulationsExportItem {
  submissionId: string;
  receipt: string;
  body: RegulationsComment;
  /** Present when the comment text was cut: the file to upload with the comment. */
  attachment: { fileName: string; contentType: 'text/plain; charset=utf-8'; text: string } | null;
}

export function fullCommentText(submission: ModerationSubmission): string {
  return submission.answers
    .map((a) => ({ a, text: publishedAnswer(a) }))
    .filter(({ text }) => text !== null && text.trim() !== '')
    .map(({ a, text }) => `${a.index}. ${a.question}\n\n${text ?? ''}`)
    .join('\n\n');
}

export function toRegulationsItem(submission: ModerationSubmission, documentId: string): RegulationsExportItem {
  const full = fullCommentText(submission);
  const fileName = `${submission.receipt}-full-text.txt`;
  const truncated = full.length > COMMENT_MAX_CHARS;
  const note =
    submission.language === 'es'
      ? `\n\n[Texto recortado: el texto completo está en el archivo adjunto ${fileName}.]`
      : `\n\n[Shortened: the full text is in the attached file ${fileName}.]`;
  const comment = truncated ? cutAtBoundary(full, COMMENT_MAX_CHARS - note.length) + note : full;
  const org = publishedOrganization(submission);
  const attributes: RegulationsComment['data']['attributes'] = {
    commentOnDocumentId: documentId,
    submissionType: 'API',
    submitterType: org ? 'Organization' : 'Anonymous',
    comment,
    ...(org ? { organization: org.slice(0, 120), organizationType: submission.respondentType } : {}),
    category: submission.respondentType,
    submissionKey: submission.receipt,
    ...(truncated ? { files: [fileName] } : {}),
  };
  return {
    submissionId: submission.id,
    receipt: submission.receipt,
    body: { data: { type: 'comments', attributes } },
    attachment: truncated ? { fileName, contentType: 'text/plain; charset=utf-8', text: full } : null,
  };
}

/** The longest prefix of `text` within `max` characters ending at a paragraph or word break. */
function cutAtBoundary(text: string, max: number): string {
  const cut = text.slice(0, max);
  // Never split a surrogate pair (an emoji, say) in two.
  const head = /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
  const paragraph = head.lastIndexOf('\n\n');
  if (paragraph > max * 0.8) return head.slice(0, paragraph).trimEnd();
  const space = head.lastIndexOf(' ');
  return (space > max * 0.8 ? head.slice(0, space) : head).trimEnd();
}
