import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AbuseLimitRules } from '../../src/http/abuse-limits.js';
import { startTestApp } from '../support/app.js';
import { ShiftedClock } from '../support/clock.js';
import { actionIds, allText, WebchatClient } from '../support/webchat-client.js';

/**
 * Issue 18 items 6 and 9 through the real HTTP server: sliding-window limits per client and site-wide on
 * new sessions, turns and submissions; X-Forwarded-For believed only as TRUST_PROXY says; 429 with
 * Retry-After and a kind message in the partner's language; the session id in a header, not the URL.
 * Limits are made small (the app's `abuseLimits` option) so they are reached in a few requests.
 */
const MINUTE_MS = 60_000;
const roomy = { limit: 10_000, windowMs: MINUTE_MS };

function createSession(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/chat/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
}

describe('session limits and X-Forwarded-For', () => {
  const rules: AbuseLimitRules = {
    session: { client: { limit: 3, windowMs: MINUTE_MS }, site: { limit: 8, windowMs: MINUTE_MS } },
    turn: { client: roomy, site: roomy },
    submission: { client: roomy, site: roomy },
  };

  describe('TRUST_PROXY unset', () => {
    const clock = new ShiftedClock();
    let harness: Awaited<ReturnType<typeof startTestApp>>;
    beforeAll(async () => {
      harness = await startTestApp({}, { clock, abuseLimits: rules });
    });
    afterAll(async () => {
      await harness?.cleanup();
    });

    it('refuses the fourth new session in a minute with 429, Retry-After and a kind message in the partner\'s language', async () => {
      for (let i = 0; i < 3; i += 1) expect((await createSession(harness.app.url)).status).toBe(201);
      const refused = await createSession(harness.app.url, { 'accept-language': 'es' });
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      const body = (await refused.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('RATE_LIMITED');
      expect(body.error.message).toMatch(/No se perdió nada de lo que escribió/);
      expect(body.error.message).toContain(`${retryAfter} segundos`);
      const english = (await (await createSession(harness.app.url)).json()) as { error: { message: string } };
      expect(english.error.message).toMatch(/Nothing you wrote is lost\. Please try again in \d+ seconds?\./);
      // The log says a limit was reached, without the address.
      expect(harness.logs.text).toContain('rate limit reached');
      expect(harness.logs.text).not.toMatch(/"(bucket|clientId)":"session:client:127/);
    });

    it('ignores a forged X-Forwarded-For: rotating it does not open a new bucket', async () => {
      clock.advance(MINUTE_MS);
      for (let i = 0; i < 3; i += 1) expect((await createSession(harness.app.url, { 'x-forwarded-for': `198.51.100.${i}` })).status).toBe(201);
      expect((await createSession(harness.app.url, { 'x-forwarded-for': '198.51.100.200' })).status).toBe(429);
      // The window slides: once the first of the three is a minute old, there is room again.
      clock.advance(MINUTE_MS);
      expect((await createSession(harness.app.url)).status).toBe(201);
    });
  });

  describe('TRUST_PROXY=1 (one proxy in front)', () => {
    const clock = new ShiftedClock();
    let harness: Awaited<ReturnType<typeof startTestApp>>;
    beforeAll(async () => {
      harness = await startTestApp({ TRUST_PROXY: '1' }, { clock, abuseLimits: rules });
    });
    afterAll(async () => {
      await harness?.cleanup();
    });

    it('believes the address the proxy appended, never what the client wrote before it', async () => {
      const via = (client: string, forged = '6.6.6.6') => createSession(harness.app.url, { 'x-forwarded-for': `${forged}, ${client}` });
      for (let i = 0; i < 3; i += 1) expect((await via('203.0.113.10', `6.6.6.${i}`)).status).toBe(201);
      // Same client, another forged entry on the left: still the same bucket.
      expect((await via('203.0.113.10', '7.7.7.7')).status).toBe(429);
      // Another partner behind the same proxy is not locked out by the first one.
      expect((await via('203.0.113.11')).status).toBe(201);
    });

    it('a site-wide limit stops a flood from many addresses', async () => {
      clock.advance(MINUTE_MS);
      const statuses: number[] = [];
      for (let i = 0; i < 10; i += 1) statuses.push((await createSession(harness.app.url, { 'x-forwarded-for': `192.0.2.${i}` })).status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(8);
      expect(statuses.slice(8)).toEqual([429, 429]);
      expect(harness.logs.text).toMatch(/"scope":"site"/);
    });
  });
});

describe('submission and turn limits, and the session id in a header', () => {
  const rules: AbuseLimitRules = {
    session: { client: roomy, site: roomy },
    turn: { client: { limit: 60, windowMs: MINUTE_MS }, site: roomy },
    submission: { client: { limit: 2, windowMs: 10 * MINUTE_MS }, site: roomy },
  };
  const clock = new ShiftedClock();
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    harness = await startTestApp({}, { clock, abuseLimits: rules });
  });
  afterAll(async () => {
    await harness?.cleanup();
  });

  it('refuses a third submission from one client and keeps that partner\'s draft as it was', async () => {
    for (let i = 0; i < 2; i += 1) {
      const client = new WebchatClient(harness.app.url);
      await client.reachReview(`Answer number ${i} about equity in services.`);
      expect(allText(await client.press('submit'))).toMatch(/RFI-/);
    }
    const third = new WebchatClient(harness.app.url);
    await third.reachReview('A third answer that must not be lost.');
    const refused = await fetch(`${harness.app.url}/chat/api/session/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...third.auth() },
      body: JSON.stringify({ action: 'submit' }),
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/try again in 10 minutes/);
    const state = await third.state();
    expect(state.receipt).toBeUndefined();
    expect(state.step).toBe('review');
    // Later, the same press of submit goes through, with the answer intact.
    clock.advance(10 * MINUTE_MS);
    const submitted = await third.press('submit');
    expect(allText(submitted)).toMatch(/RFI-/);
    const receipt = (await third.state()).receipt as string;
    const stored = await harness.app.commentStore.getByReceipt(receipt);
    expect(stored?.answers.find((a) => a.index === 1)?.answer).toBe('A third answer that must not be lost.');
  });

  it('limits turns per client', async () => {
    clock.advance(MINUTE_MS);
    const client = new WebchatClient(harness.app.url);
    await client.start();
    let status = 200;
    let sent = 0;
    while (status === 200 && sent < 100) {
      status = (await fetch(`${harness.app.url}/chat/api/session/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...client.auth() }, body: '{"text":"help"}' })).status;
      sent += 1;
    }
    expect(status).toBe(429);
    expect(sent).toBe(61);
  });

  it('takes the session id from Authorization: Bearer; the old path still answers, marked Deprecation, and the log never holds the id', async () => {
    clock.advance(MINUTE_MS);
    const client = new WebchatClient(harness.app.url);
    expect(actionIds(await client.start())).toContain('agree');
    const viaHeader = await fetch(`${harness.app.url}/chat/api/session`, { headers: client.auth() });
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.headers.get('deprecation')).toBeNull();

    const viaPath = await fetch(`${harness.app.url}/chat/api/sessions/${client.sessionId}`);
    expect(viaPath.status).toBe(200);
    expect(viaPath.headers.get('deprecation')).toMatch(/^@\d+$/);
    expect(viaPath.headers.get('link')).toBe('</chat/api/session>; rel="successor-version"');
    const oldMessage = await fetch(`${harness.app.url}/chat/api/sessions/${client.sessionId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'agree' }),
    });
    expect(oldMessage.status).toBe(200);
    expect(oldMessage.headers.get('deprecation')).toMatch(/^@\d+$/);
    await fetch(`${harness.app.url}/chat/api/sessions/${client.sessionId}`);
    const warnings = harness.logs.lines.filter((line) => line.includes('session id in the URL path is deprecated'));
    // One warning per old route (throttled), none carrying the id.
    expect(warnings).toHaveLength(2);
    expect(harness.logs.text).not.toContain(client.sessionId);

    // Without the header, or with a wrong one, there is no such session (a 404, as for an unknown id).
    expect((await fetch(`${harness.app.url}/chat/api/session`)).status).toBe(404);
    expect((await fetch(`${harness.app.url}/chat/api/session`, { headers: { authorization: 'Bearer nope' } })).status).toBe(404);
    expect((await fetch(`${harness.app.url}/chat/api/session`, { headers: { authorization: `Basic ${client.sessionId}` } })).status).toBe(404);
  });
});
