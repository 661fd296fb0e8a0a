import { ExpressReceiver, SocketModeReceiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { slackLogger } from './logger';
import { futureTimestampGuard, signedBodyGuard, SLACK_BODY_LIMIT } from './request-guard';

export const EVENTS_PATH = '/slack/events';

/**
 * POST /slack/events on our own Express app, for events, the slash command and interactivity:
 * the guards refuse unsigned, oversized and future-dated requests before bolt reads them, bolt
 * checks the signature again (stale timestamps included) and
 * answers url_verification. processBeforeResponse: the 200 leaves when the listener returns, which
 * records the request first (events are acked by bolt before any listener runs), so no 200 is
 * ever given for a request that was not recorded.
 */
export function httpReceiver(app: Express, signingSecret: string, logger: Logger): ExpressReceiver {
  app.post(EVENTS_PATH, futureTimestampGuard(), signedBodyGuard(signingSecret));
  return new ExpressReceiver({
    signingSecret,
    app,
    endpoints: EVENTS_PATH,
    processBeforeResponse: true,
    signatureVerification: true,
    bodyLimit: SLACK_BODY_LIMIT, // bolt reads no body itself (the guard hands it rawBody); the same limit should it ever
    logger: slackLogger(logger.child({ lib: 'slack-receiver' })),
  });
}

/** Socket Mode (SLACK_APP_TOKEN): Slack connects out to us, for development behind a firewall. */
export function socketReceiver(appToken: string, clientOptions: WebClientOptions, logger: Logger): SocketModeReceiver {
  const { logger: _own, ...options } = clientOptions;
  return new SocketModeReceiver({
    appToken,
    logger: slackLogger(logger.child({ lib: 'slack-socket' })),
    installerOptions: { clientOptions: options },
  });
}
