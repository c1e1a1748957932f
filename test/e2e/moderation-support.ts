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

/** Signs in to the dashboard with a token, as a browser would: the session cookie, and the CSRF token of a page. */
export async function dashboardLogin(app: RunningApp, token: string): Promise<{ cookie: string; csrf: (path: string) => Promise<string> }> {
  const response = await fetch(`${app.url}/moderate/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, next: '/moderate/submissions' }).toString(),
    redirect: 'manual',
  });
  if (response.status !== 303) throw new Error(`login failed: ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
  return {
    cookie,
    async csrf(path: string) {
      const page = await (await fetch(`${app.url}${path}`, { headers: { cookie } })).text();
      return /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    },
  };
}

/** Posts a dashboard form (URL-encoded) with the session cookie; redirects are not followed. */
export function postForm(app: RunningApp, cookie: string, path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}
