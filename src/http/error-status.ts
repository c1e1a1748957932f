import type { Language } from '../core/types.js';
import { isAppError, isExposedErrorCode, type ExposedErrorCode, type UserFacingErrorCode } from '../errors.js';
import { httpErrorMessages, rateLimitedMessage } from '../i18n/http-errors.js';
import { isRateLimitedError } from './rate-limit.js';

/**
 * The one place that turns error codes into HTTP statuses and user-safe, translated messages.
 * Unknown errors become 500 with a generic message: their own text may contain partner data.
 */
const STATUS_BY_CODE: Record<ExposedErrorCode, number> = {
  BODY_TOO_LARGE: 413,
  MALFORMED_JSON: 400,
  INVALID_REQUEST: 400,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  RATE_LIMITED: 429,
  SESSION_STORE_UNAVAILABLE: 503,
  COMMENT_STORE_UNAVAILABLE: 503,
  SESSION_CONFLICT: 503,
  SESSION_TOO_NEW: 503,
};

export function httpErrorFor(error: unknown, language: Language): { status: number; code: UserFacingErrorCode; message: string; retryAfterSeconds?: number } {
  if (isRateLimitedError(error)) {
    const retryAfterSeconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
    return { status: 429, code: 'RATE_LIMITED', message: rateLimitedMessage(language, retryAfterSeconds), retryAfterSeconds };
  }
  if (isAppError(error) && isExposedErrorCode(error.code)) {
    return { status: STATUS_BY_CODE[error.code], code: error.code, message: httpError(error.code, language) };
  }
  return { status: 500, code: 'INTERNAL', message: httpError('INTERNAL', language) };
}

export function httpError(code: UserFacingErrorCode, language: Language): string {
  return httpErrorMessages[language][code];
}
