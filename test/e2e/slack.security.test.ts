import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockAction, dmEvent, TEAM } from '../fixtures/slack/payloads.js';
import { slackSignature, signedHeaders, TEST_SIGNING_SECRET } from '../fixtures/slack/signing.js';
import { startSlackApp } from '../fixtures/slack/harness.js';

/** Slack's published example ("Verifying requests from Slack"). */
const EXAMPLE = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestampSec: 1531420618,
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};

describe("Slack's published signing example", () => {
  it('verifies with the clock set to its timestamp, and is refused 10 minutes later', async () => {
    let nowMs = EXAMPLE.timestampSec * 1000;
    const harness = await startSlackApp({ env: { SLACK_SIGNING_SECRET: EXAMPLE.secret }, clock: { now: () => new Date(nowMs) } });
    try {
      const send = () =>
        fetch(`${harness.app.url}/slack/events`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-slack-request-timestamp': String(EXAMPLE.timestampSec),
            'x-slack-signature': EXAMPLE.signature,
          },
          body: EXAMPLE.body,
        });
      expect((await send()).status).toBe(200);
      nowMs += 10 * 60 * 1000;
      expect((await send()).status).toBe(401);
      nowMs -= 20 * 60 * 1000; // the request now claims to come from 10 minutes in the future
      expect((await send()).status).toBe(401);
    } finally {
      await harness.cleanup();
    }
  });
});

