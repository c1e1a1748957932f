/**
 * Errors carry a stable `code` (callers branch on it, never on message text) and the underlying `cause`.
 */
export class AppError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** A log-safe description of any thrown value: code and class only, never the message of foreign errors
 * (driver messages can echo SQL parameters, i.e. answer text). */
export function errorSummary(error: unknown): { code: string; type: string } {
  if (isAppError(error)) return { code: error.code, type: error.name };
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { code: typeof code === 'string' ? code : 'UNEXPECTED', type: error.name };
  }
  return { code: 'UNEXPECTED', type: typeof error };
}
