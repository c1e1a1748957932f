import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { AppError, ERROR_CODES, EXPOSED_ERROR_CODES, errorSummary, isExposedErrorCode } from '../../src/errors.js';
import { httpErrorFor } from '../../src/http/error-status.js';
import { PostError } from '../../src/http/outbound-post.js';
import { httpErrorMessages } from '../../src/i18n/http-errors.js';
import { SqlClientClosedError } from '../../src/store/sql-client.js';
import { FlowDefinitionError } from '../../conversations/index.js';
import { SlackCallError } from '../../adapters/slack/web-api-http.js';

/**
 * The typed error list: what a partner is told for each code, in both languages, and which errors stay
 * generic. The compile-time half (records over the union) is checked by `tsc`; this checks behaviour.
 */
describe('error codes', () => {
  it('lists each code once; the exposed codes are a subset', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of EXPOSED_ERROR_CODES) expect(ERROR_CODES).toContain(code);
  });

  it('every exposed code has a status and a distinct, plain message in English and Spanish', () => {
    for (const code of EXPOSED_ERROR_CODES) {
      const en = httpErrorFor(new AppError(code, 'x'), 'en');
      const es = httpErrorFor(new AppError(code, 'x'), 'es');
      expect(en.code).toBe(code);
      expect(en.status).toBeGreaterThanOrEqual(400);
      expect(en.status).toBe(es.status);
      expect(en.message.length).toBeGreaterThan(10);
      expect(es.message).not.toBe(en.message);
    }
    expect(Object.keys(httpErrorMessages.en).sort()).toEqual(Object.keys(httpErrorMessages.es).sort());
  });

  it('internal codes and foreign errors become a generic 500 that never echoes their message', () => {
    for (const error of [new AppError('SESSION_CORRUPT', 'secret answer text'), new Error('secret answer text'), 'a string', new SqlClientClosedError()]) {
      const mapped = httpErrorFor(error, 'en');
      expect(mapped).toEqual({ status: 500, code: 'INTERNAL', message: httpErrorMessages.en.INTERNAL });
    }
    expect(isExposedErrorCode('SESSION_CORRUPT')).toBe(false);
    expect(isExposedErrorCode('NOT_A_CODE')).toBe(false);
  });

  it('the error classes outside the core are AppErrors with their own code and class name', () => {
    let config: unknown;
    try {
      loadConfig({ PORT: 'eighty' });
    } catch (error) {
      config = error;
    }
    const cases: Array<[unknown, string, string]> = [
      [config, 'CONFIG_INVALID', 'ConfigError'],
      [new FlowDefinitionError('bad', 'conversations/x.ts'), 'FLOW_DEFINITION_INVALID', 'FlowDefinitionError'],
      [new PostError('timeout'), 'OUTBOUND_POST_FAILED', 'PostError'],
      [new SlackCallError('channel_not_found', 'chat.postMessage'), 'SLACK_CALL_FAILED', 'SlackCallError'],
      [new SqlClientClosedError(), 'SQL_CLIENT_CLOSED', 'SqlClientClosedError'],
    ];
    for (const [error, code, type] of cases) {
      expect(error).toBeInstanceOf(AppError);
      expect(errorSummary(error)).toEqual({ code, type });
    }
    expect(config).toBeInstanceOf(ConfigError);
  });
});
