import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShiftedClock } from '../support/clock.js';
import type { RunningApp } from '../../src/app.js';
import { conversationKeyToString } from '../../src/core/types.js';
import { FakeCommentApi } from '../fixtures/regulations/fake-comment-api.js';
import { startTestApp } from '../support/app.js';
import { api, tokenFor } from './moderation-support.js';
import { APP_ID, cardOf, FakeConnector, IdentityServer, TeamsPartner, type RecordedCall } from './teams-harness.js';
import { ANSWERS } from './webchat-flow.js';

/**
 * Forwarding to the docket, heard in Teams: a partner answers the whole RFI through signed Bot Framework
 * activities (authentication on, JWKS and token endpoint on 127.0.0.1), FORWARD_MODE=auto posts it to a
 * fake regulations.gov Comment API, and the forwarding worker tells the partner the tracking number as a
 * proactive message to their stored conversation reference (fake Bot Connector). Told once, however often
 * the worker drains; in the partner's language; a removed app (403) does not undo the forward.
 *
 * The harness is startTeamsHarness's, plus a test clock: the forward of the 403 case is held back by a 500
 * until the clock moves, so the app's own 2-second poll cannot reach the connector before the 403 is scripted.
 */
const KEY = 'test-comment-api-key';
const DOC = 'DOS-2022-0004-0001';

interface ForwardJson {
  state: string;
  trackingNumber: string | null;
  apiStatus: number | null;
}

interface Words {
  agree: string;
  next: string;
  skip: string;
  review: string;
  submit: string;
}
const ENGLISH: Words = { agree: 'agree', next: 'next', skip: 'skip', review: 'review', submit: 'submit' };
const SPANISH: Words = { agree: 'acepto', next: 'siguiente', skip: 'omitir', review: 'revisar', submit: 'enviar' };

