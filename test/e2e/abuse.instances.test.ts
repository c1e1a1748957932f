import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AbuseLimitRules } from '../../src/http/abuse-limits.js';
import { startTestApp } from '../support/app.js';
import { describeWithService, serviceUrl } from '../support/services.js';
import { allText, WebchatClient } from '../support/webchat-client.js';

/**
 * Two bot instances on one Redis (REDIS_URL): the limits are one limit between them, so a client
 * cannot double its allowance by landing on the other instance (a load balancer's round robin).
 */
const MINUTE_MS = 60_000;
const roomy = { limit: 10_000, windowMs: MINUTE_MS };
const rules: AbuseLimitRules = {
  session: { client: { limit: 4, windowMs: MINUTE_MS }, site: roomy },
  turn: { client: roomy, site: roomy },
  submission: { client: roomy, site: { limit: 1, windowMs: 10 * MINUTE_MS } },
};

await describeWithService('redis', 'Abuse limits shared by two instances through Redis', () => {
  const prefix = `rfibot-abuse-${randomUUID().slice(0, 8)}`;
  let a: Awaited<ReturnType<typeof startTestApp>>;
  let b: Awaited<ReturnType<typeof startTestApp>>;
  let redis: Redis;
  beforeAll(async () => {
    redis = new Redis(serviceUrl('redis'));
    const env = { REDIS_URL: serviceUrl('redis'), REDIS_KEY_PREFIX: prefix };
    // One after the other: each opens its own embedded database (CPU-heavy), which would starve the
    // other's Redis handshake on a loaded machine.
    a = await startTestApp(env, { abuseLimits: rules });
    b = await startTestApp(env, { abuseLimits: rules });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.cleanup(), b?.cleanup()]);
    const keys = (await redis?.keys(`${prefix}:*`)) ?? [];
    if (keys.length > 0) await redis.del(...keys);
    redis?.disconnect();
  });

  it('counts new sessions on either instance against one per-client limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const url = (i % 2 === 0 ? a : b).app.url;
      statuses.push((await fetch(`${url}/chat/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
    const keys = await redis.keys(`${prefix}:ratelimit:*`);
    expect(keys.sort()).toEqual([`${prefix}:ratelimit:session:client:127.0.0.1`, `${prefix}:ratelimit:session:site`]);
    for (const key of keys) {
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(MINUTE_MS);
    }
  });

  it('a site-wide submission limit reached on one instance holds on the other', async () => {
    await redis.del(`${prefix}:ratelimit:session:client:127.0.0.1`);
    const first = new WebchatClient(a.app.url);
    await first.reachReview('First answer, submitted on instance A.');
    expect(allText(await first.press('submit'))).toMatch(/RFI-/);
    const second = new WebchatClient(b.app.url);
    await second.reachReview('Second answer, tried on instance B.');
    const refused = await fetch(`${b.app.url}/chat/api/session/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...second.auth() },
      body: JSON.stringify({ action: 'submit' }),
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await second.state()).step).toBe('review');
  });
});
