import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, type TurnContext } from 'botbuilder';
import type { Activity, InvokeResponse } from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  type AuthenticateRequestResult,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import type { TeamsConfig } from '../../src/index.js';
import type { OutboundTokenSource } from './connector.js';

/**
 * Everything that touches the Bot Framework SDK (botbuilder) lives in this file and echo-baseline.ts, so
 * moving to @microsoft/agents-hosting is a change inside adapters/teams/ only.
 *
 * Inbound: botbuilder's own authentication (ConfigurationBotFrameworkAuthentication) checks the JWT: issuer,
 * signature against the OpenID metadata keys, expiry, audience = our app id, and the `serviceurl` claim
 * against the activity's serviceUrl. We call `authenticateRequest` first and only then run the turn through
 * CloudAdapter, because CloudAdapter.process answers some forged tokens (a wrong signature under a known
 * key id) with 500 instead of 401.
 */

/** Tests and benchmarks only: point inbound validation at a local OpenID metadata document. */
export interface TeamsAuthEndpoints {
  /** URL of an OpenID configuration whose jwks_uri lists the keys that sign channel tokens. */
  openIdMetadataUrl: string;
  /** The `iss` channel tokens must carry. */
  tokenIssuer: string;
}

export type AuthOutcome =
  | { ok: true; result: AuthenticateRequestResult }
  | { ok: false; status: 401 | 503; code: 'TEAMS_UNAUTHORIZED' | 'TEAMS_AUTH_UNAVAILABLE' };

export interface BotFramework {
  /** `activity` is the parsed JSON body (a record with a string `type`). */
  authenticate(activity: Record<string, unknown>, authorizationHeader: string): Promise<AuthOutcome>;
  /** Runs `logic` in a TurnContext (CloudAdapter) for an already authenticated activity. */
  runTurn(auth: AuthenticateRequestResult, activity: Record<string, unknown>, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined>;
  /** Outbound bearer tokens for the Bot Connector (null when authentication is off: the emulator). */
  outboundToken: OutboundTokenSource;
}

class TurnAdapter extends CloudAdapter {
  runTurn(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(auth, activity, logic);
  }
}

/**
 * Bot Framework settings that point inbound token checks at `endpoints` (OpenID metadata and issuer on
 * 127.0.0.1 in tests and benchmarks). Any parameterized value makes botbuilder use ONLY the given ones,
 * so the public-cloud defaults for everything else are restated.
 */
export function localEndpointSettings(endpoints: TeamsAuthEndpoints): Record<string, string | boolean> {
  return {
    ToBotFromChannelOpenIdMetadataUrl: endpoints.openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: endpoints.tokenIssuer,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: 'urn:botframework:azure',
    ValidateAuthority: true,
  };
}

export function createBotFramework(config: TeamsConfig, endpoints?: TeamsAuthEndpoints): BotFramework {
  const settings: Record<string, string | boolean> = config.appId
    ? {
        MicrosoftAppId: config.appId,
        MicrosoftAppType: config.appType,
        ...(config.appPassword ? { MicrosoftAppPassword: config.appPassword } : {}),
        ...(config.tenantId ? { MicrosoftAppTenantId: config.tenantId } : {}),
      }
    : {};
  const credentialsFactory: ServiceClientCredentialsFactory = new ConfigurationServiceClientCredentialFactory(settings);
  const auth = new ConfigurationBotFrameworkAuthentication(
    {
      ...settings,
      ...(endpoints ? localEndpointSettings(endpoints) : {}),
    },
    credentialsFactory,
  );
  const adapter = new TurnAdapter(auth);

  let credentials: Promise<{ signRequest(resource: unknown): Promise<unknown> }> | null = null;
  const outboundToken: OutboundTokenSource = async () => {
    if (!config.appId) return null;
    credentials ??= credentialsFactory.createCredentials(
      config.appId,
      AuthenticationConstants.ToChannelFromBotOAuthScope,
      AuthenticationConstants.ToChannelFromBotLoginUrl,
      true,
    ) as Promise<{ signRequest(resource: unknown): Promise<unknown> }>;
    // signRequest is the one method every credential type shares (password, certificate, managed
    // identity); it caches and refreshes the token itself.
    let header: string | undefined;
    await (await credentials).signRequest({ headers: { set: (_name: string, value: string) => void (header = value) } });
    return header?.replace(/^Bearer\s+/i, '') ?? null;
  };

  return {
    async authenticate(activity, authorizationHeader) {
      try {
        return { ok: true, result: await auth.authenticateRequest(activity as unknown as Activity, authorizationHeader) };
      } catch (error) {
        return { ok: false, ...classifyAuthError(error) };
      }
    },
    runTurn(result, activity, logic) {
      return adapter.runTurn(result, activity as unknown as Activity, logic);
    },
    outboundToken,
  };
}

/**
 * Any failure to prove the token is a 401, except when the key list itself could not be fetched (our
 * problem, not the caller's): 503, so the Bot Connector retries later.
 */
export function classifyAuthError(error: unknown): { status: 401 | 503; code: 'TEAMS_UNAUTHORIZED' | 'TEAMS_AUTH_UNAVAILABLE' } {
  if (error instanceof AuthenticationError && error.statusCode >= 500) return { status: 503, code: 'TEAMS_AUTH_UNAVAILABLE' };
  if (isKeyListFetchFailure(error)) return { status: 503, code: 'TEAMS_AUTH_UNAVAILABLE' };
  return { status: 401, code: 'TEAMS_UNAUTHORIZED' };
}

/** node-fetch (inside botframework-connector) rejects with `type: 'system'` (the errno is in `code`) or
 * `type: 'request-timeout'` when the metadata or key document cannot be fetched. Matched on those
 * documented fields, not on the class name. */
function isKeyListFetchFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const type = (error as { type?: unknown }).type;
  return type === 'system' || type === 'request-timeout';
}
