import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitUntilReady } from '../support/app.js';
import { CountingProxy } from '../support/counting-proxy.js';
import { describeWithService, serviceUrl } from '../support/services.js';
import { dmEvent, TEAM } from '../fixtures/slack/payloads.js';
import { startSlackApp } from '../fixtures/slack/harness.js';

/**
 * Two bot replicas sharing one Redis, as in production behind a load balancer: Slack may deliver a
 * partner's messages (and its retries) to either. Racing messages must both land in the answer (the
 * dispatcher's version check, not an in-process queue, is what protects them here) and a retry that
 * reaches the other replica must still be processed once.
 */
await describeWithService('redis', 'Slack with two replicas sharing Redis', () => {
  const prefix = `e2eslack${randomBytes(4).toString('hex')}`;
  let a: Awaited<ReturnType<typeof startSlackApp>>;
  let b: Awaited<ReturnType<typeof startSlackApp>>;
  const env = { REDIS_URL: serviceUrl('redis'), REDIS_KEY_PREFIX: prefix };
  const keyOf = (user: string) => ({ channel: 'slack' as const, tenantId: TEAM, userId: user });
  const totalPosts = () => a.slackApi.posts().length + b.slackApi.posts().length;

  beforeAll(async () => {
    a = await startSlackApp({ env });
    b = await startSlackApp({ env });
  });
  afterAll(async () => {
    await a?.cleanup();
    await b?.cleanup();
  });

  it('messages racing on two replicas all end up in the answer', async () => {
    const user = `URACE${randomBytes(3).toString('hex').toUpperCase()}`;
    for (const text of ['hi', 'agree', 'anonymous', '1', 'skip']) await a.client.expectReplies(() => a.client.sendEvent(dmEvent(user, text)));
    const texts: string[] = [];
    for (let round = 0; round < 6; round += 1) {
      const one = `Round ${round} via A.`;
      const two = `Round ${round} via B.`;
      texts.push(one, two);
      const before = totalPosts();
      const [ra, rb] = await Promise.all([a.client.sendEvent(dmEvent(user, one)), b.client.sendEvent(dmEvent(user, two))]);
      expect([ra.status, rb.status]).toEqual([200, 200]);
      await a.slackApi.waitFor(() => totalPosts() >= before + 2);
    }
    const answer = (await a.app.loadSession(keyOf(user)))?.answers[a.app.flow.questions[0]?.id ?? ''] ?? '';
    expect(answer.split('\n\n').sort()).toEqual([...texts].sort());
  });

  it('a retry that reaches the other replica is processed once', async () => {
    const user = `URETRY${randomBytes(3).toString('hex').toUpperCase()}`;
    for (const text of ['hi', 'agree', 'anonymous', '1', 'skip']) await a.client.expectReplies(() => a.client.sendEvent(dmEvent(user, text)));
    const event = dmEvent(user, 'Delivered to both replicas.');
    const before = totalPosts();
    await Promise.all([a.client.sendEvent(event), b.client.sendEvent(event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })]);
    await a.slackApi.waitFor(() => totalPosts() > before);
    await a.client.settle();
    await b.client.settle();
    expect(totalPosts() - before).toBe(1);
    const answer = (await b.app.loadSession(keyOf(user)))?.answers[b.app.flow.questions[0]?.id ?? ''];
    expect(answer).toBe('Delivered to both replicas.');
  });

  it('Redis going down during a Slack turn: the partner is told in plain words, and nothing saved is lost', async () => {
    const redisUrl = new URL(serviceUrl('redis'));
    const proxy = new CountingProxy(Number(redisUrl.port || 6379), redisUrl.hostname);
    const proxyPort = await proxy.start();
    const c = await startSlackApp({ env: { REDIS_URL: `redis://127.0.0.1:${proxyPort}`, REDIS_KEY_PREFIX: prefix } });
    try {
      const user = `UOUTAGE${randomBytes(3).toString('hex').toUpperCase()}`;
      for (const text of ['hi', 'agree', 'anonymous', '1', 'skip', 'Saved before the outage.']) await c.client.expectReplies(() => c.client.sendEvent(dmEvent(user, text)));
      const questionId = c.app.flow.questions[0]?.id ?? '';

      proxy.cut();
      try {
        const response = await c.client.sendEvent(dmEvent(user, 'Sent while Redis is down.'));
        expect(response.status).toBe(200);
        const notice = await c.slackApi.waitFor(() => c.slackApi.posts().some((post) => /cannot reach its session store/.test(post.text))).then(() => c.slackApi.posts().at(-1));
        expect(notice?.text).toMatch(/Nothing was lost; please try again in a minute/);
        expect(notice?.channel).toBe(`D${user}`);
      } finally {
        proxy.restore();
      }
      await waitUntilReady(c.app.url, 50);

      await c.client.expectReplies(() => c.client.sendEvent(dmEvent(user, 'Sent again after it came back.')));
      const answer = (await a.app.loadSession(keyOf(user)))?.answers[questionId];
      expect(answer).toBe('Saved before the outage.\n\nSent again after it came back.');
    } finally {
      await c.cleanup();
      await proxy.stop();
    }
  });
});
