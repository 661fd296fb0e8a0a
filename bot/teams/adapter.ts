import { CallerIdConstants, CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, type AuthenticateRequestResult, type BotFrameworkAuthentication } from 'botframework-connector';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { LoginUrlCredentialsFactory, NoRedirectBotFrameworkAuthentication } from './connector';
import { malformedAuthorization, tokenRefusalOf, TokenRefused } from './token-refusal';

/**
 * The Bot Framework adapter. With MicrosoftAppId set, requests must carry a valid Bot Framework
 * token; without it (local mode) none is required and replies go to the caller's serviceUrl.
 */
export class TeamsAdapter extends CloudAdapter {
  constructor(
    auth: BotFrameworkAuthentication,
    readonly logger: Logger,
    /** Whether requests must carry a Bot Framework token (MicrosoftAppId set). */
    readonly requiresToken: boolean,
  ) {
    super(auth);
  }

  /** Checks the request's token; a bad one throws TokenRefused, a failure on our side anything else. */
  async authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const malformed = this.requiresToken ? malformedAuthorization(authHeader) : undefined;
    if (malformed) throw new TokenRefused(malformed);
    try {
      return await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    } catch (err) {
      const reason = tokenRefusalOf(err);
      throw reason ? new TokenRefused(reason) : err;
    }
  }

  /** Runs an authenticated activity through the bot; the invoke response, if it has one. */
  runAuthenticated(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/**
 * The endpoints botbuilder validates tokens against and gets the bot's token from. Unset, it picks
 * the public cloud's itself; once any one is given it takes all as given, so the rest are filled in.
 */
function endpoints(teams: Config['teams']): Record<string, string | boolean> {
  const { openIdMetadataUrl, tokenIssuer, emulatorOpenIdMetadataUrl, loginUrl, oauthScope } = teams;
  if (![openIdMetadataUrl, tokenIssuer, emulatorOpenIdMetadataUrl, loginUrl, oauthScope].some(Boolean)) return {};
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToBotFromEmulatorOpenIdMetadataUrl: emulatorOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    ToChannelFromBotLoginUrl: loginUrl ?? AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: oauthScope ?? AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

export function createTeamsAdapter(teams: Config['teams'], logger: Logger): TeamsAdapter {
  const credentials = {
    MicrosoftAppId: teams.appId,
    MicrosoftAppPassword: teams.appPassword,
    MicrosoftAppType: teams.appType,
    MicrosoftAppTenantId: teams.tenantId,
  };
  const auth = new NoRedirectBotFrameworkAuthentication(
    { ...credentials, ...endpoints(teams) },
    teams.loginUrl ? new LoginUrlCredentialsFactory(credentials, teams.loginUrl) : undefined,
  );
  const adapter = new TeamsAdapter(auth, logger, Boolean(teams.appId));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error(
      { err: error.message, stack: error.stack, conversation: context.activity.conversation?.id },
      'unhandled error in a Teams turn',
    );
    await context
      .sendActivity('Sorry, something went wrong on my side and nothing was saved. Please try again.')
      .catch(() => undefined);
  };
  return adapter;
}
