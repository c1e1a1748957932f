import { describe, expect, it } from 'vitest';
import { createLogThrottle } from '../../src/log-throttle.js';

describe('log throttle', () => {
  it('passes the first lines of each window per key, then says how many it dropped', () => {
    let nowMs = 0;
    const throttle = createLogThrottle({ windowMs: 1_000, burst: 3, nowMs: () => nowMs });
    expect([1, 2, 3, 4, 5].map(() => throttle.admit('forged'))).toEqual([{}, {}, {}, null, null]);
    // Another key has its own budget.
    expect(throttle.admit('stale')).toEqual({});
    nowMs = 1_000;
    expect(throttle.admit('forged')).toEqual({ droppedSimilarLines: 2 });
    expect(throttle.admit('forged')).toEqual({});
  });

  it('keeps at most maxKeys keys (memory stays bounded whatever the keys)', () => {
    const throttle = createLogThrottle({ windowMs: 60_000, burst: 1, maxKeys: 2, nowMs: () => 0 });
    expect(throttle.admit('a')).toEqual({});
    expect(throttle.admit('a')).toBeNull();
    throttle.admit('b');
    throttle.admit('c'); // forgets 'a', the oldest
    expect(throttle.admit('a')).toEqual({});
  });
});
