import { z } from 'zod';
import { AppError, storableText, type Language, type TurnInput } from '../../src/index.js';

/** Pure parsing of web chat API bodies into neutral inputs. Wrong shapes are a 400 with code INVALID_REQUEST. */

/** 24 random bytes, base64url: 192 bits, unguessable. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{32}$/;

const createBodySchema = z.object({ language: z.enum(['en', 'es']).optional() }).strict();

const messageBodySchema = z.union([
  z.object({ text: z.string().min(1).max(60_000) }).strict(),
  z.object({ action: z.string().min(1).max(100) }).strict(),
]);

export function parseCreateBody(body: unknown): { language: Language | undefined } {
  const parsed = createBodySchema.safeParse(body ?? {});
  if (!parsed.success) throw new AppError('INVALID_REQUEST', 'Expected {} or { "language": "en" | "es" }.', { cause: parsed.error });
  return { language: parsed.data.language };
}

export function parseMessageBody(body: unknown): TurnInput {
  const parsed = messageBodySchema.safeParse(body);
  if (!parsed.success) {
    throw new AppError('INVALID_REQUEST', 'Expected { "text": string } or { "action": string }.', { cause: parsed.error });
  }
  return 'text' in parsed.data ? { kind: 'text', text: parsed.data.text } : { kind: 'action', actionId: parsed.data.action };
}

const remindersBodySchema = z
  .object({
    // Cleaned like every piece of partner text (a NUL would make the roster's database refuse it).
    email: z
      .string()
      .transform((email) => storableText(email).text)
      .pipe(z.string().trim().max(254).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/)),
    remind: z.boolean(),
    timeZone: z.string().max(64).optional(),
  })
  .strict();

/** `PUT …/reminders` { email, remind, timeZone? }: the browser's Intl time zone is kept only when valid. */
export function parseRemindersBody(body: unknown): { email: string; remind: boolean; timeZone?: string } {
  const parsed = remindersBodySchema.safeParse(body);
  if (!parsed.success) {
    throw new AppError('INVALID_REQUEST', 'Expected { "email": "name@example.org", "remind": true | false, "timeZone"?: "America/Chicago" }.', { cause: parsed.error });
  }
  const { email, remind, timeZone } = parsed.data;
  return { email, remind, ...(timeZone && isTimeZone(timeZone) ? { timeZone } : {}) };
}

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The client's Idempotency-Key makes a retried POST a duplicate delivery instead of a second answer. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  return /^[A-Za-z0-9_-]{8,100}$/.test(value) ? value : undefined;
}
