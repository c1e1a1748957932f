import type { Reply } from '../../src/index.js';

/**
 * Web chat replies are the neutral replies as JSON; this drops empty fields so the payload stays small.
 * `review` (the structured review: warning first, each question apart from its answer, the length
 * budget), `intro` (the first screen, structured), `lead`, and each action's `emphasis` / `group` are passed through for the page to lay out.
 */
export function renderReplies(replies: Reply[]): Reply[] {
  return replies.map((reply) => ({
    text: reply.text,
    ...(reply.actions && reply.actions.length > 0
      ? {
          actions: reply.actions.map(({ id, label, emphasis, group }) => ({
            id,
            label,
            ...(emphasis ? { emphasis } : {}),
            ...(group ? { group } : {}),
          })),
        }
      : {}),
    ...(reply.progress ? { progress: { index: reply.progress.index, total: reply.progress.total } } : {}),
    ...(reply.receipt ? { receipt: reply.receipt } : {}),
    ...(reply.review ? { review: reply.review } : {}),
    ...(reply.intro ? { intro: reply.intro } : {}),
    ...(reply.lead && reply.lead.length > 0 ? { lead: reply.lead } : {}),
  }));
}
