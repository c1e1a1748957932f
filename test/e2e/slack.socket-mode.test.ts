import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { dmEvent, TEAM } from '../fixtures/slack/payloads.js';
import { startSlackApp } from '../fixtures/slack/harness.js';

/**
 * Socket Mode against a local WebSocket server standing in for Slack: the bot asks the (fake) Web API
 * for a socket URL with its app token (apps.connections.open on SLACK_API_URL), connects, gets `hello`,
 * then receives envelopes and must ack each one by envelope_id, exactly as Slack's protocol says.
 */
describe('Slack in Socket Mode', () => {
  let wss: WebSocketServer;
  let socket: WebSocket | null = null;
  const received: Array<Record<string, unknown>> = [];
  let harness: Awaited<ReturnType<typeof startSlackApp>>;

  beforeAll(async () => {
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    wss.on('connection', (connection) => {
      socket = connection;
      connection.on('message', (data) => received.push(JSON.parse(String(data)) as Record<string, unknown>));
      connection.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0001' }, debug_info: { host: 'local' } }));
    });
    const port = (wss.address() as AddressInfo).port;
    harness = await startSlackApp({ env: { SLACK_APP_TOKEN: 'xapp-1-A0001-test-token' }, socketUrl: `ws://127.0.0.1:${port}/link` });
    // The fake Web API must hand out the socket URL before the adapter connects: it is set up front.
    expect(harness.slackApi.callsTo('apps.connections.open').length).toBeGreaterThan(0);
    expect(port).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await harness?.cleanup();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });

  it('connects with the app token, acks each envelope, and answers the DM through the Web API', async () => {
    const { slackApi, app } = harness;
    expect(slackApi.callsTo('apps.connections.open')[0]?.token).toBe('xapp-1-A0001-test-token');
    expect(socket).not.toBeNull();
    const before = slackApi.posts().length;
    const hello = dmEvent('USOCK1', 'hello');
    socket?.send(JSON.stringify({ envelope_id: 'env-1', type: 'events_api', accepts_response_payload: false, retry_attempt: 0, retry_reason: '', payload: hello }));
    await slackApi.waitFor(() => received.some((message) => message.envelope_id === 'env-1'));
    await slackApi.waitFor(() => slackApi.posts().length > before);
    expect(slackApi.posts().at(-1)?.text).toMatch(/public record/);
    expect(slackApi.callsTo('chat.postMessage').at(-1)?.token).toBe('xoxb-test-0001-token');

    // The same event delivered again (Slack's retry, new envelope) is acked but not answered twice.
    socket?.send(JSON.stringify({ envelope_id: 'env-2', type: 'events_api', accepts_response_payload: false, retry_attempt: 1, retry_reason: 'timeout', payload: hello }));
    await slackApi.waitFor(() => received.some((message) => message.envelope_id === 'env-2'));
    await harness.client.settle();
    expect(slackApi.posts().length).toBe(before + 1);

    socket?.send(JSON.stringify({ envelope_id: 'env-3', type: 'events_api', accepts_response_payload: false, retry_attempt: 0, retry_reason: '', payload: dmEvent('USOCK1', 'agree') }));
    await slackApi.waitFor(() => slackApi.posts().length > before + 1);
    const session = await app.loadSession({ channel: 'slack', tenantId: TEAM, userId: 'USOCK1' });
    expect(session?.step).toBe('organization');

    // In Socket Mode there is no HTTP endpoint to forge requests against.
    expect((await fetch(`${app.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('acks a slash command with its ephemeral answer in the envelope payload', async () => {
    socket?.send(
      JSON.stringify({
        envelope_id: 'env-4',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: { team_id: TEAM, user_id: 'USOCK2', channel_id: 'C0GENERAL', command: '/rfi', text: 'what', trigger_id: 'trig-sock-3' },
      }),
    );
    await harness.slackApi.waitFor(() => received.some((message) => message.envelope_id === 'env-4'));
    const ack = received.find((message) => message.envelope_id === 'env-4') as { payload: { text: string } };
    expect(ack.payload.text).toContain('/rfi start');
  });
});
