import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AbuseLimitRules } from '../../src/http/abuse-limits.js';
import { startSlackApp } from '../fixtures/slack/harness.js';
import { dmEvent, TEAM } from '../fixtures/slack/payloads.js';

/**
 * The submission limit on Slack: events come from Slack's servers, so the client is the Slack user (one
 * user's submits never use up another's); over the site-wide limit the partner is told in the DM, and
 * the draft stays at review.
 */
const roomy = { limit: 10_000, windowMs: 60_000 };
const rules: AbuseLimitRules = {
  session: { client: roomy, site: roomy },
  turn: { client: roomy, site: roomy },
  submission: { client: { limit: 1, windowMs: 600_000 }, site: { limit: 2, windowMs: 600_000 } },
};

describe('submission limits on Slack', () => {
  let harness: Awaited<ReturnType<typeof startSlackApp>>;
  beforeAll(async () => {
    harness = await startSlackApp({ abuseLimits: rules });
  });
  afterAll(async () => {
    await harness?.cleanup();
  });

  it('counts per Slack user, and over the site-wide limit says so in the DM and keeps the draft', async () => {
    const { client } = harness;
    const textOf = (posts: Array<{ text?: string }>) => posts.map((post) => post.text ?? '').join('\n');
    const toReview = async (user: string) => {
      const dm = (text: string) => client.expectReplies(() => client.sendEvent(dmEvent(user, text)));
      for (const text of ['hello', 'agree', 'anonymous', '1', 'skip', `An answer from ${user}.`]) await dm(text);
      expect(textOf(await dm('review'))).toContain(`An answer from ${user}.`);
      return dm;
    };
    for (const user of ['ULIMIT1', 'ULIMIT2']) {
      const dm = await toReview(user);
      expect(textOf(await dm('submit'))).toMatch(/RFI-/);
    }
    const dm = await toReview('ULIMIT3');
    expect(textOf(await dm('submit'))).toMatch(/Nothing you wrote is lost\. Please try again in \d+ minutes?\./);
    const session = await harness.app.loadSession({ channel: 'slack', tenantId: TEAM, userId: 'ULIMIT3' });
    expect(session?.step).toBe('review');
  });
});
