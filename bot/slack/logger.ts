import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from 'pino';

const LEVELS: Record<string, LogLevel> = { trace: LogLevel.DEBUG, debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN };

/**
 * JSON members whose value is a credential. @slack/web-api's own redaction masks only keys with
 * "token" in them, so its debug line of the oauth.v2.access body printed client_secret; bolt's
 * debug line of each request body prints response_url (a 30-minute capability) and the legacy token.
 */
const SECRET_KEY = /secret|passw|token|^code$|^response_url$|^authorization$|^url$/i;
const JSON_MEMBER = /"((?:[^"\\]|\\.)*)"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g;

/** A Slack library's log line with the values of secret-named JSON members masked. */
export function maskSecretMembers(text: string): string {
  return text.replace(JSON_MEMBER, (member, key: string, colon: string) => (SECRET_KEY.test(key) ? `"${key}"${colon}"***"` : member));
}

const line = (msg: unknown[]): string =>
  maskSecretMembers(msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' '));

/** bolt, @slack/web-api and @slack/oauth log through this: our one pino logger, never the console. */
export function slackLogger(logger: Logger): SlackLogger {
  let fields: { slackLogger?: string } = {};
  return {
    debug: (...msg: unknown[]) => logger.debug(fields, line(msg)),
    info: (...msg: unknown[]) => logger.info(fields, line(msg)),
    warn: (...msg: unknown[]) => logger.warn(fields, line(msg)),
    error: (...msg: unknown[]) => logger.error(fields, line(msg)),
    setLevel: () => undefined, // the pino level rules
    getLevel: () => LEVELS[logger.level] ?? LogLevel.ERROR,
    setName: (name: string) => {
      fields = { slackLogger: name };
    },
  };
}
