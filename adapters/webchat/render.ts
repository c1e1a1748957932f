import type { Reply } from '../../src/index.js';

/** Web chat replies are the neutral replies as JSON; this drops empty fields so the payload stays small. */
export function renderReplies(replies: Reply[]): Reply[] {
  return replies.map((reply) => ({
    text: reply.text,
    ...(reply.actions && reply.actions.length > 0 ? { actions: reply.actions.map(({ id, label }) => ({ id, label })) } : {}),
    ...(reply.progress ? { progress: { index: reply.progress.index, total: reply.progress.total } } : {}),
    ...(reply.receipt ? { receipt: reply.receipt } : {}),
  }));
}
