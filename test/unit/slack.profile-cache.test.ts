import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../adapters/slack/keyed-queue.js';
import { createProfileCache } from '../../adapters/slack/profile-cache.js';

describe('users.info profile cache (LRU with TTL)', () => {
  function setup(options: { fail?: boolean; maxEntries?: number } = {}) {
    let nowMs = 0;
    const calls: string[] = [];
    const cache = createProfileCache({
      nowMs: () => nowMs,
      ttlMs: 1_000,
      failureTtlMs: 100,
      ...(options.maxEntries ? { maxEntries: options.maxEntries } : {}),
      fetchProfile: async (userId) => {
        calls.push(userId);
        if (options.fail) throw new Error('ratelimited');
        return { timeZone: `Zone/${userId}` };
      },
    });
    return { cache, calls, advance: (ms: number) => (nowMs += ms) };
  }

  it('asks once per user within the TTL, and again after it', async () => {
    const { cache, calls, advance } = setup();
    expect(await cache.get('T:U1', 'U1')).toEqual({ timeZone: 'Zone/U1' });
    await cache.get('T:U1', 'U1');
    advance(999);
    await cache.get('T:U1', 'U1');
    expect(calls).toEqual(['U1']);
    advance(2);
    await cache.get('T:U1', 'U1');
    expect(calls).toEqual(['U1', 'U1']);
  });

  it('concurrent lookups of one user make one call', async () => {
    const { cache, calls } = setup();
    await Promise.all([cache.get('T:U1', 'U1'), cache.get('T:U1', 'U1'), cache.get('T:U1', 'U1')]);
    expect(calls).toEqual(['U1']);
  });

  it('a failure gives {} without throwing, and is retried only after the shorter failure TTL', async () => {
    const { cache, calls, advance } = setup({ fail: true });
    expect(await cache.get('T:U1', 'U1')).toEqual({});
    await cache.get('T:U1', 'U1');
    expect(calls).toHaveLength(1);
    advance(101);
    await cache.get('T:U1', 'U1');
    expect(calls).toHaveLength(2);
  });

  it('forgets the least recently used user beyond its size', async () => {
    const { cache, calls } = setup({ maxEntries: 2 });
    await cache.get('T:U1', 'U1');
    await cache.get('T:U2', 'U2');
    await cache.get('T:U1', 'U1'); // U1 is now the most recent
    await cache.get('T:U3', 'U3'); // evicts U2
    expect(cache.size).toBe(2);
    await cache.get('T:U1', 'U1');
    await cache.get('T:U2', 'U2');
    expect(calls).toEqual(['U1', 'U2', 'U3', 'U2']);
  });
});

describe('KeyedQueue (per-partner order)', () => {
  it('runs tasks of one key in order, other keys in parallel, and survives a failing task', async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const a1 = queue.run('a', async () => {
      await wait(30);
      order.push('a1');
    });
    const a2 = queue.run('a', async () => {
      order.push('a2');
      throw new Error('boom');
    });
    const a3 = queue.run('a', async () => {
      order.push('a3');
    });
    const b1 = queue.run('b', async () => {
      order.push('b1');
    });
    await Promise.allSettled([a1, a2, a3, b1]);
    expect(order).toEqual(['b1', 'a1', 'a2', 'a3']);
    await expect(a2).rejects.toThrow('boom');
    await wait(0);
    expect(queue.size).toBe(0);
  });
});
