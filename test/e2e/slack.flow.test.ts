import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDIT_ANSWER_ACTION } from '../../adapters/slack/parse.js';
import { blockAction, dmEvent, editEvent, fileShareEvent, homeOpenedEvent, TEAM, viewSubmission } from '../fixtures/slack/payloads.js';
import { buttonFor, buttonValues, startSlackApp } from '../fixtures/slack/harness.js';
import { jsonText } from '../fixtures/slack/fake-slack-api.js';

const ANSWERS = {
  organization: 'Harbor Light Survivor Network',
  email: 'partner.contact+rfi@example.org',
  q1a: 'Survivors of color get fewer services. Marker Lantern-7731.',
  q1b: 'Labor trafficking in agriculture is overlooked. Marker Heron-4410.',
  q1Edited: 'Rewritten in the modal: survivors of color get fewer services & less follow-up. Marker Kestrel-5521.',
  // What Slack sends for a partner who typed: Pay partners <!channel> & <@U123> see <http://evil|click>
  q3Slack: 'Pay partners &lt;!channel&gt; &amp; &lt;@U123&gt; see &lt;http://evil|click&gt; Marker Juniper-2290.',
  q3Plain: 'Pay partners <!channel> & <@U123> see <http://evil|click> Marker Juniper-2290.',
  q5: 'Fund community researchers. Marker Osprey-8812.',
};

