import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import { createScrubber } from './security/log-scrubber';

export type { Logger };

/** Field names that carry secrets, at the top of a record and one level down; pino masks them before writing. */
const SECRET_FIELDS = [
  'password',
  'appPassword',
  'token',
  'botToken',
  'appToken',
  'userToken',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'clientSecret',
  'client_secret',
  'signingSecret',
  'stateSecret',
  'encryptionKey',
  'previousKeys',
  'authorization',
  'cookie',
];
const REDACT = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
];

export interface LoggerOptions {
  /** The configured secret values (secretsIn(config)): scrubbed from every line, wherever they sit in it. */
  secrets?: readonly string[];
}

/**
 * The one structured logger; everything else gets it (or a child of it) injected. Secret fields are
 * masked by name, and every finished line also loses the configured secret values and anything
 * shaped like a token (a library's debug line, an error message with a URL in it).
 */
export function createLogger(level: string, destination?: pino.DestinationStream, options: LoggerOptions = {}): Logger {
  const scrub = createScrubber(options.secrets);
  return pino(
    {
      level,
      base: { service: 'pmo-assistant' },
      redact: { paths: REDACT, censor: '***' },
      hooks: { streamWrite: scrub },
    },
    destination,
  );
}

/**
 * Readable, coloured lines for a person at a terminal (`npm start` with stdout a TTY); JSON stays
 * the default. Formatted in line, not in a transport thread, so nothing is lost when the process exits.
 */
export function prettyDestination(out: NodeJS.WritableStream = process.stdout): pino.DestinationStream {
  const format = pretty.prettyFactory({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' });
  return { write: (line: string) => void out.write(format(line)) };
}
