import type { Config } from '../config';
import { uriSecrets } from './uri-secrets';

/** A key in every text form someone might print it in. */
function keyForms(key: Buffer): string[] {
  const base64 = key.toString('base64');
  return [base64, base64.replace(/=+$/, ''), key.toString('base64url'), key.toString('hex'), key.toString('hex').toUpperCase()];
}

/**
 * Every secret value the configuration holds, in the forms it could be printed in: the logger
 * scrubs them from every line, whatever printed them (a library's debug line, an error message).
 */
export function secretsIn(config: Config): string[] {
  const { teams, slack, security, database } = config;
  const values = [
    teams.appPassword,
    slack.signingSecret,
    slack.botToken,
    slack.appToken,
    slack.clientSecret,
    slack.stateSecret,
    ...(security.encryptionKey ? keyForms(security.encryptionKey) : []),
    ...security.previousKeys.flatMap(keyForms),
    ...(database.uri ? uriSecrets(database.uri) : []),
  ];
  return [...new Set(values.filter((v): v is string => Boolean(v)))];
}
