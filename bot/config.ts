import path from 'node:path';
import { IANAZone } from 'luxon';

/** The whole configuration. This is the only module that reads the environment. */
export interface Config {
  port: number;
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  publicUrl?: string;
  defaultTimeZone: string;
  database: {
    uri?: string;
    dataDir: string;
    embedded: 'auto' | 'mongod' | 'ferretdb';
    allowDownload: boolean;
    /** PMO_MONGOD_DOWNLOAD=retry: download mongod even though an earlier download failed (remembered under dataDir). */
    retryDownload: boolean;
    downloadTimeoutMs: number;
  };
  teams: {
    appId?: string;
    appPassword?: string;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId?: string;
    /** Bot Framework endpoints for sovereign clouds and tests (BOTFRAMEWORK_*); unset = the public cloud's. */
    openIdMetadataUrl?: string;
    tokenIssuer?: string;
    emulatorOpenIdMetadataUrl?: string;
    loginUrl?: string;
    oauthScope?: string;
    /** Microsoft Graph, where team owners (PMO admins, SPEC §2) are read (GRAPH_API_URL). */
    graphApiUrl: string;
    /** Where the bot gets its app token for Graph (GRAPH_TOKEN_URL); `{tenant}` is the team's tenant. */
    graphTokenUrl: string;
  };
  slack: {
    signingSecret?: string;
    botToken?: string;
    appToken?: string;
    clientId?: string;
    clientSecret?: string;
    stateSecret?: string;
    apiUrl?: string;
  };
  security: {
    /** PMO_ENCRYPTION_KEY: 32 bytes that encrypt stored platform tokens (AES-256-GCM); required for Slack OAuth mode. */
    encryptionKey?: Buffer;
    /** PMO_ENCRYPTION_KEYS_PREVIOUS: keys being rotated out, still read, never written with. */
    previousKeys: Buffer[];
  };
  /** Repository root: where tools/ and manifest/ live. */
  root: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
const EMBEDDED = ['auto', 'mongod', 'ferretdb'] as const;
const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

type Env = Record<string, string | undefined>;

/** Reads and validates the environment; throws one ConfigError listing every bad variable. */
export function loadConfig(env: Env = process.env, root = path.resolve(__dirname, '../..')): Config {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const v = get(name);
    if (v === undefined) return fallback;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${v}")`);
    return fallback;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const v = get(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${v}")`);
      return fallback;
    }
    return n;
  };
  const url = (name: string, protocols: string[]): string | undefined => {
    const v = get(name);
    if (v === undefined) return undefined;
    try {
      const u = new URL(v);
      if (!protocols.includes(u.protocol)) throw new Error();
      return v.replace(/\/+$/, '');
    } catch {
      problems.push(`${name} must be a ${protocols.join(' or ')} URL (got "${v}")`);
      return undefined;
    }
  };

  const graphUrl = (name: string): string | undefined => {
    const v = url(name, ['http:', 'https:']);
    if (v === undefined || v.startsWith('https:') || LOOPBACK.has(new URL(v).hostname)) return v;
    problems.push(`${name} must be an https URL (plain http only to 127.0.0.1, ::1 or localhost) (got "${v}")`);
    return undefined;
  };

