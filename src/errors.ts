/**
 * Errors carry a stable `code` (callers branch on it, never on message text or on the class name) and
 * the underlying `cause`. Every code the project throws is listed here: the HTTP status table and the
 * message catalogs are records over `ExposedErrorCode`, so a missing or misspelled code fails to compile.
 */
export const ERROR_CODES = [
  // Requests a partner, a platform or a moderator sent.
  'BODY_TOO_LARGE',
  'MALFORMED_JSON',
  'INVALID_REQUEST',
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'RATE_LIMITED',
  // Staff requests (roster, reminders) that name something invalid: a 400 with the reason.
  'INVALID_PARAMETERS',
  // Stores.
  'SESSION_STORE_UNAVAILABLE',
  'SESSION_STORE_FAILED',
  'SESSION_CONFLICT',
  'SESSION_INVALID',
  'SESSION_CORRUPT',
  'SESSION_TOO_NEW',
  'SESSION_VERSION_INVALID',
  'INVALID_TTL',
  'COMMENT_STORE_UNAVAILABLE',
  'COMMENT_STORE_FAILED',
  'SQL_CLIENT_CLOSED',
  // Startup.
  'CONFIG_INVALID',
  'FLOW_DEFINITION_INVALID',
  'FLOW_NOT_FOUND',
  'MEMORY_STORE_IN_PRODUCTION',
  'TEAMS_OVERRIDES_IN_PRODUCTION',
  'SLACK_START_FAILED',
  'LISTEN_FAILED',
  'DATA_DIR_LOCKED',
  // Calls to the platforms.
  'OUTBOUND_POST_FAILED',
  'SLACK_CALL_FAILED',
  // Anything else.
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The codes whose meaning may be shown to the person who made the request (each has a status and a message). */
export const EXPOSED_ERROR_CODES = [
  'BODY_TOO_LARGE',
  'MALFORMED_JSON',
  'INVALID_REQUEST',
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'RATE_LIMITED',
  'SESSION_STORE_UNAVAILABLE',
  'COMMENT_STORE_UNAVAILABLE',
  'SESSION_CONFLICT',
  'SESSION_TOO_NEW',
] as const satisfies readonly ErrorCode[];

export type ExposedErrorCode = (typeof EXPOSED_ERROR_CODES)[number];

/** What a user may be told: an exposed code, or INTERNAL for everything else. */
export type UserFacingErrorCode = ExposedErrorCode | 'INTERNAL';

export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function isExposedErrorCode(code: string): code is ExposedErrorCode {
  return (EXPOSED_ERROR_CODES as readonly string[]).includes(code);
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
