import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createConnectorSender, type ConnectorSender } from '../../adapters/teams/connector.js';
import type { StoredReference } from '../../adapters/teams/parse.js';

/**
 * The Bot Connector sender over its kept-alive HTTP pool, against a scripted connector on 127.0.0.1:
 * what it posts, what it reads back, and which failures it must not retry (a reset or a timeout may
 * already have delivered the card; a second copy is worse than a late one).
 */
type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server | null = null;
let sender: ConnectorSender | null = null;

async function connector(handler: Handler): Promise<{ serviceUrl: string; requests: Array<{ url: string; authorization: string | undefined; body: Record<string, unknown> }> }> {
  const requests: Array<{ url: string; authorization: string | undefined; body: Record<string, unknown> }> = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ url: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(body) as Record<string, unknown> });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/teams/`, requests };
}

function referenceAt(serviceUrl: string): StoredReference {
  return { conversationId: 'a:1 conv/x', serviceUrl, channelId: 'msteams', botId: '28:bot', botName: 'RFI', userChannelId: '29:user', userName: undefined, tenantId: 'tenant-1', locale: 'en-US', timeZone: undefined };
}

afterEach(async () => {
  sender?.close();
  sender = null;
  const open = server;
  server = null;
  if (open) {
    open.closeAllConnections();
    await new Promise<void>((resolve) => open.close(() => resolve()));
  }
});

describe('Bot Connector sender (adapters/teams/connector.ts)', () => {
  it('posts the activity with the bearer token to the conversation and reads back the activity id', async () => {
    const fake = await connector((_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'act-42' }));
    });
    sender = createConnectorSender({ token: async () => 'outbound-token' });
    const result = await sender.send(referenceAt(fake.serviceUrl), { type: 'message', text: 'Question 1 of 5' }, 'in-7');
    expect(result).toEqual({ status: 'sent', attempts: 1, activityId: 'act-42' });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.url).toBe('/teams/v3/conversations/a%3A1%20conv%2Fx/activities/in-7');
    expect(fake.requests[0]?.authorization).toBe('Bearer outbound-token');
    expect(fake.requests[0]?.body).toMatchObject({ type: 'message', text: 'Question 1 of 5', replyToId: 'in-7', recipient: { id: '29:user' }, conversation: { id: 'a:1 conv/x', tenantId: 'tenant-1' } });
  });

  it('does not retry a connection reset (the card may have arrived)', async () => {
    const fake = await connector((req) => req.socket.destroy());
    sender = createConnectorSender({ token: async () => null, sleep: async () => undefined });
    const result = await sender.send(referenceAt(fake.serviceUrl), { type: 'message', text: 'x' });
    expect(result).toMatchObject({ status: 'failed', attempts: 1, code: 'CONNECTOR_NETWORK_ERROR' });
    expect(fake.requests).toHaveLength(1);
  });

  it('does not retry a connector that never answers; gives up within the budget', async () => {
    const fake = await connector(() => undefined);
    sender = createConnectorSender({ token: async () => null, policy: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 10, budgetMs: 300 } });
    const startedAt = Date.now();
    const result = await sender.send(referenceAt(fake.serviceUrl), { type: 'message', text: 'x' });
    expect(result).toMatchObject({ status: 'failed', attempts: 1, code: 'CONNECTOR_NETWORK_ERROR' });
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect(fake.requests).toHaveLength(1);
  });

  it('retries a 502 and keeps the connection pool usable', async () => {
    let calls = 0;
    const fake = await connector((_req, res) => {
      calls += 1;
      if (calls === 1) res.writeHead(502).end('bad gateway');
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"act-2"}');
    });
    sender = createConnectorSender({ token: async () => null, sleep: async () => undefined });
    expect(await sender.send(referenceAt(fake.serviceUrl), { type: 'message', text: 'x' })).toEqual({ status: 'sent', attempts: 2, activityId: 'act-2' });
    expect(await sender.send(referenceAt(fake.serviceUrl), { type: 'message', text: 'y' })).toEqual({ status: 'sent', attempts: 1, activityId: 'act-2' });
  });
});
