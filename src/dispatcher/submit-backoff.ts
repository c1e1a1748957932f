/**
 * When a waiting submit is tried next. The partner's own refused submit is due at once (the retry job
 * looks every few seconds, and only when the comment store answers its ping); each retry that fails
 * after that waits twice as long as the one before, from 5 s up to 5 minutes. Each waiting submit has
 * its own clock, so a submit that keeps failing goes to the back and never delays the others.
 */
export const SUBMIT_RETRY_FIRST_DELAY_MS = 5_000;
export const SUBMIT_RETRY_MAX_DELAY_MS = 5 * 60_000;

/** `attempts`: retries of this submit that have failed so far (0 = only the partner's own submit). */
export function nextSubmitAttemptAt(attempts: number, now: Date): Date {
  if (attempts <= 0) return now;
  const delayMs = Math.min(SUBMIT_RETRY_FIRST_DELAY_MS * 2 ** Math.min(attempts - 1, 20), SUBMIT_RETRY_MAX_DELAY_MS);
  return new Date(now.getTime() + delayMs);
}
