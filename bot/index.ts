import { startApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { isLocalMode, mountLocalChat } from './local';
import { mountTeamsBot } from './teams';

/** Entry point: `npm start`. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  let running;
  try {
    running = await startApp({
      config,
      logger,
      mount: (app) => {
        const teams = mountTeamsBot(app, { config, logger });
        // With no platform credentials, a chat page at / to try the bot (SPEC §5 local mode).
        if (isLocalMode(config)) mountLocalChat(app, { adapter: teams.adapter, bot: teams.bot, logger });
      },
    });
  } catch (err) {
    logger.fatal({ err: (err as Error).message }, 'could not start');
    console.error((err as Error).message);
    process.exit(1);
  }

  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    running.stop().then(
      () => process.exit(0),
      (err: Error) => {
        logger.error({ err: err.message }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

void main();
