import type { IncomingMessage, ServerResponse } from 'node:http';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Request, type Response } from 'botbuilder';
import { ServiceClientCredentialsFactory } from 'botframework-connector';
import { readJsonBody } from '../../src/index.js';
import { localEndpointSettings, type TeamsAuthEndpoints } from './bot-framework.js';
import type { OutboundTokenSource } from './connector.js';

/**
 * BENCHMARK BASELINE ONLY (bench/teams.bench.ts): the smallest correct Bot Framework bot — CloudAdapter.process
 * behind node:http, echoing every message through the SDK's own ConnectorClient. It lives here because
 * botbuilder may only be imported under adapters/teams/ (swapping the SDK swaps the baseline too).
 * It is not wired into the app.
 */
export interface EchoBaselineOptions {
  appId: string;
  endpoints: TeamsAuthEndpoints;
  outboundToken: OutboundTokenSource;
}

/** Outbound credentials from a token source (MSAL only talks to https login endpoints). */
class TokenSourceCredentialsFactory extends ServiceClientCredentialsFactory {
  constructor(private readonly appId: string, private readonly token: OutboundTokenSource) {
    super();
  }
  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.appId;
  }
  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }
  async createCredentials(): Promise<never> {
    const token = this.token;
    return {
      async signRequest(resource: { headers: { set(name: string, value: string): void } }) {
        resource.headers.set('authorization', `Bearer ${(await token()) ?? ''}`);
        return resource;
      },
    } as never;
  }
}

export function createEchoBaseline(options: EchoBaselineOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const auth = new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: options.appId,
      ...localEndpointSettings(options.endpoints),
    },
    new TokenSourceCredentialsFactory(options.appId, options.outboundToken),
  );
  const adapter = new CloudAdapter(auth);
  return async (req, res) => {
    const body = await readJsonBody(req, 256 * 1024);
    // The express-like shim CloudAdapter.process expects.
    let status = 200;
    const request: Request = { body: body as Record<string, unknown>, headers: req.headers, method: req.method ?? 'POST' };
    const response: Response = {
      socket: req.socket,
      end: () => void res.writeHead(status).end(),
      header: () => undefined,
      send: () => undefined,
      status: (code: number) => void (status = code),
    } as unknown as Response;
    await adapter.process(request, response, async (context) => {
      if (context.activity.type === 'message') await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
      else await context.sendActivity('Hello.');
    });
  };
}
