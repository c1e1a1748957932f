import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { RunningApp } from '../../src/app.js';
import type { Env } from '../../src/config.js';
import { startTestApp, type LogCapture, type TestAppOptions } from '../support/app.js';

/**
 * Test doubles for the Bot Framework side of Teams, all on 127.0.0.1:
 * - an identity server: OpenID metadata + JWKS (the key signing channel tokens is generated here) and an
 *   OAuth token endpoint that issues the bot's OUTBOUND bearer tokens (client-credentials grant);
 * - a fake Bot Connector at the activities' serviceUrl that records every call and answers like the real
 *   one ({ id }), or with scripted failures (429 + Retry-After, 403, 502…);
 * - a Teams client that builds activities shaped as Teams sends them and signs a token for each.
 */

export const APP_ID = '00000000-0000-4000-8000-00000000b071';
export const TENANT_ID = '11111111-1111-4111-8111-111111111111';
const KEY_ID = 'test-signing-key';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export class IdentityServer {
  url = '';
  readonly issuer = 'https://api.botframework.com';
  private privateKey!: CryptoKey;
  private publicJwk!: JWK;
  readonly issuedOutboundTokens: string[] = [];
  tokenRequests = 0;
  private server = createServer((req, res) => void this.handle(req, res));

  get openIdMetadataUrl(): string {
    return `${this.url}/v1/.well-known/openidconfiguration`;
  }

  async start(): Promise<void> {
    const pair = await generateKeyPair('RS256', { extractable: true });
    this.privateKey = pair.privateKey;
    this.publicJwk = { ...(await exportJWK(pair.publicKey)), kid: KEY_ID, use: 'sig', alg: 'RS256' };
    this.url = await listen(this.server);
  }

  stop(): Promise<void> {
    return close(this.server);
  }

  /** A channel token as the Bot Connector signs it; `overrides` break one property at a time. */
  async channelToken(serviceUrl: string, overrides: { audience?: string; expiresInSec?: number; key?: CryptoKey; serviceUrlClaim?: string } = {}): Promise<string> {
    const nowSec = Math.floor(Date.now() / 1000);
    const expiresInSec = overrides.expiresInSec ?? 600;
    return new SignJWT({ serviceurl: overrides.serviceUrlClaim ?? serviceUrl })
      .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(overrides.audience ?? APP_ID)
      .setIssuedAt(nowSec - 60 + Math.min(0, expiresInSec))
      .setNotBefore(nowSec - 60 + Math.min(0, expiresInSec))
      .setExpirationTime(nowSec + expiresInSec)
      .sign(overrides.key ?? this.privateKey);
  }

  /** The token source the app is given: a client-credentials grant against this server's token endpoint. */
  outboundToken = async (): Promise<string> => {
    const response = await fetch(`${this.url}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: APP_ID, client_secret: 'test-secret', scope: 'https://api.botframework.com/.default' }),
    });
    const body = (await response.json()) as { access_token: string };
    return body.access_token;
  };

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', this.url).pathname;
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === '/v1/.well-known/openidconfiguration') {
      json(200, { issuer: this.issuer, jwks_uri: `${this.url}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    } else if (path === '/v1/.well-known/keys') {
      json(200, { keys: [{ ...this.publicJwk, endorsements: ['msteams', 'emulator'] }] });
    } else if (path === '/oauth2/v2.0/token' && req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      this.tokenRequests += 1;
      if (form.get('client_id') !== APP_ID || form.get('client_secret') !== 'test-secret') {
        json(401, { error: 'invalid_client' });
        return;
      }
      const token = `outbound-${randomBytes(12).toString('hex')}`;
      this.issuedOutboundTokens.push(token);
      json(200, { token_type: 'Bearer', expires_in: 3600, access_token: token });
    } else {
      json(404, { error: 'not found' });
    }
  }
}

/** Another key with the SAME key id: a forged token that only a real signature check catches. */
export async function foreignKey(): Promise<CryptoKey> {
  return (await generateKeyPair('RS256')).privateKey;
}

export interface RecordedCall {
  method: string;
  path: string;
  conversationId: string;
  replyToId: string | undefined;
  authorization: string | undefined;
  body: Record<string, unknown>;
  status: number;
  atMs: number;
}

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
}

export class FakeConnector {
  url = '';
  readonly calls: RecordedCall[] = [];
  private script: ScriptedResponse[] = [];
  private waiters: Array<() => void> = [];
  private server = createServer((req, res) => void this.handle(req, res));

