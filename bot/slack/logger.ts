import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from 'pino';

const LEVELS: Record<string, LogLevel> = { trace: LogLevel.DEBUG, debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN };

const line = (msg: unknown[]): string => msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');

/** bolt, @slack/web-api and @slack/oauth log through this: our one pino logger, never the console. */
export function slackLogger(logger: Logger): SlackLogger {
  let name = 'slack';
  return {
    debug: (...msg: unknown[]) => logger.debug({ lib: name }, line(msg)),
    info: (...msg: unknown[]) => logger.info({ lib: name }, line(msg)),
    warn: (...msg: unknown[]) => logger.warn({ lib: name }, line(msg)),
    error: (...msg: unknown[]) => logger.error({ lib: name }, line(msg)),
    setLevel: () => undefined, // the pino level rules
    getLevel: () => LEVELS[logger.level] ?? LogLevel.ERROR,
    setName: (n: string) => {
      name = n;
    },
  };
}
