import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { MAX_CARD_BYTES } from '../../adapters/teams/render.js';
import { ANSWERS } from './webchat-flow.js';
import { APP_ID, TENANT_ID, cardOf, FakeConnector, foreignKey, startTeamsHarness, TeamsPartner, type Card, type TeamsHarness } from './teams-harness.js';

/**
 * Teams end to end, authentication ON: the real HTTP server and botbuilder's CloudAdapter +
 * ConfigurationBotFrameworkAuthentication, validating tokens signed by a key generated in the test and
 * published as JWKS on 127.0.0.1. Replies go to a fake Bot Connector at the activity's serviceUrl.
 * Outbound bearer tokens come from a token endpoint on 127.0.0.1 through an injected token source.
 */
describe('Teams over the Bot Framework protocol, authentication on', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness();
  });
  afterAll(async () => {
    await h?.cleanup();
  });

  async function expectTeamsSubmission(app: RunningApp, receipt: string): Promise<void> {
    const stored = await app.commentStore.getByReceipt(receipt);
    expect(stored?.channel).toBe('teams');
    expect(stored?.organization).toBe(ANSWERS.organization);
    expect(stored?.answers.map((answer) => answer.answer)).toEqual([`${ANSWERS.q1a}\n\n${ANSWERS.q1b}`, null, ANSWERS.q3, null, ANSWERS.q5]);
    const contact = stored ? await app.commentStore.getPrivateContact(stored.id) : null;
    expect(contact?.contactEmail).toBe(ANSWERS.email);
    expect(JSON.stringify(stored)).not.toContain(ANSWERS.email);
  }

  function receiptIn(card: Card): string {
    const receipt = /RFI-[0-9A-Z-]+/.exec(card.text)?.[0];
    expect(receipt).toBeDefined();
    return receipt as string;
  }

  it('answers the whole RFI with typed messages; the submission is stored with channel teams', async () => {
    const partner = h.partner();
    const intro = await partner.say(partner.install());
    expect(intro.actions).toEqual(expect.arrayContaining(['agree', 'language es']));
    expect(intro.text).toContain('public');

    await partner.say(partner.message('agree'));
    await partner.say(partner.message(ANSWERS.organization));
    await partner.say(partner.message('1'));
    const q1 = await partner.say(partner.message(ANSWERS.email));
    expect(q1.text).toMatch(/Question 1 of 5/);
    expect(q1.text).toMatch(/days? left/);
    expect(q1.hasInput).toBe(true);

    const ack = await partner.say(partner.message(ANSWERS.q1a));
    expect(ack.text).toContain(String(ANSWERS.q1a.length));
    await partner.say(partner.message(ANSWERS.q1b));
    const q2 = await partner.say(partner.message('next'));
    expect(q2.text).toMatch(/Question 2 of 5/);
    await partner.say(partner.message('skip'));
    await partner.say(partner.message(ANSWERS.q3));
    await partner.say(partner.message('NEXT'));
    await partner.say(partner.message('skip'));
    await partner.say(partner.message(ANSWERS.q5));
    const review = await partner.say(partner.message('review'));
    expect(review.actions).toContain('submit');
    expect(review.text).toContain(ANSWERS.q3);
    const submitted = await partner.say(partner.message('submit'));
    await expectTeamsSubmission(h.app, receiptIn(submitted));

    // Every reply threads under the partner's message and carries an outbound token from the token endpoint.
    const calls = h.connector.delivered(partner.conversationId);
    expect(calls.length).toBe(15);
    for (const call of calls) {
      expect(call.replyToId).toMatch(/^f:/);
      expect(h.identity.issuedOutboundTokens).toContain(call.authorization?.replace('Bearer ', ''));
      expect(cardOf(call).bytes).toBeLessThan(12 * 1024);
    }
    // Logs carry ids and codes only: no answers, contact details or tokens.
    for (const secret of [ANSWERS.q1a, ANSWERS.q5, ANSWERS.email, ANSWERS.organization, 'test-secret', ...h.identity.issuedOutboundTokens]) {
      expect(h.logs.text).not.toContain(secret);
    }
  });

  it('answers the whole RFI with card submits (Action.Submit and Action.Execute)', async () => {
    const partner = h.partner();
    await partner.say(partner.install());
    await partner.say(partner.submit({ action: 'agree' }));
    await partner.say(partner.submit({ answer: ANSWERS.organization }));
    await partner.say(partner.submit({ action: '1' }));
    await partner.say(partner.submit({ answer: ANSWERS.email }));
    await partner.say(partner.submit({ answer: ANSWERS.q1a }));
    // Text in the box AND a button: the text is kept, then the button applies.
    const q2 = await partner.say(partner.submit({ answer: ANSWERS.q1b, action: 'next' }));
    expect(q2.text).toMatch(/Question 2 of 5/);
    await partner.say(partner.submit({ action: 'skip' }));
    await partner.say(partner.submit({ answer: ANSWERS.q3 }));
    await partner.say(partner.submit({ action: 'next' }));
    await partner.say(partner.submit({ action: 'skip' }));

    // Action.Execute arrives as an invoke: answered in the HTTP response, the next step as a card.
    const before = h.connector.delivered(partner.conversationId).length;
    const invoke = await partner.post(partner.execute({ answer: ANSWERS.q5 }));
    expect(invoke.status).toBe(200);
    const invokeBody = (await invoke.json()) as { statusCode: number; type: string };
    expect(invokeBody.statusCode).toBe(200);
    await h.connector.waitForDelivered(before + 1, partner.conversationId);

    const afterExecute = cardOf(h.connector.delivered(partner.conversationId).at(-1)!);
    expect(afterExecute.text).toContain(String(ANSWERS.q5.length));
    // A button as Action.Execute: the verb is the typed command.
    const reviewInvoke = await partner.post(partner.execute({}, 'review'));
    expect(reviewInvoke.status).toBe(200);
    const reviewCalls = await h.connector.waitForDelivered(before + 2, partner.conversationId);
    expect(cardOf(reviewCalls.at(-1)!).actions).toContain('submit');
    const submitted = await partner.say(partner.submit({ action: 'submit' }));
    await expectTeamsSubmission(h.app, receiptIn(submitted));
  });

  it('refuses missing, expired, wrongly addressed or forged tokens with 401: no reply, no session change', async () => {
    const partner = h.partner();
    await partner.say(partner.install());
    await partner.say(partner.message('agree'));
    const before = await h.app.loadSession(partner.key);
    const sentBefore = h.connector.calls.length;
    const serviceUrl = `${h.connector.url}/amer/`;
    const cases: Array<[string, string | null]> = [
      ['no token', null],
      ['expired', await h.identity.channelToken(serviceUrl, { expiresInSec: -600 })],
      ['wrong audience', await h.identity.channelToken(serviceUrl, { audience: '99999999-9999-4999-8999-999999999999' })],
      ['wrong signing key, same key id', await h.identity.channelToken(serviceUrl, { key: await foreignKey() })],
      ['serviceurl claim differs from the activity', await h.identity.channelToken(serviceUrl, { serviceUrlClaim: 'https://smba.trafficmanager.net/amer/' })],
      ['not a JWT', 'not-a-token'],
    ];
    for (const [name, token] of cases) {
      const response = await partner.post(partner.message(ANSWERS.organization), token);
      expect(response.status, name).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code, name).toBe('TEAMS_UNAUTHORIZED');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.connector.calls.length).toBe(sentBefore);
    expect(await h.app.loadSession(partner.key)).toEqual(before);
    // What botbuilder prints to the console about these tokens ends up as debug lines in our logs instead.
    expect(h.logs.text).toContain('"sdkTokenReport":"TokenExpiredError"');
    expect(h.logs.text).toContain('"sdkTokenReport":"unknown-signing-key"');
    // Control: the same message with a valid token is accepted, so the refusals were about the tokens.
    const accepted = await partner.say(partner.message(ANSWERS.organization));
    expect(accepted.text).toContain(ANSWERS.organization);
  });

  it('processes the same activity id once: one answer, one reply', async () => {
    const partner = h.partner();
    await partner.say(partner.install());
    const agree = partner.message('agree');
    const [first, second] = await Promise.all([partner.post(agree), partner.post(agree)]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    const third = await partner.post(agree);
    expect(third.status).toBe(200);
    await h.connector.waitForDelivered(2, partner.conversationId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.connector.delivered(partner.conversationId)).toHaveLength(2);
    expect((await h.app.loadSession(partner.key))?.step).toBe('organization');
  });

  it('on 429 with Retry-After, the reply arrives after the wait, once', async () => {
    const partner = h.partner();
    await partner.say(partner.install());
    h.connector.respondNext({ status: 429, headers: { 'retry-after': '1' } });
    const sentAt = Date.now();
    const card = await partner.say(partner.message('agree'));
    expect(card.text).toContain('organization');
    const calls = h.connector.calls.filter((call) => call.conversationId === partner.conversationId);
    const throttled = calls.filter((call) => call.status === 429);
    const delivered = calls.filter((call) => call.status === 200);
    expect(throttled).toHaveLength(1);
    expect(delivered).toHaveLength(2); // the intro and this reply
    expect((delivered[1]?.atMs ?? 0) - (throttled[0]?.atMs ?? 0)).toBeGreaterThanOrEqual(950);
    expect((delivered[1]?.atMs ?? 0) - sentAt).toBeGreaterThanOrEqual(950);
  });

  it('retries 412, 502 and 504 with backoff', async () => {
    const partner = h.partner();
    await partner.say(partner.install());
    h.connector.respondNext({ status: 412 }, { status: 502 }, { status: 504 });
    await partner.say(partner.message('agree'));
    const statuses = h.connector.calls.filter((call) => call.conversationId === partner.conversationId).map((call) => call.status);
    expect(statuses).toEqual([200, 412, 502, 504, 200]);
  });

  it('gives up after the attempts allowed, or at once when Retry-After asks too long; records the partner as failing; keeps the answer', async () => {
    const partner = h.partner();
    await partner.say(partner.install());
    h.connector.respondNext({ status: 502 }, { status: 502 }, { status: 502 }, { status: 502 });
    expect((await partner.post(partner.message('agree'))).status).toBe(200);
    let statuses = h.connector.calls.filter((call) => call.conversationId === partner.conversationId).map((call) => call.status);
    expect(statuses).toEqual([200, 502, 502, 502, 502]); // maxAttempts = 4 in this harness
    expect((await h.app.teams?.references.get(partner.key))?.deliveryStatus).toBe('failing');
    expect((await h.app.loadSession(partner.key))?.step).toBe('organization');

    h.connector.respondNext({ status: 429, headers: { 'retry-after': '120' } });
    const startedAt = Date.now();
    expect((await partner.post(partner.message(ANSWERS.organization))).status).toBe(200);
    expect(Date.now() - startedAt).toBeLessThan(3_000);
    statuses = h.connector.calls.filter((call) => call.conversationId === partner.conversationId).map((call) => call.status);
    expect(statuses.slice(5)).toEqual([429]);
    expect((await h.app.loadSession(partner.key))?.organization).toBe(ANSWERS.organization);
    // The next successful reply marks the partner reachable again.
    await partner.say(partner.message('1'));
    expect((await h.app.teams?.references.get(partner.key))?.deliveryStatus).toBe('ok');
  });

  it('a Bot Connector that cannot be reached: retried, then the partner is marked failing; the turn is still applied', async () => {
    const dead = new FakeConnector();
    await dead.start();
    await dead.stop(); // its port is now closed: connection refused
    const partner = new TeamsPartner(h.app.url, h.identity, dead);
    const response = await partner.post(partner.install());
    expect(response.status).toBe(200);
    expect((await h.app.loadSession(partner.key))?.step).toBe('intro');
    expect((await h.app.teams?.references.get(partner.key))?.deliveryStatus).toBe('failing');
    expect(h.logs.text).toContain('CONNECTOR_UNREACHABLE');
  });

  it('a 403 (app removed) is recorded on the partner, not retried, and the answer is kept', async () => {
    const partner = h.partner();
    await partner.say(partner.install());
    h.connector.respondNext({ status: 403 });
    const response = await partner.post(partner.message('agree'));
    expect(response.status).toBe(200);
    const calls = h.connector.calls.filter((call) => call.conversationId === partner.conversationId);
    expect(calls.map((call) => call.status)).toEqual([200, 403]);
    expect((await h.app.loadSession(partner.key))?.step).toBe('organization');
    const record = await h.app.teams?.references.get(partner.key);
    expect(record?.deliveryStatus).toBe('app-removed');
    expect(record?.deliveryStatusCode).toBe(403);
    // Reminders skip the partner until they come back.
    expect(await h.app.teams?.send(partner.key, [{ text: 'Reminder' }])).toEqual({ status: 'unreachable', code: 'APP_REMOVED' });
    // Writing again (they reinstalled) clears it.
    await partner.say(partner.message(ANSWERS.organization));
    expect((await h.app.teams?.references.get(partner.key))?.deliveryStatus).toBe('ok');
  });

  it('installing sends conversationUpdate and installationUpdate: the partner gets one intro', async () => {
    const partner = h.partner();
    const [first, second] = await Promise.all([partner.post(partner.install()), partner.post(partner.activity({ type: 'installationUpdate', action: 'add' }))]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await h.connector.waitForDelivered(1, partner.conversationId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.connector.delivered(partner.conversationId)).toHaveLength(1);
  });

  it('uninstalling the app (installationUpdate remove) is recorded; reinstalling starts again with the intro', async () => {
    const partner = h.partner();
    await partner.say(partner.install());
    const removed = await partner.post(partner.activity({ type: 'installationUpdate', action: 'remove' }));
    expect(removed.status).toBe(200);
    expect((await h.app.teams?.references.get(partner.key))?.deliveryStatus).toBe('app-removed');
    // Reinstalled later (past the install window): greeted again.
    const later = new Date(Date.now() + 10 * 60 * 1000).toISOString();
    const intro = await partner.say(partner.activity({ type: 'installationUpdate', action: 'add', timestamp: later }));
    expect(intro.actions).toContain('agree');
    expect((await h.app.teams?.references.get(partner.key))?.deliveryStatus).toBe('ok');
  });

  it('stores the conversation reference and time zone durably on first contact; a proactive message reaches the partner with a bearer token', async () => {
    const partner = h.partner({ localTimezone: 'America/Chicago', locale: 'es-MX' });
    const intro = await partner.say(partner.message('hola'));
    expect(intro.actions).toContain('agree');
    const { rows } = await h.app.database.client.query<{ service_url: string; conversation_id: string; time_zone: string; locale: string }>(
      'SELECT service_url, conversation_id, time_zone, locale FROM teams_conversations WHERE user_id = $1',
      [partner.userChannelId],
    );
    expect(rows).toEqual([{ service_url: `${h.connector.url}/amer/`, conversation_id: partner.conversationId, time_zone: 'America/Chicago', locale: 'es-MX' }]);
    const session = await h.app.loadSession(partner.key);
    expect(session?.timeZone).toBe('America/Chicago');
    expect(session?.language).toBe('es');

    const tokenRequests = h.identity.tokenRequests;
    const result = await h.app.teams?.send(partner.key, [{ text: 'Quedan 3 días. Escriba status.' }]);
    expect(result?.status).toBe('sent');
    const last = h.connector.delivered(partner.conversationId).at(-1);
    expect(last?.path).toBe(`/amer/v3/conversations/${encodeURIComponent(partner.conversationId)}/activities`);
    expect(last?.replyToId).toBeUndefined();
    expect(last?.authorization).toMatch(/^Bearer outbound-[0-9a-f]{24}$/);
    expect(h.identity.issuedOutboundTokens).toContain(last?.authorization?.slice('Bearer '.length));
    expect(h.identity.tokenRequests).toBeGreaterThan(tokenRequests);
    expect(cardOf(last!).text).toContain('Quedan 3 días');
    expect((last?.body.recipient as { id: string }).id).toBe(partner.userChannelId);
    expect((last?.body.from as { id: string }).id).toBe(`28:${APP_ID}`);
  });

  it('stores every partner\'s reference when many arrive at once', async () => {
    const partners = Array.from({ length: 24 }, () => h.partner());
    await Promise.all(partners.map((partner) => partner.say(partner.install())));
    const { rows } = await h.app.database.client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM teams_conversations WHERE user_id = ANY($1::text[])`,
      [`{${partners.map((partner) => `"${partner.userChannelId}"`).join(',')}}`],
    );
    expect(rows[0]?.n).toBe(24);
  });

  it('stores 6,100 references remembered at once (more than one statement can carry: split into statements of at most 500 rows); the newest of a partner wins', async () => {
    const references = h.app.teams?.references;
    if (!references) throw new Error('teams adapter missing');
    const tag = `bulk${Date.now()}`;
    const keyFor = (n: number) => ({ channel: 'teams' as const, tenantId: TENANT_ID, userId: `${tag}-${n}` });
    const referenceFor = (n: number, timeZone: string) => ({
      conversationId: `a:${tag}-${n}`, serviceUrl: 'https://smba.example.test/amer/', channelId: 'msteams', botId: `28:${APP_ID}`, botName: 'RFI',
      userChannelId: `29:${tag}-${n}`, userName: undefined, tenantId: TENANT_ID, locale: 'en-US', timeZone,
    });
    await Promise.all([
      ...Array.from({ length: 6_100 }, (_, n) => references.remember(keyFor(n), referenceFor(n, 'America/Chicago'))),
      references.remember(keyFor(7), referenceFor(7, 'America/Denver')),
    ]);
    const { rows } = await h.app.database.client.query<{ n: number }>(`SELECT count(*)::int AS n FROM teams_conversations WHERE user_id LIKE $1`, [`29:${tag}-%`]);
    expect(rows[0]?.n).toBe(6_100);
    expect((await references.get(keyFor(7)))?.reference.timeZone).toBe('America/Denver');
    expect((await references.get(keyFor(6_099)))?.reference.conversationId).toBe(`a:${tag}-6099`);
  });

  it('a pasted picture is not read or kept: the partner is told so, with the step again; text sent with it is kept', async () => {
    const partner = h.partner();
    await partner.say(partner.install());
    await partner.say(partner.message('agree'));
    const picture = { contentType: 'image/*', contentUrl: 'https://smba.example.test/amer/v3/attachments/abc/views/original' };
    const htmlCopy = { contentType: 'text/html', content: '<p>Harbor Light Network</p>' };
    const pictureOnly = await partner.say({ ...partner.message(''), attachments: [picture] });
    expect(pictureOnly.text).toMatch(/I can only read typed text/);
    expect((await h.app.loadSession(partner.key))?.organization ?? null).toBeNull();

    const withText = await partner.say({ ...partner.message('Harbor Light Network'), attachments: [htmlCopy, picture] });
    expect(withText.text).toMatch(/did not open or keep the file/);
    expect((await h.app.loadSession(partner.key))?.organization).toBe('Harbor Light Network');
    // Teams' own HTML copy of a typed message is not a file.
    const typedOnly = await partner.say({ ...partner.message('1'), attachments: [htmlCopy] });
    expect(typedOnly.text).not.toMatch(/I can only read typed text/);
    expect(h.connector.calls.some((call) => JSON.stringify(call.body).includes('attachments/abc'))).toBe(false);
  });

  it('checks the answer length on the server (the card\'s maxLength is only a hint) and keeps what was saved', async () => {
    const partner = h.partner();
    await partner.say(partner.install());
    for (const text of ['agree', 'anonymous', '1', 'skip']) await partner.say(partner.message(text));
    await partner.say(partner.submit({ answer: 'First part, kept.' }));
    const refused = await partner.say(partner.submit({ answer: 'x'.repeat(20_001) }));
    expect(refused.text).toMatch(/20,000/);
    const session = await h.app.loadSession(partner.key);
    expect(Object.values(session?.answers ?? {})).toEqual(['First part, kept.']);
  });

  it('escapes partner text on cards: an answer cannot inject links or formatting', async () => {
    const partner = h.partner();
    await partner.say(partner.install());
    await partner.say(partner.message('agree'));
    const hostile = '**Bold** [click](https://evil.example) <at>Boss</at> _x_ # Head';
    const ack = await partner.say(partner.message(hostile));
    expect(ack.markdown).toContain('\\*\\*Bold\\*\\* \\[click\\]\\(https\\://evil.example\\) \\<at\\>Boss\\</at\\> \\_x\\_ \\# Head');
    expect(ack.markdown).not.toContain('[click](');
    expect((await h.app.loadSession(partner.key))?.organization).toBe(hostile);
  });

  it('keeps every card under the card limit, including a review of long answers, without cutting what is stored', async () => {
    const partner = h.partner();
    await partner.say(partner.install());
    for (const text of ['agree', 'anonymous', '1', 'skip']) await partner.say(partner.message(text));
    const long = (n: number) => `Answer ${n} start. ${'Community partners need funding and time. '.repeat(400)}End marker ${n}.`;
    for (let n = 1; n <= 5; n += 1) {
      const ack = await partner.say(partner.message(long(n)));
      expect(ack.bytes).toBeLessThanOrEqual(MAX_CARD_BYTES);
      await partner.say(partner.message(n === 5 ? 'review' : 'next'));
    }
    const review = cardOf(h.connector.delivered(partner.conversationId).at(-1)!);
    expect(review.bytes).toBeLessThanOrEqual(MAX_CARD_BYTES);
    // Budgeted by answer: every answer's start, each shortened one saying how to read it whole.
    for (let n = 1; n <= 5; n += 1) expect(review.text).toContain(`Answer ${n} start.`);
    expect(review.text).toContain('Shortened here');
    expect(review.text).toContain('type edit 1.');
    expect(review.text).toContain('Answer 5 start.');
    expect(review.actions).toContain('submit');
    const session = await h.app.loadSession(partner.key);
    expect(Object.values(session?.answers ?? {}).map((answer) => answer.length)).toEqual([1, 2, 3, 4, 5].map((n) => long(n).length));
  });

  it('bad requests get a JSON error and change nothing', async () => {
    const post = (body: string) => fetch(`${h.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await post('{"type": ')).status).toBe(400);
    expect((await post('[]')).status).toBe(400);
    expect((await post(JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) }))).status).toBe(413);
    expect((await fetch(`${h.app.url}/api/messages`)).status).toBe(405);
    // A well-formed activity without a token is refused before anything else happens.
    const partner: TeamsPartner = h.partner();
    expect((await partner.post(partner.install(), null)).status).toBe(401);
    expect(await h.app.loadSession(partner.key)).toBeNull();
  });
});

describe('Teams when the key list cannot be fetched', () => {
  it('answers 503 TEAMS_AUTH_UNAVAILABLE (our problem, so the Bot Connector retries), not 401, and changes nothing', async () => {
    const h = await startTeamsHarness();
    try {
      const partner = h.partner();
      await h.identity.stop();
      const response = await partner.post(partner.message('agree'));
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('TEAMS_AUTH_UNAVAILABLE');
      expect(await h.app.loadSession(partner.key)).toBeNull();
      expect(h.connector.calls.length).toBe(0);
    } finally {
      await h.cleanup().catch(() => undefined);
    }
  });
});
