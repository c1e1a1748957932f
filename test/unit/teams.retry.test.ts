import { describe, expect, it } from 'vitest';
import { classifyStatus, parseRetryAfterMs, retryDelayMs, type RetryPolicy } from '../../adapters/teams/retry-policy.js';

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 5000, budgetMs: 10000 };

describe('Bot Connector retry rules', () => {
  it('retries 429, 412, 502, 504; 403 is the app removed; the rest are not retried', () => {
    expect([429, 412, 502, 504].map(classifyStatus)).toEqual(['retry', 'retry', 'retry', 'retry']);
    expect(classifyStatus(403)).toBe('app-removed');
    expect([400, 401, 404, 500, 501].map(classifyStatus)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed']);
  });

  it('honours Retry-After in seconds or as an HTTP date, and gives up when it asks for too long', () => {
    const now = Date.parse('2026-11-28T12:00:00Z');
    expect(parseRetryAfterMs('2', now)).toBe(2000);
    expect(parseRetryAfterMs('0.5', now)).toBe(500);
    expect(parseRetryAfterMs('Sat, 28 Nov 2026 12:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfterMs('soon', now)).toBeNull();
    expect(retryDelayMs(1, '2', policy, now)).toBe(2000);
    expect(retryDelayMs(1, '60', policy, now)).toBeNull();
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(retryDelayMs(1, null, policy, 0, () => 0)).toBe(100);
    expect(retryDelayMs(1, null, policy, 0, () => 1)).toBe(200);
    expect(retryDelayMs(3, null, policy, 0, () => 1)).toBe(800);
    expect(retryDelayMs(10, null, policy, 0, () => 1)).toBe(5000);
  });
});
