import { ConfigError, loadConfig } from '../../bot/config';

const ROOT = '/repo';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, ROOT);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
}

describe('loadConfig', () => {
  it('defaults to local mode on port 3978 with the embedded database under .data', () => {
    const config = loadConfig({}, ROOT);
    expect(config.port).toBe(3978);
    expect(config.database).toMatchObject({ uri: undefined, dataDir: '/repo/.data', embedded: 'auto' });
    expect(config.teams.appId).toBeUndefined();
    expect(config.defaultTimeZone).toBe('UTC');
  });

  it('reads encryption keys as base64 or hex, never echoing them', () => {
    const b64 = 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=';
    const hex = '00'.repeat(32);
    const config = loadConfig({ PMO_ENCRYPTION_KEY: b64, PMO_ENCRYPTION_KEYS_PREVIOUS: `${hex}, ${b64}` }, ROOT);
    expect(config.security.encryptionKey?.toString('utf8')).toBe('0123456789abcdef0123456789abcdef');
    expect(config.security.previousKeys.map((k) => k.length)).toEqual([32, 32]);
    expect(problemsOf({ PMO_ENCRYPTION_KEY: 'not-a-key-at-all' }).join(' ')).not.toContain('not-a-key-at-all');
  });

  it('listens on loopback only in local mode, on every interface with a platform, and where HOST says', () => {
    expect(loadConfig({}, ROOT).host).toBe('127.0.0.1');
    expect(loadConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' }, ROOT).host).toBe('0.0.0.0');
    expect(loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' }, ROOT).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }, ROOT).host).toBe('0.0.0.0');
  });

  it('reads every documented variable', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        MONGODB_URI: 'mongodb://a:27017,b:27017,c:27017/pmo?replicaSet=rs0',
        MicrosoftAppId: 'app',
        MicrosoftAppPassword: 'pw',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: 'tenant',
        SLACK_SIGNING_SECRET: 's',
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_API_URL: 'http://127.0.0.1:9999/api/',
        PUBLIC_URL: 'https://pmo.example.com/',
        DEFAULT_TIMEZONE: 'Europe/Berlin',
      },
      ROOT,
    );
    expect(config.port).toBe(8080);
    expect(config.database.uri).toBe('mongodb://a:27017,b:27017,c:27017/pmo?replicaSet=rs0');
    expect(config.teams).toEqual({
      appId: 'app',
      appPassword: 'pw',
      appType: 'SingleTenant',
      tenantId: 'tenant',
      graphApiUrl: 'https://graph.microsoft.com/v1.0',
      graphTokenUrl: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token',
    });
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9999/api');
    expect(config.publicUrl).toBe('https://pmo.example.com');
    expect(config.defaultTimeZone).toBe('Europe/Berlin');
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be a whole number from 0 to 65535/],
    [{ MONGODB_URI: 'postgres://x' }, /MONGODB_URI must be a MongoDB connection string/],
    [{ MicrosoftAppId: 'id' }, /MicrosoftAppPassword is required/],
    [{ MicrosoftAppId: 'id', MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' }, /MicrosoftAppTenantId is required/],
    [{ MicrosoftAppType: 'Personal' }, /MicrosoftAppType must be one of/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /SLACK_SIGNING_SECRET is required/],
    [{ SLACK_BOT_TOKEN: 'xoxp-1', SLACK_SIGNING_SECRET: 's' }, /SLACK_BOT_TOKEN must be a bot token/],
    [{ SLACK_CLIENT_ID: 'c', SLACK_SIGNING_SECRET: 's', PMO_ENCRYPTION_KEY: '00'.repeat(32) }, /SLACK_CLIENT_SECRET and SLACK_STATE_SECRET/],
    [{ SLACK_CLIENT_ID: 'c', SLACK_CLIENT_SECRET: 'x', SLACK_STATE_SECRET: 'y', SLACK_SIGNING_SECRET: 's' }, /PMO_ENCRYPTION_KEY is required when SLACK_CLIENT_ID is set/],
    [{ PMO_ENCRYPTION_KEY: 'too-short' }, /PMO_ENCRYPTION_KEY must be 32 random bytes/],
    [{ PMO_ENCRYPTION_KEYS_PREVIOUS: 'MDEy' }, /PMO_ENCRYPTION_KEYS_PREVIOUS must be 32 random bytes/],
    [{ SLACK_API_URL: 'ftp://x' }, /SLACK_API_URL must be a http: or https: URL/],
    [{ DEFAULT_TIMEZONE: 'Mars/Olympus' }, /DEFAULT_TIMEZONE must be an IANA time zone/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ PMO_EMBEDDED_DB: 'sqlite' }, /PMO_EMBEDDED_DB must be one of auto, mongod, ferretdb/],
    [{ GRAPH_API_URL: 'http://graph.example.com/v1.0' }, /GRAPH_API_URL must be an https URL \(plain http only to 127.0.0.1/],
    [{ GRAPH_TOKEN_URL: 'ftp://127.0.0.1/token' }, /GRAPH_TOKEN_URL must be a http: or https: URL/],
  ])('rejects %p with a clear message', (env, message) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('reads the Graph endpoints (team owners as PMO admins), allowing plain http only to this machine', () => {
    const config = loadConfig(
      { GRAPH_API_URL: 'https://graph.microsoft.us/v1.0/', GRAPH_TOKEN_URL: 'http://127.0.0.1:9/{tenant}/token' },
      ROOT,
    );
    expect(config.teams.graphApiUrl).toBe('https://graph.microsoft.us/v1.0');
    expect(config.teams.graphTokenUrl).toBe('http://127.0.0.1:9/{tenant}/token');
  });

  it('reports every bad variable at once, one line each, and never echoes a connection string', () => {
    const problems = problemsOf({ PORT: '-1', LOG_LEVEL: 'x', MONGODB_URI: 'http://user:secret@host' });
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).not.toContain('secret');
  });
});
