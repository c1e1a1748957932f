import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CENSORED, createLogger } from '../../src/logger.js';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

/** The value at a path of property names (or undefined). */
function at(value: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>((inner, key) => (typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>)[key] : undefined), value);
}

describe('logger censor', () => {
  it('censors secret-bearing keys at the top level and two levels down, and nothing else', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        text: 'an answer',
        channel: 'slack',
        req: { authorization: 'Bearer xoxb-secret', method: 'POST', nested: { email: 'a@b.org', step: 'review' } },
        list: [{ token: 'tok' }, 'plain'],
        deep: { one: { two: { answer: 'beyond the third level is left alone' } } },
      },
      'turn processed',
    );
    const line: unknown = lines[0];
    expect(at(line, 'text')).toBe(CENSORED);
    expect(at(line, 'channel')).toBe('slack');
    expect(at(line, 'req', 'authorization')).toBe(CENSORED);
    expect(at(line, 'req', 'method')).toBe('POST');
    expect(at(line, 'req', 'nested')).toEqual({ email: CENSORED, step: 'review' });
    expect(at(line, 'list')).toEqual([{ token: CENSORED }, 'plain']);
    expect(at(line, 'deep', 'one', 'two', 'answer')).toBe('beyond the third level is left alone');
    expect(at(line, 'msg')).toBe('turn processed');
  });

  it('never changes the caller’s objects', () => {
    const { logger, lines } = capture();
    const fields = { secret: 's3cret', body: 'raw payload', ids: { contactEmail: 'x@y.org' } };
    logger.warn(fields, 'refused');
    const line: unknown = lines[0];
    expect(at(line, 'secret')).toBe(CENSORED);
    expect(at(line, 'body')).toBe(CENSORED);
    expect(at(line, 'ids', 'contactEmail')).toBe(CENSORED);
    expect(fields).toEqual({ secret: 's3cret', body: 'raw payload', ids: { contactEmail: 'x@y.org' } });
    expect(JSON.stringify(lines)).not.toMatch(/s3cret|raw payload|x@y\.org/);
  });
});
