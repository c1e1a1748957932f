import { TRANSIENT_STORE_ERROR_CODES, type StoreErrorCode } from '../core/ports.js';
import { isAppError } from '../errors.js';
import { isConnectionError } from './sql-client.js';

/**
 * Why a store call failed, as one of the fixed StoreErrorCode words, and whether trying again later can
 * help. Judged by error codes only (AppError codes, Postgres SQLSTATEs, Node errnos), never by message
 * text: the driver's message may echo parameters, that is, partner text.
 *
 * Transient (retry with back-off): the database is unreachable or closed, a timeout, a serialization
 * failure or deadlock, out of resources. Permanent (never retried blindly): the database refused the
 * value (encoding, constraint, other data exception), or anything unrecognised — a bug in our code or
 * our SQL, which the same input would hit again.
 */
export interface StoreFailure {
  code: StoreErrorCode;
  transient: boolean;
}

const TIMEOUT_ERRNOS = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT']);
/** 57014 query_canceled (statement_timeout), 55P03 lock_not_available (lock_timeout). */
const TIMEOUT_SQLSTATES = new Set(['57014', '55P03']);
/** 40001 serialization_failure, 40P01 deadlock_detected; class 53 insufficient resources. */
const BUSY_SQLSTATES = new Set(['40001', '40P01']);
/** 22021 character_not_in_repertoire (NUL), 22P05 untranslatable_character, 22P02 invalid text (bad JSON, lone surrogates). */
const ENCODING_SQLSTATES = new Set(['22021', '22P05', '22P02']);

export function classifyStoreFailure(error: unknown): StoreFailure {
  const code = codeOf(error);
  return { code, transient: TRANSIENT_STORE_ERROR_CODES.includes(code) };
}

function codeOf(error: unknown): StoreErrorCode {
  if (isAppError(error)) {
    if (error.code === 'SESSION_STORE_UNAVAILABLE' || error.code === 'COMMENT_STORE_UNAVAILABLE' || error.code === 'SQL_CLIENT_CLOSED') {
      return timeoutIn(error) ? 'timeout' : 'unavailable';
    }
    if (error.code === 'SESSION_STORE_FAILED') return 'refused';
    if (error.code === 'COMMENT_STORE_FAILED') return error.cause === undefined ? 'bug' : codeOf(error.cause);
    return 'bug';
  }
  const driverCode = (error as { code?: unknown } | null)?.code;
  if (typeof driverCode === 'string') {
    if (TIMEOUT_ERRNOS.has(driverCode) || TIMEOUT_SQLSTATES.has(driverCode)) return 'timeout';
    if (BUSY_SQLSTATES.has(driverCode) || driverCode.startsWith('53')) return 'busy';
    if (ENCODING_SQLSTATES.has(driverCode)) return 'encoding';
    if (driverCode.startsWith('23')) return 'constraint';
    if (driverCode.startsWith('22')) return 'data';
  }
  if (isConnectionError(error)) return 'unavailable';
  return 'bug';
}

/** A connection error whose cause chain names a timeout errno. */
function timeoutIn(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (TIMEOUT_ERRNOS.has(code) || TIMEOUT_SQLSTATES.has(code))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
