import { describe, expect, it } from 'vitest';
import { isStorable, storableInput, storableText } from '../../src/flow/storable-text.js';
import { classifyStoreFailure } from '../../src/store/store-failure.js';
import { nextSubmitAttemptAt } from '../../src/dispatcher/submit-backoff.js';
import { AppError } from '../../src/errors.js';

describe('storableText: what Postgres text cannot keep is removed, nothing else', () => {
  it('removes NUL and lone surrogates (high, low, reversed, at either end) and counts them', () => {
    expect(storableText('a\u0000b\u0000')).toEqual({ text: 'ab', removed: 2 });
    expect(storableText('\ud800x')).toEqual({ text: 'x', removed: 1 });
    expect(storableText('x\ud800')).toEqual({ text: 'x', removed: 1 });
    expect(storableText('x\udc00y')).toEqual({ text: 'xy', removed: 1 });
    expect(storableText('\udc00\ud800')).toEqual({ text: '', removed: 2 });
    expect(storableText('\ud800\ud800\udc00')).toEqual({ text: '\ud800\udc00', removed: 1 });
  });

  it('keeps every other character exactly, and returns the same string when nothing is removed', () => {
    const kept = 'tab\t\u0001\u001b\u007f\u0085\u009f \u202e\u2066 \u200b\u200d\ufeff e\u0301 \u{1f469}\u200d\u{1f467} \ufdd0\uffff\u{10ffff} \u2028';
    expect(isStorable(kept)).toBe(true);
    expect(storableText(kept)).toEqual({ text: kept, removed: 0 });
  });

  it('is linear: a 1,000,000-unit string of lone surrogates is handled in one pass', () => {
    const hostile = '\ud800'.repeat(1_000_000);
    expect(storableText(hostile)).toEqual({ text: '', removed: 1_000_000 });
  });

  it('cleans every piece of partner text in a turn input, and an edit\'s previous text the same way', () => {
    expect(storableInput({ kind: 'text', text: 'a\u0000' })).toEqual({ input: { kind: 'text', text: 'a' }, removed: 1 });
    expect(storableInput({ kind: 'replaceAnswer', questionNumber: 2, text: '\ud800b' })).toEqual({ input: { kind: 'replaceAnswer', questionNumber: 2, text: 'b' }, removed: 1 });
    expect(storableInput({ kind: 'reviseMessage', previousText: 'old\u0000', text: 'new' })).toEqual({ input: { kind: 'reviseMessage', previousText: 'old', text: 'new' }, removed: 0 });
    const start = { kind: 'start' } as const;
    expect(storableInput(start).input).toBe(start);
  });
});

describe('classifyStoreFailure: by codes, never by message text', () => {
  const driver = (code: string) => Object.assign(new Error('driver message that may echo a parameter'), { code });
  const failed = (cause: unknown) => new AppError('COMMENT_STORE_FAILED', 'failed', { cause });
  it.each([
    ['22021', 'encoding', false],
    ['22P05', 'encoding', false],
    ['22P02', 'encoding', false],
    ['23505', 'constraint', false],
    ['23514', 'constraint', false],
    ['22001', 'data', false],
    ['42703', 'bug', false],
    ['57014', 'timeout', true],
    ['40001', 'busy', true],
    ['40P01', 'busy', true],
    ['53100', 'busy', true],
  ])('SQLSTATE %s is %s (transient: %s)', (sqlstate, code, transient) => {
    expect(classifyStoreFailure(failed(driver(sqlstate)))).toEqual({ code, transient });
  });

  it('an unreachable store is transient; a timeout says so; anything unknown is a bug, never retried', () => {
    expect(classifyStoreFailure(new AppError('COMMENT_STORE_UNAVAILABLE', 'down', { cause: driver('ECONNREFUSED') }))).toEqual({ code: 'unavailable', transient: true });
    expect(classifyStoreFailure(new AppError('COMMENT_STORE_UNAVAILABLE', 'down', { cause: driver('ETIMEDOUT') }))).toEqual({ code: 'timeout', transient: true });
    expect(classifyStoreFailure(new AppError('SESSION_STORE_UNAVAILABLE', 'down'))).toEqual({ code: 'unavailable', transient: true });
    expect(classifyStoreFailure(new AppError('SESSION_STORE_FAILED', 'WRONGTYPE'))).toEqual({ code: 'refused', transient: false });
    expect(classifyStoreFailure(failed(new TypeError('x is undefined')))).toEqual({ code: 'bug', transient: false });
    expect(classifyStoreFailure(new Error('something else'))).toEqual({ code: 'bug', transient: false });
  });
});

describe('nextSubmitAttemptAt: each waiting submit backs off on its own', () => {
  it('is due at once after the partner\'s own submit, then 5 s doubling to at most 5 minutes', () => {
    const now = new Date('2026-11-30T10:00:00.000Z');
    const delays = [0, 1, 2, 3, 6, 7, 30].map((attempts) => nextSubmitAttemptAt(attempts, now).getTime() - now.getTime());
    expect(delays).toEqual([0, 5_000, 10_000, 20_000, 160_000, 300_000, 300_000]);
  });
});
