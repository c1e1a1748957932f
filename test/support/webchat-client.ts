import type { Reply } from '../../src/core/types.js';

/** A tiny client for the web chat JSON API, used by end-to-end tests exactly as the page uses it. */
export class WebchatClient {
  sessionId = '';
  lastReplies: Reply[] = [];

  constructor(readonly baseUrl: string) {}

  async start(language?: 'en' | 'es'): Promise<Reply[]> {
    const response = await fetch(`${this.baseUrl}/chat/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(language ? { language } : {}),
    });
    if (response.status !== 201) throw new Error(`start failed: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { sessionId: string; replies: Reply[] };
    this.sessionId = body.sessionId;
    this.lastReplies = body.replies;
    return body.replies;
  }

  /** Starts a session and answers the profile steps (consent, anonymous, respondent type by number, no email),
   * leaving the partner on question 1. */
  async startAtFirstQuestion(respondentTypeNumber: string): Promise<void> {
    await this.start();
    await this.press('agree');
    await this.send('anonymous');
    await this.send(respondentTypeNumber);
    await this.send('skip');
  }

  /** Starts a session, answers question 1 with `answer` (anonymous, type 1, no email) and opens the review. */
  async reachReview(answer: string, organization = 'anonymous'): Promise<void> {
    await this.start();
    await this.press('agree');
    await this.send(organization);
    await this.send('1');
    await this.send('skip');
    await this.send(answer);
    await this.send('review');
  }

  async send(text: string, idempotencyKey?: string): Promise<Reply[]> {
    return this.post({ text }, idempotencyKey);
  }

  async press(action: string): Promise<Reply[]> {
    return this.post({ action });
  }

  async state(): Promise<{ step: string; progress: { index: number; total: number }; language: string; receipt?: string; trackingNumber?: string }> {
    const response = await fetch(`${this.baseUrl}/chat/api/session`, { headers: this.auth() });
    if (response.status !== 200) throw new Error(`state failed: ${response.status}`);
    return (await response.json()) as { step: string; progress: { index: number; total: number }; language: string; receipt?: string; trackingNumber?: string };
  }

  /** The "Remind me by email" box: GET reads it, PUT asks (double opt-in), with the session in the header as the page sends it. */
  reminders(body?: { email: string; remind: boolean; timeZone?: string }): Promise<Response> {
    return fetch(`${this.baseUrl}/chat/api/session/reminders`, {
      method: body === undefined ? 'GET' : 'PUT',
      headers: { 'content-type': 'application/json', ...this.auth() },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  /** The session id travels as a Bearer token, as the page sends it (never in the URL). */
  auth(): Record<string, string> {
    return { authorization: `Bearer ${this.sessionId}` };
  }

  private async post(body: unknown, idempotencyKey?: string): Promise<Reply[]> {
    const response = await fetch(`${this.baseUrl}/chat/api/session/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.auth(), ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
      body: JSON.stringify(body),
    });
    if (response.status !== 200) throw new Error(`message failed: ${response.status} ${await response.text()}`);
    const parsed = (await response.json()) as { replies: Reply[] };
    this.lastReplies = parsed.replies;
    return parsed.replies;
  }
}

export function allText(replies: Reply[]): string {
  return replies.map((reply) => reply.text).join('\n');
}

export function actionIds(replies: Reply[]): string[] {
  return replies.flatMap((reply) => reply.actions?.map((action) => action.id) ?? []);
}

export function receiptOf(replies: Reply[]): string | undefined {
  return replies.find((reply) => reply.receipt)?.receipt;
}