describe('Slack over HTTP: bad input, duplicates, races, Slack errors', () => {
  let harness: Awaited<ReturnType<typeof startSlackApp>>;
  beforeAll(async () => {
    harness = await startSlackApp();
  });
  afterAll(async () => {
    await harness?.cleanup();
  });
  const keyOf = (user: string) => ({ channel: 'slack' as const, tenantId: TEAM, userId: user });

  it('refuses forged, stale, future, unsigned, malformed and oversized requests with no effect', async () => {
    const { app, client, slackApi } = harness;
    const user = 'USEC1';
    const body = JSON.stringify(dmEvent(user, 'hello'));
    const nowSec = Math.floor(Date.now() / 1000);
    const cases: Array<{ name: string; body: string; headers: Record<string, string>; status: number }> = [
      { name: 'forged', body, headers: signedHeaders(body, { secret: 'not-the-secret-0123456789' }), status: 401 },
      { name: 'tampered', body: body.replace('hello', 'hellO'), headers: signedHeaders(body), status: 401 },
      { name: 'stale', body, headers: signedHeaders(body, { timestampSec: nowSec - 6 * 60 }), status: 401 },
      { name: 'future', body, headers: signedHeaders(body, { timestampSec: nowSec + 6 * 60 }), status: 401 },
      { name: 'no headers', body, headers: { 'content-type': 'application/json' }, status: 401 },
      { name: 'no signature', body, headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(nowSec) }, status: 401 },
      { name: 'bad version', body, headers: { ...signedHeaders(body), 'x-slack-signature': slackSignature(TEST_SIGNING_SECRET, nowSec, body).replace('v0=', 'v1=') }, status: 401 },
      { name: 'malformed json', body: '{"event": ', headers: signedHeaders('{"event": '), status: 400 },
      { name: '2 MB', body: 'x'.repeat(2 * 1024 * 1024), headers: signedHeaders('x'.repeat(2 * 1024 * 1024)), status: 413 },
    ];
    for (const testCase of cases) {
      const response = await client.post(testCase.body, testCase.headers);
      expect(response.status, testCase.name).toBe(testCase.status);
    }
    await client.settle();
    expect(slackApi.calls.filter((call) => call.method !== 'auth.test')).toEqual([]);
    expect(await app.loadSession(keyOf(user))).toBeNull();
  });

  it('a flood of forged requests is refused every time, and logged at most 20 times a minute', async () => {
    const { client, logs, slackApi } = harness;
    const body = JSON.stringify(dmEvent('UFLOOD', 'forged'));
    const headers = signedHeaders(body, { secret: 'attacker-guess-0123456789abcdef' });
    for (let n = 0; n < 30; n += 1) expect((await client.post(body, headers)).status).toBe(401);
    const refusedLines = logs.lines.filter((line) => line.includes('slack request refused'));
    const reasons = refusedLines.map((line) => (JSON.parse(line) as { slackRejected: string }).slackRejected);
    const forgedReason = reasons.at(-1) as string;
    expect(reasons.filter((reason) => reason === forgedReason)).toHaveLength(20);
    expect(slackApi.calls.filter((call) => call.body.channel === 'DUFLOOD')).toEqual([]);
  });

  it('answers the URL verification challenge only when signed', async () => {
    const body = JSON.stringify({ token: 't', challenge: 'challenge-abc', type: 'url_verification' });
    const ok = await harness.client.post(body, signedHeaders(body));
    expect(await ok.json()).toEqual({ challenge: 'challenge-abc' });
    expect((await harness.client.post(body, { 'content-type': 'application/json' })).status).toBe(401);
  });

  it('the same event delivered 3 times (Slack retries) saves one answer and sends one reply', async () => {
    const { app, client, slackApi } = harness;
    const user = 'USEC2';
    for (const text of ['hi', 'agree', 'anonymous', '1', 'skip']) await client.expectReplies(() => client.sendEvent(dmEvent(user, text)));
    const event = dmEvent(user, 'An answer delivered three times. Marker Wren-3301.');
    const before = slackApi.posts().length;
    const responses = await Promise.all([
      client.sendEvent(event),
      client.sendEvent(event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }),
      client.sendEvent(event, { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' }),
    ]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    await slackApi.waitFor(() => slackApi.posts().length > before);
    await client.settle();
    expect(slackApi.posts().length - before).toBe(1);
    const session = await app.loadSession(keyOf(user));
    expect(session?.answers[app.flow.questions[0]?.id ?? '']).toBe('An answer delivered three times. Marker Wren-3301.');
  });

  it('the same button click delivered twice is processed once', async () => {
    const { app, client, slackApi } = harness;
    const user = 'USEC7';
    await client.expectReplies(() => client.sendEvent(dmEvent(user, 'hi')));
    const click = blockAction(user, 'rfi_cmd_0', 'agree');
    const before = slackApi.posts().length;
    const responses = await Promise.all([client.sendInteraction(click), client.sendInteraction(click)]);
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    await slackApi.waitFor(() => slackApi.posts().length > before);
    await client.settle();
    expect(slackApi.posts().length - before).toBe(1);
    expect((await app.loadSession(keyOf(user)))?.step).toBe('organization');
  });

  it('two messages from the same partner racing both end up in the answer', async () => {
    const { app, client, slackApi } = harness;
    const user = 'USEC3';
    for (const text of ['hi', 'agree', 'anonymous', '1', 'skip']) await client.expectReplies(() => client.sendEvent(dmEvent(user, text)));
    const before = slackApi.posts().length;
    await Promise.all([client.sendEvent(dmEvent(user, 'Racing one.')), client.sendEvent(dmEvent(user, 'Racing two.'))]);
    await slackApi.waitFor(() => slackApi.posts().length >= before + 2);
    const answer = (await app.loadSession(keyOf(user)))?.answers[app.flow.questions[0]?.id ?? ''] ?? '';
    expect(answer.split('\n\n').sort()).toEqual(['Racing one.', 'Racing two.']);
  });

  it('acks at once and does the work after the ack, even when Slack is slow', async () => {
    const { client, slackApi } = harness;
    const user = 'USEC6';
    slackApi.failNext('users.info', { kind: 'slow', delayMs: 1_500 });
    const before = slackApi.posts().length;
    const startedAt = Date.now();
    const response = await client.sendEvent(dmEvent(user, 'hi'));
    const ackMs = Date.now() - startedAt;
    expect(response.status).toBe(200);
    expect(ackMs).toBeLessThan(1_000);
    expect(slackApi.posts().length).toBe(before);
    await slackApi.waitFor(() => slackApi.posts().length > before);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1_400);
  });

  it('a failing or rate-limited users.info does not hold up the turn', async () => {
    const { app, client, slackApi } = harness;
    const user = 'USEC5';
    slackApi.failNext('users.info', { kind: 'rateLimited', retryAfterSec: 30 });
    const startedAt = Date.now();
    const intro = await client.expectReplies(() => client.sendEvent(dmEvent(user, 'hi')));
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect(intro[0]?.text).toMatch(/public record/);
    expect((await app.loadSession(keyOf(user)))?.timeZone).toBeNull();
  });

  it('waits out a 429 (Retry-After), falls back from channel_not_found, and says so when Slack stays down', async () => {
    const { app, client, slackApi } = harness;
    const user = 'USEC4';
    await client.expectReplies(() => client.sendEvent(dmEvent(user, 'hi')));

    slackApi.failNext('chat.postMessage', { kind: 'rateLimited', retryAfterSec: 1 });
    const startedAt = Date.now();
    const afterLimit = await client.expectReplies(() => client.sendEvent(dmEvent(user, 'agree')));
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(900);
    expect(afterLimit).toHaveLength(1);

    slackApi.failNext('chat.postMessage', { kind: 'error', error: 'channel_not_found' });
    const fallback = await client.expectReplies(() => client.sendEvent(dmEvent(user, 'anonymous')));
    expect(fallback.map((post) => post.channel)).toEqual([user]);
    expect(slackApi.callsTo('chat.postMessage').at(-2)).toMatchObject({ outcome: 'channel_not_found', body: { channel: `D${user}` } });

    // Slack unreachable for every retry: the answer is saved anyway, and the partner is told in plain words.
    slackApi.failNext('chat.postMessage', { kind: 'drop' }, { kind: 'drop' }, { kind: 'drop' }, { kind: 'drop' });
    const notice = await client.expectReplies(() => client.sendEvent(dmEvent(user, '3')));
    expect(notice).toHaveLength(1);
    expect(notice[0]?.text).toMatch(/did not deliver/);
    expect(slackApi.callsTo('chat.postMessage').filter((call) => call.outcome === 'dropped')).toHaveLength(4);
    expect((await app.loadSession(keyOf(user)))?.respondentTypeId).toBe(app.flow.respondentTypes[2]?.id);
  }, 20_000);
});