  // Checked by shape only: replica-set lists (h1:27017,h2:27017) are not WHATWG URLs. Never echoed: it may hold a password.
  const mongoUri = get('MONGODB_URI');
  if (mongoUri !== undefined && !/^mongodb(\+srv)?:\/\/[^/?#]+/.test(mongoUri)) {
    problems.push('MONGODB_URI must be a MongoDB connection string starting with mongodb:// or mongodb+srv://');
  }

  const defaultTimeZone = get('DEFAULT_TIMEZONE') ?? 'UTC';
  if (!IANAZone.isValidZone(defaultTimeZone)) {
    problems.push(`DEFAULT_TIMEZONE must be an IANA time zone such as Europe/Berlin (got "${defaultTimeZone}")`);
  }

  const teams: Config['teams'] = {
    appId: get('MicrosoftAppId'),
    appPassword: get('MicrosoftAppPassword'),
    appType: oneOf('MicrosoftAppType', APP_TYPES, 'MultiTenant'),
    tenantId: get('MicrosoftAppTenantId'),
    // Signing keys and the bot's own token come from these, so only over https.
    openIdMetadataUrl: url('BOTFRAMEWORK_OPENID_METADATA_URL', ['https:']),
    tokenIssuer: get('BOTFRAMEWORK_TOKEN_ISSUER'),
    emulatorOpenIdMetadataUrl: url('BOTFRAMEWORK_EMULATOR_OPENID_METADATA_URL', ['https:']),
    loginUrl: url('BOTFRAMEWORK_LOGIN_URL', ['https:']),
    oauthScope: get('BOTFRAMEWORK_OAUTH_SCOPE'),
    // These carry the app password and its token: https, or plain http to this machine only (a local stub).
    graphApiUrl: graphUrl('GRAPH_API_URL') ?? 'https://graph.microsoft.com/v1.0',
    graphTokenUrl: graphUrl('GRAPH_TOKEN_URL') ?? 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token',
  };
  if (teams.appId && !teams.appPassword && teams.appType !== 'UserAssignedMSI') {
    problems.push('MicrosoftAppPassword is required when MicrosoftAppId is set');
  }
  if (teams.appId && teams.appType !== 'MultiTenant' && !teams.tenantId) {
    problems.push(`MicrosoftAppTenantId is required when MicrosoftAppType is ${teams.appType}`);
  }

  const slack: Config['slack'] = {
    signingSecret: get('SLACK_SIGNING_SECRET'),
    botToken: get('SLACK_BOT_TOKEN'),
    appToken: get('SLACK_APP_TOKEN'),
    clientId: get('SLACK_CLIENT_ID'),
    clientSecret: get('SLACK_CLIENT_SECRET'),
    stateSecret: get('SLACK_STATE_SECRET'),
    apiUrl: url('SLACK_API_URL', ['http:', 'https:']),
  };
  if ((slack.botToken || slack.clientId) && !slack.signingSecret && !slack.appToken) {
    problems.push('SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN or SLACK_CLIENT_ID is set');
  }
  if (slack.clientId && (!slack.clientSecret || !slack.stateSecret)) {
    problems.push('SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are required when SLACK_CLIENT_ID is set');
  }
  if (slack.botToken && !slack.botToken.startsWith('xoxb-')) {
    problems.push('SLACK_BOT_TOKEN must be a bot token starting with xoxb-');
  }
  if (slack.appToken && !slack.appToken.startsWith('xapp-')) {
    problems.push('SLACK_APP_TOKEN must be an app-level token starting with xapp-');
  }

  // A key is 32 random bytes, as base64 (`openssl rand -base64 32`) or 64 hex digits. Never echoed.
  const key = (name: string, text: string): Buffer | undefined => {
    const bytes = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
    if (bytes.length === 32 && (/^[0-9a-fA-F]{64}$/.test(text) || bytes.toString('base64').replace(/=+$/, '') === text.replace(/=+$/, ''))) return bytes;
    problems.push(`${name} must be 32 random bytes as base64 or 64 hex digits (openssl rand -base64 32)`);
    return undefined;
  };
  const encryptionKeyText = get('PMO_ENCRYPTION_KEY');
  const security: Config['security'] = {
    encryptionKey: encryptionKeyText === undefined ? undefined : key('PMO_ENCRYPTION_KEY', encryptionKeyText),
    previousKeys: (get('PMO_ENCRYPTION_KEYS_PREVIOUS') ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean)
      .map((k) => key('PMO_ENCRYPTION_KEYS_PREVIOUS', k))
      .filter((k): k is Buffer => k !== undefined),
  };
  if (slack.clientId && encryptionKeyText === undefined) {
    problems.push('PMO_ENCRYPTION_KEY is required when SLACK_CLIENT_ID is set: Slack OAuth mode stores installation tokens encrypted with it (openssl rand -base64 32)');
  }

  // `retry` asks again after a failed download, which later starts otherwise skip (bot/db/mongod-server.ts).
  const mongodDownload = oneOf('PMO_MONGOD_DOWNLOAD', ['true', 'false', 'retry'] as const, 'true');
  const config: Config = {
    port: integer('PORT', 3978, 0, 65535),
    // Local mode (no platform credentials) answers as the PMO admin, so by default only this machine may reach it.
    host: get('HOST') ?? (teams.appId || slack.botToken || slack.clientId ? '0.0.0.0' : '127.0.0.1'),
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    publicUrl: url('PUBLIC_URL', ['http:', 'https:']),
    defaultTimeZone,
    database: {
      uri: mongoUri,
      dataDir: path.resolve(root, get('PMO_DATA_DIR') ?? '.data'),
      embedded: oneOf('PMO_EMBEDDED_DB', EMBEDDED, 'auto'),
      allowDownload: mongodDownload !== 'false',
      retryDownload: mongodDownload === 'retry',
      downloadTimeoutMs: integer('PMO_MONGOD_DOWNLOAD_TIMEOUT_MS', 5000, 0, 600000),
    },
    teams,
    slack,
    security,
    root,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
