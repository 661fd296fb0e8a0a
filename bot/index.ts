import { startApp, type RunningApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { mountAll } from './mount';

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
  let running: RunningApp;
  try {
    running = await startApp({ config, logger, mount: (app, r) => void mountAll(app, r, config, logger) });
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
