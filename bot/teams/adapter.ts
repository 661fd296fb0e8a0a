import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Config } from '../config';

/**
 * The Bot Framework adapter. With MicrosoftAppId set, requests must carry a valid Bot Framework
 * token; without it (local mode) none is required and replies go to the caller's serviceUrl.
 */
export function createTeamsAdapter(teams: Config['teams'], logger: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: teams.appId,
    MicrosoftAppPassword: teams.appPassword,
    MicrosoftAppType: teams.appType,
    MicrosoftAppTenantId: teams.tenantId,
  });
  const adapter = new CloudAdapter(auth);
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