describe('The Teams partner hears the docket tracking number in Teams (FORWARD_MODE=auto)', () => {
  const fake = new FakeCommentApi(KEY);
  const clock = new ShiftedClock();
  const identity = new IdentityServer();
  const connector = new FakeConnector();
  let app: RunningApp;
  let stopApp: () => Promise<void>;
  let moderator: ReturnType<typeof api>;

  beforeAll(async () => {
    const [url] = await Promise.all([fake.start(), identity.start(), connector.start()]);
    const started = await startTestApp(
      {
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: 'test-secret',
        MICROSOFT_APP_TYPE: 'MultiTenant',
        COMMENT_API_URL: url,
        COMMENT_API_KEY: KEY,
        COMMENT_DOCKET_DOCUMENT_ID: DOC,
        FORWARD_MODE: 'auto',
        COMMENT_API_TIMEOUT_MS: '2000',
      },
      {
        clock,
        teams: {
          authEndpoints: { openIdMetadataUrl: identity.openIdMetadataUrl, tokenIssuer: identity.issuer },
          outboundToken: identity.outboundToken,
          retryPolicy: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 3_000, budgetMs: 8_000 },
        },
      },
    );
    app = started.app;
    stopApp = started.cleanup;
    moderator = api(app, (await tokenFor(app, 'moderator')).token);
  });
  afterAll(async () => {
    await stopApp?.();
    await Promise.all([identity.stop(), connector.stop(), fake.stop()]);
  });

  const partner = (extra: { locale?: string } = {}) => new TeamsPartner(app.url, identity, connector, extra);
  const drain = () => app.forwarding?.drain();
  const forward = (id: string) => moderator.json<ForwardJson>(`/api/forwarding/${id}`);
  /** Proactive messages reach the conversation without replying to one of the partner's activities. */
  const proactive = (p: TeamsPartner): RecordedCall[] => connector.delivered(p.conversationId).filter((call) => call.replyToId === undefined);

  /** The whole RFI typed in Teams, as teams.api.test.ts does; returns the stored submission's id and receipt. */
  async function answerWholeRfi(p: TeamsPartner, words: Words, marker: string): Promise<{ id: string; receipt: string }> {
    const intro = await p.say(p.install());
    expect(intro.actions).toContain('agree');
    await p.say(p.message(words.agree));
    await p.say(p.message(ANSWERS.organization));
    await p.say(p.message('1'));
    await p.say(p.message(ANSWERS.email));
    await p.say(p.message(`${ANSWERS.q1a} ${marker}`));
    await p.say(p.message(words.next));
    await p.say(p.message(words.skip));
    await p.say(p.message(ANSWERS.q3));
    await p.say(p.message(words.next));
    await p.say(p.message(words.skip));
    await p.say(p.message(ANSWERS.q5));
    const review = await p.say(p.message(words.review));
    expect(review.actions).toContain('submit');
    const response = await p.post(p.message(words.submit));
    expect(response.status).toBe(200);
    const submitId = p.lastActivityId;
    // The reply to the submit (threaded under it), whatever else the worker may already have sent.
    await expect.poll(() => connector.delivered(p.conversationId).some((call) => call.replyToId === submitId), { timeout: 10_000 }).toBe(true);
    const submitted = cardOf(connector.delivered(p.conversationId).find((call) => call.replyToId === submitId)!);
    const receipt = /RFI-[0-9A-Z-]+/.exec(submitted.text)?.[0] as string;
    expect(receipt).toBeDefined();
    const stored = await app.commentStore.getByReceipt(receipt);
    expect(stored?.channel).toBe('teams');
    expect(stored?.answers[0]?.answer).toContain(marker);
    // Filed under the Teams partner's conversation: that is where the worker will look for them.
    expect((await app.commentStore.getPrivateContact(stored!.id))?.conversationKey).toBe(conversationKeyToString(p.key));
    return { id: stored!.id, receipt };
  }

  /** The tracking number the fake Comment API gave for the comment carrying `marker` (posted exactly once). */
  function trackingFor(marker: string): string {
    const accepted = fake.accepted.filter((a) => String(a.body.data.attributes.comment).includes(marker));
    expect(accepted).toHaveLength(1);
    return accepted[0]!.trackingNumber;
  }

  it('sends the tracking number and receipt as one proactive Teams message, once however often the worker drains', async () => {
    const ana = partner();
    const marker = 'Teams-forward-marker-Ana-5521';
    const { id, receipt } = await answerWholeRfi(ana, ENGLISH, marker);
    await drain();

    const tracking = trackingFor(marker);
    expect(await forward(id)).toMatchObject({ state: 'forwarded', trackingNumber: tracking });
    await expect.poll(() => proactive(ana).length, { timeout: 10_000 }).toBe(1);
    const message = proactive(ana)[0]!;
    const text = cardOf(message).text;
    expect(text).toContain(tracking);
    expect(text).toContain(receipt);
    expect(text).toContain(`Posted to the docket: tracking number ${tracking}`);
    // A real proactive call: to the stored reference's serviceUrl, with an outbound token from the token endpoint.
    expect(message.method).toBe('POST');
    expect(message.path).toBe(`/amer/v3/conversations/${encodeURIComponent(ana.conversationId)}/activities`);
    expect(identity.issuedOutboundTokens).toContain(message.authorization?.replace('Bearer ', ''));
    expect((message.body.recipient as { id: string }).id).toBe(ana.userChannelId);
    expect(message.body.locale).toBe('en-US');

    // Draining again (and again) tells nobody twice, and posts nothing to the docket again.
    const comments = fake.comments.length;
    await drain();
    await drain();
    expect(proactive(ana)).toHaveLength(1);
    expect(connector.calls.filter((call) => call.conversationId === ana.conversationId && call.replyToId === undefined)).toHaveLength(1);
    expect(fake.comments.length).toBe(comments);
  });

  it('tells a Spanish-speaking partner in Spanish', async () => {
    const bea = partner({ locale: 'es-MX' });
    const marker = 'Teams-forward-marker-Bea-7730';
    const { id, receipt } = await answerWholeRfi(bea, SPANISH, marker);
    expect((await app.commentStore.getById(id))?.language).toBe('es');
    await drain();

    const tracking = trackingFor(marker);
    expect(await forward(id)).toMatchObject({ state: 'forwarded', trackingNumber: tracking });
    await expect.poll(() => proactive(bea).length, { timeout: 10_000 }).toBe(1);
    const message = proactive(bea)[0]!;
    const text = cardOf(message).text;
    expect(text).toContain(`Su comentario (recibo ${receipt})`);
    expect(text).toContain(`Su número de seguimiento es ${tracking}`);
    expect(text).not.toContain('tracking number');
    expect(message.body.locale).toBe('es-US');
    await drain();
    expect(proactive(bea)).toHaveLength(1);
  });

  it('a partner who removed the app (connector answers 403) does not undo the forward; they are not retried', async () => {
    const cy = partner();
    const marker = 'Teams-forward-marker-Cy-9014';
    // The first POST /comments fails with a 500 and waits out its back-off on the test clock: nothing
    // reaches the connector until the clock moves, whichever drain (ours or the app's poll) runs first.
    fake.next({ status: 500 });
    const { id } = await answerWholeRfi(cy, ENGLISH, marker);
    await expect
      .poll(
        async () => {
          await drain();
          return forward(id);
        },
        { timeout: 10_000 },
      )
      .toMatchObject({ state: 'pending', apiStatus: 500 });
    const callsBefore = connector.calls.filter((call) => call.conversationId === cy.conversationId).length;

    connector.respondNext({ status: 403 });
    clock.advance(15 * 60_000);
    await drain();

    const tracking = trackingFor(marker);
    expect(await forward(id)).toMatchObject({ state: 'forwarded', trackingNumber: tracking });
    await expect.poll(() => connector.calls.filter((call) => call.conversationId === cy.conversationId).length, { timeout: 10_000 }).toBe(callsBefore + 1);
    const refused = connector.calls.filter((call) => call.conversationId === cy.conversationId).at(-1)!;
    expect(refused).toMatchObject({ status: 403, replyToId: undefined });
    expect(cardOf(refused).text).toContain(tracking); // it was the tracking-number message that was refused
    expect(proactive(cy)).toHaveLength(0);
    expect((await app.teams?.references.get(cy.key))?.deliveryStatus).toBe('app-removed');

    // The 403 is final: later drains neither call the connector again nor post to the docket again.
    const comments = fake.comments.length;
    await drain();
    await drain();
    expect(connector.calls.filter((call) => call.conversationId === cy.conversationId)).toHaveLength(callsBefore + 1);
    expect(fake.comments.length).toBe(comments);
    expect(await forward(id)).toMatchObject({ state: 'forwarded', trackingNumber: tracking });
    // The worker went on: the moderators' list shows it forwarded.
    const forwarded = await moderator.json<{ items: Array<{ submissionId: string; trackingNumber: string | null }> }>('/api/forwarding?state=forwarded');
    expect(forwarded.items).toEqual(expect.arrayContaining([expect.objectContaining({ submissionId: id, trackingNumber: tracking })]));
  });
});
