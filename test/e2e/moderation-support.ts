import { randomUUID } from 'node:crypto';
import type { RunningApp } from '../../src/app.js';
import type { NewSubmission } from '../../src/core/submission.js';
import type { Channel } from '../../src/core/types.js';
import { scanForPii } from '../../src/flow/pii.js';
import type { Role } from '../../src/moderation/roles.js';

/** Helpers for the moderation end-to-end suites: submissions written through the real comment store. */
export interface SubmissionInput {
  organization?: string | null;
  respondentType?: string;
  channel?: Channel;
  submittedAt?: string;
  /** Answers by question index (1-based); missing = not answered. */
  answers?: Record<number, string>;
  contactEmail?: string | null;
  language?: 'en' | 'es';
  /** Which conversation sent it (default: a new web chat session). */
  conversationKey?: string;
}

export async function addSubmission(app: RunningApp, input: SubmissionInput = {}): Promise<NewSubmission> {
  const id = randomUUID();
  const answersByIndex = input.answers ?? { 1: 'Default answer about equity.' };
  const answers = app.flow.questions.map((q, i) => ({
    questionId: q.id,
    index: i + 1,
    question: q.text[input.language ?? 'en'],
    answer: answersByIndex[i + 1] ?? null,
  }));
  const submission: NewSubmission = {
    id,
    receipt: `RFI-${id.slice(0, 8).toUpperCase()}`,
    flowId: app.flow.id,
    flowVersion: app.flow.version,
    answers,
    organization: input.organization === undefined ? 'Test Org' : input.organization,
    respondentType: input.respondentType ?? 'direct-service-provider',
    language: input.language ?? 'en',
    channel: input.channel ?? 'webchat',
    submittedAt: input.submittedAt ?? new Date().toISOString(),
    piiHints: answers.flatMap((a) => (a.answer ? scanForPii(a.questionId, a.answer) : [])),
    contactEmail: input.contactEmail ?? null,
    conversationKey: input.conversationKey ?? `webchat:web:${id}`,
  };
  await app.commentStore.saveSubmission(submission);
  return submission;
}

export async function tokenFor(app: RunningApp, role: Role, name = `${role} tester`): Promise<{ token: string; id: string }> {
  const { token, record } = await app.database.moderation.createToken(role, name);
  return { token, id: record.id };
}

export function api(app: RunningApp, token?: string) {
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...extra,
  });
  return {
    get: (path: string) => fetch(`${app.url}${path}`, { headers: headers(), redirect: 'manual' }),
    post: (path: string, body: unknown) =>
      fetch(`${app.url}${path}`, { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify(body), redirect: 'manual' }),
    async json<T = Record<string, unknown>>(path: string): Promise<T> {
      const response = await fetch(`${app.url}${path}`, { headers: headers() });
      if (response.status !== 200) throw new Error(`GET ${path} → ${response.status}: ${await response.text()}`);
      return (await response.json()) as T;
    },
  };
}

export interface SubmissionJson {
  id: string;
  receipt: string;
  submittedAt: string;
  organization: string | null;
  flags: string[];
  committees: string[];
  answers: Array<{ questionId: string; index: number; question: string; answer: string | null; redacted: string | null }>;
  contactEmail?: string | null;
}

export interface PageJson {
  items: SubmissionJson[];
  nextCursor: string | null;
}
