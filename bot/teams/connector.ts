import { ConfidentialClientApplication } from '@azure/msal-node';
import { ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, type Activity } from 'botbuilder';
import {
  ConnectorFactory,
  MsalAppCredentials,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type ServiceClientCredentials,
  type UserTokenClient,
} from 'botframework-connector';

interface PipelinePolicy {
  name: string;
  sendRequest(request: { method: string; url: string }, next: (request: never) => Promise<{ status: number }>): Promise<{ status: number }>;
}

/** The HTTP pipeline inside a ConnectorClient (@azure/core-rest-pipeline), which botbuilder-stdlib keeps in a private field. */
interface WithPipeline {
  client?: { pipeline?: { removePolicy(policy: { name: string }): unknown[]; addPolicy(policy: PipelinePolicy, options: { afterPhase: 'Retry' }): void } };
}

/** Fails a call the Bot Connector answered with a redirect, saying so, instead of following it. */
const redirectRefusal: PipelinePolicy = {
  name: 'pmoRefuseRedirects',
  async sendRequest(request, next) {
    const response = await next(request as never);
    if (response.status >= 300 && response.status < 400) {
      throw new Error(`the Bot Connector at ${new URL(request.url).origin} answered ${request.method} with a ${response.status} redirect, which is never followed`);
    }
    return response;
  },
};

/**
 * Replaces the redirect policy of a Bot Connector client with one that fails the call, so a 3xx
 * from a serviceUrl moves nothing (a 303 becomes a GET elsewhere; a 307 re-POSTs the activity).
 * Fails closed: if a library update moves the pipeline, no client is made at all.
 */
export function refuseRedirects(connector: ConnectorClient): ConnectorClient {
  const pipeline = (connector as unknown as WithPipeline).client?.pipeline;
  if (pipeline?.removePolicy({ name: 'redirectPolicy' }).length !== 1) {
    throw new Error('the Bot Connector client has no redirect policy to replace; refusing to use a client that may follow redirects');
  }
  pipeline.addPolicy(redirectRefusal, { afterPhase: 'Retry' });
  return connector;
}

/** Bot Connector clients kept per (caller, serviceUrl, audience); a few per deployment in practice. */
class ClientCache<T> {
  private readonly clients = new Map<string, Promise<T>>();

  constructor(private readonly max = 200) {}

  get(key: string, make: () => Promise<T>): Promise<T> {
    const known = this.clients.get(key);
    if (known) return known;
    const made = make();
    // A client that could not be made is not kept: the next turn tries again.
    made.catch(() => this.clients.delete(key));
    this.clients.set(key, made);
    if (this.clients.size > this.max) this.clients.delete(this.clients.keys().next().value as string);
    return made;
  }
}

/**
 * Every Bot Connector client it makes refuses redirects, and is made once per serviceUrl and
 * audience: a client holds no state of a turn (its credentials fetch and cache tokens), and making
 * one builds an HTTP pipeline, which cost a Teams turn more CPU than its dialog did.
 */
class NoRedirectConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly cache: ClientCache<ConnectorClient>,
    private readonly caller: string,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.cache.get(JSON.stringify([this.caller, serviceUrl, audience ?? null]), async () => refuseRedirects(await this.inner.create(serviceUrl, audience)));
  }
}

/** Who the connectors act for: the token's audience (the bot's app id) and its caller, '' when unauthenticated. */
function callerOf(identity: ClaimsIdentity | undefined): string {
  const claim = (type: string) => identity?.getClaimValue(type) ?? '';
  return JSON.stringify([claim('aud'), claim('appid') || claim('azp')]);
}

/**
 * botbuilder's authentication, with every connector it hands out (replies in a turn, proactive
 * messages, new conversations) refusing redirects.
 */
export class NoRedirectBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new ClientCache<ConnectorClient>();

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return {
      ...result,
      connectorFactory: result.connectorFactory && new NoRedirectConnectorFactory(result.connectorFactory, this.connectors, callerOf(result.claimsIdentity)),
    };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new NoRedirectConnectorFactory(super.createConnectorFactory(claimsIdentity), this.connectors, callerOf(claimsIdentity));
  }

  private readonly userTokenClients = new ClientCache<UserTokenClient>(MAX_CACHED_CALLERS);

  /**
   * One user-token client per caller. botbuilder asks for one on every turn (for OAuth prompts,
   * which this bot has none of) and builds it afresh each time: credentials and a whole HTTP
   * pipeline, a tenth of an echo turn's CPU. It holds no per-turn state, so it is kept.
   */
  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients.get(callerOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }
}

/** Callers (app id and audience pairs) a process keeps a user-token client for; a bot has one or two. */
const MAX_CACHED_CALLERS = 100;

export interface AppCredentialSettings {
  MicrosoftAppId?: string;
  MicrosoftAppPassword?: string;
  MicrosoftAppType?: string;
  MicrosoftAppTenantId?: string;
}

/**
 * The bot's own token (client credentials) from a configured login URL. botbuilder hands such a
 * URL to MSAL as an unknown authority, and MSAL then asks login.microsoftonline.com whether it is
 * real (instance discovery) — which fails offline and leaks the URL online. The operator named
 * this authority, so MSAL is told it is known and talks only to it.
 */
export class LoginUrlCredentialsFactory extends ConfigurationServiceClientCredentialFactory {
  private msal?: ConfidentialClientApplication;

  constructor(
    private readonly settings: AppCredentialSettings,
    private readonly loginUrl: string,
  ) {
    super(settings);
  }

  override async createCredentials(
    appId: string,
    audience: string,
    loginEndpoint: string,
    validateAuthority: boolean,
  ): Promise<ServiceClientCredentials> {
    // Managed identities and local mode keep botbuilder's own credentials.
    if (!this.settings.MicrosoftAppPassword || (await this.isAuthenticationDisabled())) {
      return super.createCredentials(appId, audience, loginEndpoint, validateAuthority);
    }
    if (!(await this.isValidAppId(appId))) throw new Error('Invalid appId.');
    this.msal ??= new ConfidentialClientApplication({
      auth: {
        clientId: appId,
        clientSecret: this.settings.MicrosoftAppPassword,
        authority: this.loginUrl,
        knownAuthorities: [new URL(this.loginUrl).host],
      },
    });
    return new MsalAppCredentials(this.msal, appId, this.loginUrl, audience);
  }
}
