import pino, { type Logger } from 'pino';

export type { Logger };

/** Field paths that may carry secrets; pino replaces them wherever they appear. */
const REDACT = [
  '*.password',
  '*.appPassword',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.clientSecret',
  '*.signingSecret',
  '*.stateSecret',
  'req.headers.authorization',
  'headers.authorization',
];

/** The one structured logger; everything else gets it (or a child of it) injected. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { service: 'pmo-assistant' }, redact: { paths: REDACT, censor: '***' } }, destination);
}
