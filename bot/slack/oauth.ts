import { InstallProvider, type InstallationStore } from '@slack/oauth';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { webClientOptions } from './api';
import { slackLogger } from './logger';
import { SLACK_BOT_SCOPES } from './scopes';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

type OAuthConfig = Required<Pick<Config['slack'], 'clientId' | 'clientSecret' | 'stateSecret'>> & Pick<Config['slack'], 'apiUrl'>;

/** OAuth v2 with a signed state checked against the installing browser's cookie; tokens go to the store. */
export function createInstaller(slack: OAuthConfig, store: InstallationStore, logger: Logger): InstallProvider {
  const { logger: _ignored, ...clientOptions } = webClientOptions({ apiUrl: slack.apiUrl, logger });
  return new InstallProvider({
    clientId: slack.clientId,
    clientSecret: slack.clientSecret,
    stateSecret: slack.stateSecret,
    installationStore: store,
    directInstall: true,
    logger: slackLogger(logger.child({ lib: 'slack-oauth' })),
    clientOptions,
  });
}

/**
 * GET /slack/install redirects to Slack's consent page; GET /slack/oauth_redirect exchanges the
 * code (oauth.v2.access) and stores the installation. The redirect URL is PUBLIC_URL's when set.
 */
export function mountOAuth(app: Express, installer: InstallProvider, publicUrl: string | undefined, logger: Logger): void {
  const installOptions = {
    scopes: [...SLACK_BOT_SCOPES],
    ...(publicUrl ? { redirectUri: `${publicUrl}${REDIRECT_PATH}` } : {}),
  };
  app.get(INSTALL_PATH, async (req, res) => {
    try {
      await installer.handleInstallPath(req, res, undefined, installOptions);
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'Slack install link failed');
      if (!res.headersSent) res.status(500).send('Could not start the Slack installation.');
    }
  });
  app.get(REDIRECT_PATH, async (req, res) => {
    await installer.handleCallback(req, res, {
      success: (installation, _options, _req, response) => {
        logger.info({ team: installation.team?.id }, 'installed in a Slack workspace');
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end('<html><body><h1>PMO Assistant is installed.</h1><p>Open Slack and type <code>/pmo help</code>.</p></body></html>');
      },
      failure: (error, _options, _req, response) => {
        logger.warn({ code: error.code, err: error.message }, 'Slack installation failed');
        response.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
        response.end('<html><body><h1>The installation did not complete.</h1><p>Please try again from the install link.</p></body></html>');
      },
    });
  });
}