  async start(): Promise<void> {
    this.url = await listen(this.server);
  }

  stop(): Promise<void> {
    return close(this.server);
  }

  /** The next calls get these responses, in order, before the connector answers normally again. */
  respondNext(...responses: ScriptedResponse[]): void {
    this.script.push(...responses);
  }

  /** Activities accepted (2xx), i.e. what the partner actually sees. */
  delivered(conversationId?: string): RecordedCall[] {
    return this.calls.filter((call) => call.status < 300 && (!conversationId || call.conversationId === conversationId));
  }

  async waitForDelivered(count: number, conversationId: string, timeoutMs = 10_000): Promise<RecordedCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.delivered(conversationId).length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} delivered activities, got ${this.delivered(conversationId).length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.delivered(conversationId);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', this.url).pathname;
    const match = /^(?:\/[a-z]+)?\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    const scripted = match ? this.script.shift() : { status: 404 };
    const status = scripted?.status ?? 200;
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      // recorded as empty
    }
    this.calls.push({
      method: req.method ?? '',
      path,
      conversationId: decodeURIComponent(match?.[1] ?? ''),
      replyToId: match?.[2] ? decodeURIComponent(match[2]) : undefined,
      authorization: req.headers.authorization,
      body,
      status,
      atMs: Date.now(),
    });
    res.writeHead(status, { 'content-type': 'application/json', ...(scripted?.headers ?? {}) });
    res.end(JSON.stringify(status < 300 ? { id: `sent-${randomUUID()}` } : { error: { code: status === 403 ? 'BotNotInConversationRoster' : 'Throttled', message: 'scripted' } }));
    for (const wake of this.waiters.splice(0)) wake();
  }
}

/** One partner in Teams: builds activities the way Teams shapes them and posts them, signed, to the bot. */
export class TeamsPartner {
  readonly aadObjectId: string;
  readonly userChannelId = `29:${randomBytes(12).toString('base64url')}`;
  readonly conversationId = `a:${randomBytes(16).toString('base64url')}`;
  lastActivityId = '';

  constructor(
    readonly botUrl: string,
    readonly identity: IdentityServer | null,
    readonly connector: FakeConnector,
    readonly extra: { localTimezone?: string; locale?: string; aadObjectId?: string } = {},
  ) {
    this.aadObjectId = extra.aadObjectId ?? randomUUID();
  }

  get key() {
    return { channel: 'teams' as const, tenantId: TENANT_ID, userId: this.aadObjectId };
  }

  activity(fields: Record<string, unknown>): Record<string, unknown> {
    this.lastActivityId = `f:${randomUUID()}`;
    return {
      id: this.lastActivityId,
      channelId: 'msteams',
      serviceUrl: `${this.connector.url}/amer/`,
      timestamp: new Date().toISOString(),
      localTimestamp: new Date().toISOString(),
      from: { id: this.userChannelId, name: 'Partner Person', aadObjectId: this.aadObjectId },
      recipient: { id: `28:${APP_ID}`, name: 'RFI Bot' },
      conversation: { id: this.conversationId, conversationType: 'personal', tenantId: TENANT_ID },
      channelData: { tenant: { id: TENANT_ID } },
      locale: this.extra.locale ?? 'en-US',
      ...(this.extra.localTimezone ? { localTimezone: this.extra.localTimezone } : {}),
      entities: [{ type: 'clientInfo', locale: this.extra.locale ?? 'en-US', country: 'US', platform: 'Web', timezone: this.extra.localTimezone ?? 'America/New_York' }],
      ...fields,
    };
  }

  install(): Record<string, unknown> {
    return this.activity({ type: 'conversationUpdate', membersAdded: [{ id: `28:${APP_ID}` }, { id: this.userChannelId, aadObjectId: this.aadObjectId }] });
  }

  message(text: string): Record<string, unknown> {
    return this.activity({ type: 'message', text, textFormat: 'plain' });
  }

  submit(data: Record<string, unknown>): Record<string, unknown> {
    return this.activity({ type: 'message', value: data });
  }

  execute(data: Record<string, unknown>, verb?: string): Record<string, unknown> {
    return this.activity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', ...(verb ? { verb } : {}), data }, trigger: 'manual' } });
  }