describe('Slack over HTTP: the whole RFI in a DM', () => {
  let harness: Awaited<ReturnType<typeof startSlackApp>>;
  beforeAll(async () => {
    harness = await startSlackApp();
  });
  afterAll(async () => {
    await harness?.cleanup();
  });

  it('answers the RFI by DMs, buttons and the edit modal, and stores it with channel slack', async () => {
    const { client, slackApi, app } = harness;
    const user = 'UPARTNER1';
    const dm = (text: string) => client.expectReplies(() => client.sendEvent(dmEvent(user, text)));
    const press = (posts: Array<{ blocks: Array<Record<string, unknown>> }>, value: string) => {
      const button = buttonFor(posts, value);
      return client.expectReplies(() => client.sendInteraction(blockAction(user, button.action_id, button.value)));
    };

    const intro = await dm('hello');
    expect(intro[0]?.channel).toBe(`D${user}`);
    expect(intro.map((post) => post.text).join('\n')).toMatch(/public record/);
    expect(buttonValues(intro)).toEqual(expect.arrayContaining(['agree', 'language es']));

    const org = await press(intro, 'agree');
    const types = await dm(ANSWERS.organization);
    expect(buttonValues(types)).toEqual(expect.arrayContaining(['1', '7']));
    await press(types, '1');
    const q1 = await dm(ANSWERS.email);
    expect(org.length).toBeGreaterThan(0);
    const q1Text = q1.map((post) => post.text).join('\n');
    expect(q1Text).toContain('Question 1 of 5');
    expect(q1Text).toMatch(/days left/);
    expect(buttonValues(q1)).toEqual(expect.arrayContaining(['next', 'skip', 'back', 'review', 'help', '1']));

    await dm(ANSWERS.q1a);
    const afterQ1b = await dm(ANSWERS.q1b);

    // "Edit answer" opens a modal prefilled with the whole answer so far.
    const editButton = buttonFor(afterQ1b, '1');
    expect(editButton.action_id).toBe(EDIT_ANSWER_ACTION);
    const opensBefore = slackApi.callsTo('views.open').length;
    const ack = await client.sendInteraction(blockAction(user, EDIT_ANSWER_ACTION, '1'));
    expect(ack.status).toBe(200);
    await slackApi.waitFor(() => slackApi.callsTo('views.open').length > opensBefore);
    const openCall = slackApi.callsTo('views.open').at(-1);
    const view = JSON.parse(jsonText(openCall?.body.view)) as { callback_id: string; private_metadata: string; blocks: Array<{ type: string; element?: { initial_value?: string } }> };
    const prefilled = view.blocks.filter((block) => block.type === 'input').map((block) => block.element?.initial_value ?? '');
    expect(prefilled[0]).toBe(`${ANSWERS.q1a}\n\n${ANSWERS.q1b}`);
    const saved = await client.expectReplies(() => client.sendInteraction(viewSubmission(user, view, [ANSWERS.q1Edited, ''])));
    expect(saved[0]?.text).toMatch(/replaced/);

    const q2 = await press(saved, 'next');
    expect(q2.map((post) => post.text).join('\n')).toContain('Question 2 of 5');
    await dm('skip');
    await dm(ANSWERS.q3Slack);
    await dm('NEXT');
    const q5 = await dm('skip');
    await dm(ANSWERS.q5);
    const review = await dm('review');
    const reviewText = review.map((post) => post.text).join('\n');
    // Echoed partner text is escaped: no mention, no link can be formed from it.
    expect(reviewText).toContain('&lt;!channel&gt; &amp; &lt;@U123&gt; see &lt;http://evil|click&gt;');
    expect(reviewText).not.toMatch(/<!channel>|<@U123>|<http:\/\/evil/);
    expect(q5.length).toBeGreaterThan(0);

    const submitted = await press(review, 'submit');
    const receipt = /RFI-[0-9A-Z-]+/.exec(submitted.map((post) => post.text).join('\n'))?.[0];
    expect(receipt).toBeDefined();
    const stored = await app.commentStore.getByReceipt(receipt as string);
    expect(stored?.channel).toBe('slack');
    expect(stored?.organization).toBe(ANSWERS.organization);
    expect(stored?.answers.map((answer) => answer.answer)).toEqual([ANSWERS.q1Edited, null, ANSWERS.q3Plain, null, ANSWERS.q5]);
    const contact = await app.commentStore.getPrivateContact(stored?.id ?? '');
    expect(contact?.contactEmail).toBe(ANSWERS.email);
    expect(contact?.conversationKey).toBe(`slack:${TEAM}:${user}`);

    // users.info was asked once (cached) and its time zone is kept with the session.
    expect(slackApi.callsTo('users.info').filter((call) => call.body.user === user)).toHaveLength(1);
    const session = await app.loadSession({ channel: 'slack', tenantId: TEAM, userId: user });
    expect(session?.timeZone).toBe('America/Chicago');

    // App Home shows the receipt once submitted.
    const publishes = slackApi.callsTo('views.publish').length;
    expect((await client.sendEvent(homeOpenedEvent(user))).status).toBe(200);
    await slackApi.waitFor(() => slackApi.callsTo('views.publish').length > publishes);
    const home = jsonText(slackApi.callsTo('views.publish').at(-1)?.body.view);
    expect(home).toContain(receipt as string);
  });

  it('/rfi start in a channel answers in the DM and acks with an ephemeral note', async () => {
    const { client, slackApi } = harness;
    const user = 'UPARTNER2';
    const before = slackApi.posts().length;
    const response = await client.sendCommand(user, 'start', 'C0GENERAL');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { text: string }).text).toMatch(/direct message/);
    await slackApi.waitFor(() => slackApi.posts().length > before);
    expect(slackApi.posts().at(-1)?.channel).toBe(user);

    const help = await client.sendCommand(user, 'nonsense');
    expect(((await help.json()) as { text: string }).text).toContain('/rfi start');
    const spanish = await client.expectReplies(() => client.sendCommand(user, 'language es'));
    expect(spanish.map((post) => post.text).join('\n')).toMatch(/acepto/);
  });

  it('/rfi acks a new partner whose Slack locale is Spanish in Spanish, and the conversation starts in Spanish', async () => {
    const { client, slackApi } = harness;
    const user = 'UPARTNERES';
    slackApi.users.set(user, { tz: 'America/Puerto_Rico', locale: 'es-LA' });
    const help = await client.sendCommand(user, 'nonsense', 'C0GENERAL');
    expect(((await help.json()) as { text: string }).text).toMatch(/Escriba \/rfi start/);
    const before = slackApi.posts().length;
    const response = await client.sendCommand(user, 'start', 'C0GENERAL');
    expect(((await response.json()) as { text: string }).text).toMatch(/mensaje directo/);
    await slackApi.waitFor(() => slackApi.posts().length > before);
    expect(slackApi.posts().at(-1)?.text).toMatch(/acepto/);
  });

  it('a shared file is not read or kept: the partner is told so, with the step again; text sent with it is kept', async () => {
    const { app, client, slackApi } = harness;
    const user = 'UPARTNERFILE';
    for (const text of ['hi', 'agree', 'anonymous', '1', 'skip']) await client.expectReplies(() => client.sendEvent(dmEvent(user, text)));
    const key = { channel: 'slack' as const, tenantId: TEAM, userId: user };
    const before = await app.loadSession(key);

    const fileOnly = await client.expectReplies(() => client.sendEvent(fileShareEvent(user)));
    expect(fileOnly[0]?.text).toMatch(/I can only read typed text/);
    expect(fileOnly.map((post) => post.text).join('\n')).toContain('Question 1 of 5');
    expect((await app.loadSession(key))?.answers).toEqual(before?.answers);

    const withText = await client.expectReplies(() => client.sendEvent(fileShareEvent(user, 'Our answer is in the message too.')));
    expect(withText[0]?.text).toMatch(/did not open or keep the file/);
    const questionId = app.flow.questions[0]?.id ?? '';
    expect((await app.loadSession(key))?.answers[questionId]).toBe('Our answer is in the message too.');
    expect(slackApi.calls.some((call) => JSON.stringify(call.body).includes('our-comment.pdf'))).toBe(false);
  });

  it('App Home offers Start to a new partner, and Start posts the intro in the DM', async () => {
    const { client, slackApi } = harness;
    const user = 'UPARTNER3';
    const publishes = slackApi.callsTo('views.publish').length;
    await client.sendEvent(homeOpenedEvent(user));
    await slackApi.waitFor(() => slackApi.callsTo('views.publish').length > publishes);
    const view = jsonText(slackApi.callsTo('views.publish').at(-1)?.body.view);
    expect(view).toContain('rfi_home_start');
    expect(view).toMatch(/not started/);
    const intro = await client.expectReplies(() => client.sendInteraction(blockAction(user, 'rfi_home_start', 'start')));
    expect(buttonValues(intro)).toContain('agree');
  });

  it('editing the last answer message updates the answer; editing an older one changes nothing and says so', async () => {
    const { client, app } = harness;
    const user = 'UPARTNER4';
    const key = { channel: 'slack' as const, tenantId: TEAM, userId: user };
    for (const text of ['hi', 'agree', 'anonymous', '2', 'skip', 'first paragraph', 'second paragraph']) {
      await client.expectReplies(() => client.sendEvent(dmEvent(user, text)));
    }
    const revised = await client.expectReplies(() => client.sendEvent(editEvent(user, 'second paragraph', 'second paragraph, corrected')));
    expect(revised[0]?.text).toMatch(/edit was saved/);
    const question = app.flow.questions[0]?.id ?? '';
    expect((await app.loadSession(key))?.answers[question]).toBe('first paragraph\n\nsecond paragraph, corrected');

    const older = await client.expectReplies(() => client.sendEvent(editEvent(user, 'first paragraph', 'something else')));
    expect(older[0]?.text).toMatch(/did not change/);
    expect((await app.loadSession(key))?.answers[question]).toBe('first paragraph\n\nsecond paragraph, corrected');
  });

  it('an empty or too long edit box is refused inside the modal, and nothing changes', async () => {
    const { client, slackApi, app } = harness;
    const user = 'UPARTNER6';
    const key = { channel: 'slack' as const, tenantId: TEAM, userId: user };
    for (const text of ['hi', 'agree', 'anonymous', '2', 'skip', 'kept answer']) {
      await client.expectReplies(() => client.sendEvent(dmEvent(user, text)));
    }
    const opens = slackApi.callsTo('views.open').length;
    await client.sendInteraction(blockAction(user, EDIT_ANSWER_ACTION, '1'));
    await slackApi.waitFor(() => slackApi.callsTo('views.open').length > opens);
    const view = JSON.parse(jsonText(slackApi.callsTo('views.open').at(-1)?.body.view)) as Record<string, unknown>;
    const before = await app.loadSession(key);

    const empty = await client.sendInteraction(viewSubmission(user, view, ['', '']));
    expect(await empty.json()).toEqual({ response_action: 'errors', errors: { rfi_part_0: expect.stringMatching(/write something/) } });
    const tooLong = await client.sendInteraction(viewSubmission(user, view, Array.from({ length: 7 }, () => 'x'.repeat(3000))));
    expect(await tooLong.json()).toMatchObject({ response_action: 'errors', errors: { rfi_part_0: expect.stringMatching(/21,012 characters.*20,000/) } });
    await client.settle();
    expect(await app.loadSession(key)).toEqual(before);
  });

  it('ignores bot messages, joins and other subtypes', async () => {
    const { client, slackApi } = harness;
    const calls = slackApi.calls.length;
    const bot = dmEvent('UBOT', 'I am the bot');
    (bot.event as Record<string, unknown>).bot_id = 'BBOT';
    const join = dmEvent('UPARTNER5', 'joined');
    (join.event as Record<string, unknown>).subtype = 'channel_join';
    const inChannel = dmEvent('UPARTNER5', 'hello from a channel');
    (inChannel.event as Record<string, unknown>).channel_type = 'channel';
    for (const payload of [bot, join, inChannel]) expect((await client.sendEvent(payload)).status).toBe(200);
    await client.settle();
    expect(slackApi.calls.length).toBe(calls);
    expect(await harness.app.loadSession({ channel: 'slack', tenantId: TEAM, userId: 'UPARTNER5' })).toBeNull();
  });

  it('never logs answer text, tokens or the signing secret', () => {
    const text = harness.logs.text;
    for (const secret of [ANSWERS.q1a, ANSWERS.q1Edited, ANSWERS.q5, ANSWERS.email, 'Juniper-2290', 'xoxb-test-0001-token', 'testsigningsecret']) {
      expect(text).not.toContain(secret);
    }
  });
});
