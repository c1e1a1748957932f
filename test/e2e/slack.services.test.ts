import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
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
    const answer = (await a.app.sessionStore.load(keyOf(user)))?.answers[a.app.flow.questions[0]?.id ?? ''] ?? '';
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
    const answer = (await b.app.sessionStore.load(keyOf(user)))?.answers[b.app.flow.questions[0]?.id ?? ''];
    expect(answer).toBe('Delivered to both replicas.');
  });
});