  async post(activity: Record<string, unknown>, token?: string | null): Promise<Response> {
    const bearer = token === undefined ? (this.identity ? await this.identity.channelToken(String(activity.serviceUrl)) : null) : token;
    return fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify(activity),
    });
  }

  /** Posts and waits for the bot's card; returns the card. */
  async say(activity: Record<string, unknown>): Promise<Card> {
    const before = this.connector.delivered(this.conversationId).length;
    const response = await this.post(activity);
    if (response.status !== 200) throw new Error(`bot answered ${response.status}: ${await response.text()}`);
    const delivered = await this.connector.waitForDelivered(before + 1, this.conversationId);
    return cardOf(delivered[delivered.length - 1] as RecordedCall);
  }
}

export interface Card {
  raw: Record<string, unknown>;
  bytes: number;
  /** Text blocks joined by newlines, with markdown escapes removed (what the partner reads). */
  text: string;
  /** The escaped markdown as sent. */
  markdown: string;
  actions: string[];
  /** The values (typed commands) of the card's pick lists: respondent types, "edit N". */
  choices: string[];
  hasInput: boolean;
}

export function cardOf(call: RecordedCall): Card {
  const attachments = call.body.attachments as Array<{ contentType: string; content: Record<string, unknown> }>;
  const attachment = attachments[0];
  if (!attachment || attachment.contentType !== 'application/vnd.microsoft.card.adaptive') throw new Error('not an adaptive card');
  const card = attachment.content;
  const body = card.body as Array<Record<string, unknown>>;
  // Text blocks inside containers too (the review's personal-information warning is one).
  const flat = (elements: Array<Record<string, unknown>>): Array<Record<string, unknown>> =>
    elements.flatMap((element) => (Array.isArray(element.items) ? [element, ...flat(element.items as Array<Record<string, unknown>>)] : [element]));
  const blocks = flat(body).filter((element) => element.type === 'TextBlock').map((element) => String(element.text));
  // Buttons, including those inside an Action.ShowCard, and the typed commands of every pick list.
  const allActions = (actions: unknown): Array<Record<string, unknown>> =>
    ((actions ?? []) as Array<Record<string, unknown>>).flatMap((action) => [action, ...(action.type === 'Action.ShowCard' ? allActions((action.card as { actions?: unknown }).actions) : [])]);
  const actions = allActions(card.actions).map((action) => (action.data as { action?: string } | undefined)?.action).filter((id): id is string => Boolean(id));
  const choiceSets = [...flat(body), ...allActions(card.actions).flatMap((action) => (action.type === 'Action.ShowCard' ? flat(((action.card as { body?: unknown }).body ?? []) as Array<Record<string, unknown>>) : []))];
  const choices = choiceSets.filter((element) => element.type === 'Input.ChoiceSet').flatMap((element) => (element.choices as Array<{ value: string }>).map((choice) => choice.value));
  return {
    raw: card,
    bytes: Buffer.byteLength(JSON.stringify(card)),
    markdown: blocks.join('\n'),
    text: blocks.map((block) => block.replace(/\\(.)/g, '$1')).join('\n'),
    actions,
    choices,
    hasInput: body.some((element) => element.type === 'Input.Text'),
  };
}

export interface TeamsHarness {
  app: RunningApp;
  identity: IdentityServer;
  connector: FakeConnector;
  logs: LogCapture;
  partner(extra?: { localTimezone?: string; locale?: string; aadObjectId?: string }): TeamsPartner;
  cleanup(): Promise<void>;
}

/** The real app with Teams enabled and authentication ON, pointed at the local identity server. */
export async function startTeamsHarness(env: Env = {}, options: Pick<TestAppOptions, 'abuseLimits'> = {}): Promise<TeamsHarness> {
  const identity = new IdentityServer();
  const connector = new FakeConnector();
  await Promise.all([identity.start(), connector.start()]);
  const { app, logs, cleanup: stopApp } = await startTestApp(
    {
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: 'test-secret',
      MICROSOFT_APP_TYPE: 'MultiTenant',
      ...env,
    },
    {
      teams: {
        authEndpoints: { openIdMetadataUrl: identity.openIdMetadataUrl, tokenIssuer: identity.issuer },
        // Outbound token: from the token endpoint on 127.0.0.1 (injected; MSAL only talks to https authorities).
        outboundToken: identity.outboundToken,
        retryPolicy: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 3_000, budgetMs: 8_000 },
      },
      ...options,
    },
  );
  return {
    app,
    identity,
    connector,
    logs,
    partner: (extra) => new TeamsPartner(app.url, identity, connector, extra),
    async cleanup() {
      await stopApp();
      await Promise.all([identity.stop(), connector.stop()]);
    },
  };
}
