import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSlackHttp, SlackCallError, type SlackHttp } from '../../adapters/slack/web-api-http.js';
import { FakeSlackApi } from '../fixtures/slack/fake-slack-api.js';

/**
 * The bot's own Slack Web API client, against the fake Slack Web API on 127.0.0.1: encodings, Slack's
 * error answers, 429 with Retry-After (per method), HTTP errors, dropped connections and timeouts.
 */
const fastRetry = { retries: 2, firstDelayMs: 20, maxDelayMs: 50 };

async function failureOf(promise: Promise<unknown>): Promise<SlackCallError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof SlackCallError)) throw new Error(`expected a SlackCallError, got ${String(error)}`);
  return error;
}

describe('Slack Web API client (adapters/slack/web-api-http.ts)', () => {
  const api = new FakeSlackApi();
  let http: SlackHttp;

  beforeAll(async () => {
    await api.start();
    http = createSlackHttp({ apiUrl: api.url, token: 'xoxb-test-token', timeoutMs: 2_000, retry: fastRetry });
  });
  afterEach(() => {
    api.calls.length = 0;
  });
  afterAll(async () => {
    http.close();
    await api.stop();
  });

  it('sends write methods as JSON and read methods as a form, with the bearer token', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'Question 1 of 5 & <more>' } }];
    const posted = await http.call('chat.postMessage', { channel: 'D1', text: 'hello', blocks, unfurl_links: false }, { encoding: 'json' });
    expect(posted).toMatchObject({ ok: true, channel: 'D1' });
    const info = await http.call('users.info', { user: 'U1', include_locale: true }, { encoding: 'form' });
    expect(info).toMatchObject({ ok: true, user: { id: 'U1', tz: 'America/Chicago' } });

    const [post, lookup] = api.calls;
    expect(post).toMatchObject({ method: 'chat.postMessage', token: 'xoxb-test-token', body: { channel: 'D1', blocks, unfurl_links: false } });
    expect(post?.contentType).toMatch(/^application\/json/);
    expect(lookup).toMatchObject({ method: 'users.info', token: 'xoxb-test-token', body: { user: 'U1', include_locale: 'true' } });
    expect(lookup?.contentType).toBe('application/x-www-form-urlencoded');
  });

  it('turns an ok:false answer into its Slack error code, without retrying', async () => {
    api.failNext('chat.postMessage', { kind: 'error', error: 'channel_not_found' });
    const error = await failureOf(http.call('chat.postMessage', { channel: 'DX', text: 'x' }, { encoding: 'json' }));
    expect(error.slackError).toBe('channel_not_found');
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
    expect(error.message).not.toContain('xoxb');
  });

  it('retries HTTP errors and dropped connections with back-off, then succeeds', async () => {
    api.failNext('chat.postMessage', { kind: 'status', status: 502 }, { kind: 'drop' });
    await http.call('chat.postMessage', { channel: 'D2', text: 'x' }, { encoding: 'json' });
    expect(api.callsTo('chat.postMessage').map((call) => call.outcome)).toEqual(['http_502', 'dropped', 'ok']);
  });

  it('gives up after the retries with request_error or http_error', async () => {
    api.failNext('chat.postMessage', { kind: 'drop' }, { kind: 'drop' }, { kind: 'drop' });
    expect((await failureOf(http.call('chat.postMessage', { channel: 'D3', text: 'x' }, { encoding: 'json' }))).slackError).toBe('request_error');
    expect(api.callsTo('chat.postMessage')).toHaveLength(3);
    api.failNext('chat.postMessage', { kind: 'status', status: 500 }, { kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    expect((await failureOf(http.call('chat.postMessage', { channel: 'D3', text: 'x' }, { encoding: 'json' }))).slackError).toBe('http_error');
  });

  it('waits out a 429 for Retry-After; other calls of that method wait too, other methods do not', async () => {
    api.failNext('chat.postMessage', { kind: 'rateLimited', retryAfterSec: 1 });
    const startedAt = Date.now();
    const limited = http.call('chat.postMessage', { channel: 'D4', text: 'first' }, { encoding: 'json' }).then(() => Date.now() - startedAt);
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 1);
    const queued = http.call('chat.postMessage', { channel: 'D4', text: 'second' }, { encoding: 'json' }).then(() => Date.now() - startedAt);
    const other = http.call('views.publish', { user_id: 'U4', view: { type: 'home', blocks: [] } }, { encoding: 'json' }).then(() => Date.now() - startedAt);
    const [limitedMs, queuedMs, otherMs] = await Promise.all([limited, queued, other]);
    expect(limitedMs).toBeGreaterThanOrEqual(950);
    expect(queuedMs).toBeGreaterThanOrEqual(950);
    expect(otherMs).toBeLessThan(900);
    expect(api.callsTo('chat.postMessage').map((call) => call.outcome)).toEqual(['rate_limited', 'ok', 'ok']);
  });

  it('fails at once with rate_limited when asked not to wait', async () => {
    api.failNext('users.info', { kind: 'rateLimited', retryAfterSec: 30 });
    const startedAt = Date.now();
    const error = await failureOf(http.call('users.info', { user: 'U5' }, { encoding: 'form', rejectRateLimited: true }));
    expect(error.slackError).toBe('rate_limited');
    // While the method is paused, a call that may not wait fails without reaching Slack.
    expect((await failureOf(http.call('users.info', { user: 'U6' }, { encoding: 'form', rejectRateLimited: true }))).slackError).toBe('rate_limited');
    expect(api.callsTo('users.info')).toHaveLength(1);
    expect(Date.now() - startedAt).toBeLessThan(1_000);
  });

  it('gives up on a Slack that never answers (timeout → request_error)', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const slow = createSlackHttp({ apiUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/api/`, token: 'xoxb-t', timeoutMs: 150, retry: { retries: 1, firstDelayMs: 10, maxDelayMs: 10 } });
    try {
      const startedAt = Date.now();
      expect((await failureOf(slow.call('chat.postMessage', { channel: 'D7', text: 'x' }, { encoding: 'json' }))).slackError).toBe('request_error');
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(300);
    } finally {
      slow.close();
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
