import { startApp, type RunningApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createLogger, prettyDestination } from './logger';
import { mountAll } from './mount';
import { secretsIn } from './security/config-secrets';
import { createScrubber } from './security/log-scrubber';

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
  const secrets = secretsIn(config);
  const scrub = createScrubber(secrets);
  // A person at a terminal reads lines; anything else (a log shipper, a file) gets one JSON object per line.
  const logger = createLogger(config.logLevel, process.stdout.isTTY ? prettyDestination() : undefined, { secrets });
  let running: RunningApp;
  try {
    running = await startApp({ config, logger, mount: (app, r) => void mountAll(app, r, config, logger) });
  } catch (err) {
    logger.fatal({ err: (err as Error).message }, 'could not start');
    console.error(scrub((err as Error).message));
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
