// A full wire run at LOG_LEVEL=trace, logs captured: not one secret, token or database password in them.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Activity } from 'botbuilder';
import type { Express } from 'express';
import type { Stoppable } from '../../bot/app';
import { loadConfig, type Config } from '../../bot/config';
import { resolveDatabase } from '../../bot/db/resolve';
import { createLogger, type Logger } from '../../bot/logger';
import { mountAll } from '../../bot/mount';
import { secretsIn } from '../../bot/security/config-secrets';
import { createApp } from '../../bot/server';
import { useTestDatabase } from '../support/db';
import { SlackApiStub } from '../support/slack-api-stub';
import { SlackSender, type Where } from '../support/slack-requests';

useTestDatabase();

const KEY = crypto.randomBytes(32);
const OLD_KEY = crypto.randomBytes(32);
const S = {
  clientSecret: 'cs-5f1c0e2a9b7d4e3f8a6c1d2e',
  signingSecret: 'ss-0b9a8c7d6e5f4a3b2c1d0e9f',
  stateSecret: 'st-7e6d5c4b3a291807f6e5d4c3',
  teamsPassword: 'tp~Qv8.Xr2_Lm5-Wn7Zk3Yh6',
  mongoPassword: 'p@ss@w0rd-Zq9Lk',
  tlsPassword: 's3cret-tls-Kx7Bv',
  awsSessionToken: 'FwoGZXIvYXdzEJr7AwsSessionTok',
  botToken: 'xoxb-1111-2222-BotTokenIssuedByStub',
  rotatedToken: 'xoxe.xoxb-1-RotatedBotTokenFromStub',
  refreshToken: 'xoxe-1-RefreshTokenIssuedByStub',
  rotatedRefresh: 'xoxe-1-SecondRefreshTokenFromStub',
  userToken: 'xoxp-3333-4444-UserTokenIssuedByStub',
  webhookSecret: 'WebhookSecretPathX9y8z7',
};
const WEBHOOK = `https://hooks.slack.com/services/TLOG/BLOG/${S.webhookSecret}`;
const MONGODB_URI =
  `mongodb://pmo:${S.mongoPassword}@db1.example.net:27017,db2.example.net:27017/pmo` +
  `?authSource=admin&tlsCertificateKeyFilePassword=${S.tlsPassword}&authMechanismProperties=AWS_SESSION_TOKEN:${S.awsSessionToken}`;
const TEAM = { id: 'TLOG', name: 'Log Corp', botUserId: 'UBOTLOG' };
const ALICE: Where = { team: 'TLOG', user: 'UALICE', channel: 'CLOG', channelName: 'logs' };

/** Every form a secret could be written in: as configured, percent-encoded, and each key as base64, base64url and hex. */
const FORBIDDEN = [
  ...Object.values(S),
  encodeURIComponent(S.mongoPassword),
  ...[KEY, OLD_KEY].flatMap((k) => [k.toString('base64'), k.toString('base64').replace(/=+$/, ''), k.toString('base64url'), k.toString('hex'), k.toString('hex').toUpperCase()]),
];

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(chunk.toString());
    done();
  },
});

const stub = new SlackApiStub();
/** The local chat's conversation token (a capability: whoever has it speaks as the local PMO admin). */
let directLineToken = '';
const servers: { server: http.Server; stoppables: Stoppable[] }[] = [];

/** The app as `npm start` mounts it (bot/mount.ts), its logger made as bot/index.ts makes it, at trace level. */
async function start(config: Config): Promise<{ url: string; logger: Logger }> {
  const logger = createLogger('trace', sink, { secrets: secretsIn(config) });
  const app: Express = createApp({ logger, isReady: async () => true });
  const stoppables: Stoppable[] = [];
  mountAll(app, { onStop: (c) => stoppables.push(c) }, config, logger);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  servers.push({ server, stoppables });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, logger };
}

/** Waits for the bot to have done something the test can see (no clock in the assertion). */
async function until(what: string, done: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  if (!done()) throw new Error(`never happened: ${what}`);
}

const env = {
  PORT: '0',
  LOG_LEVEL: 'trace',
  MONGODB_URI,
  PMO_ENCRYPTION_KEY: KEY.toString('base64'),
  PMO_ENCRYPTION_KEYS_PREVIOUS: OLD_KEY.toString('hex'),
};

beforeAll(async () => {
  const apiUrl = await stub.start();
  // The install issues a bot token that rotates (expires within the hour), a user token and an incoming webhook.
  stub.on('oauth.v2.access', (args) => {
    if (args.grant_type === 'refresh_token') {
      stub.teams.set(S.rotatedToken, TEAM);
      return { token_type: 'bot', access_token: S.rotatedToken, refresh_token: S.rotatedRefresh, expires_in: 600, scope: 'commands,chat:write', team: { id: TEAM.id, name: TEAM.name } };
    }
    stub.teams.set(S.botToken, TEAM);
    return {
      app_id: 'A1', token_type: 'bot', scope: 'commands,chat:write', access_token: S.botToken, refresh_token: S.refreshToken, expires_in: 600,
      bot_user_id: TEAM.botUserId, team: { id: TEAM.id, name: TEAM.name }, enterprise: null, is_enterprise_install: false,
      authed_user: { id: 'UALICE', scope: 'users:read', access_token: S.userToken, token_type: 'user' },
      incoming_webhook: { url: WEBHOOK, channel: '#logs', channel_id: 'CLOG', configuration_url: 'https://log.slack.com/services/BLOG' },
    };
  });
  const slackConfig = loadConfig({
    ...env,
    SLACK_API_URL: apiUrl,
    SLACK_SIGNING_SECRET: S.signingSecret,
    SLACK_CLIENT_ID: '9999.8888',
    SLACK_CLIENT_SECRET: S.clientSecret,
    SLACK_STATE_SECRET: S.stateSecret,
  });
  const localConfig = loadConfig({ ...env, MicrosoftAppPassword: S.teamsPassword });
  const slack = await start(slackConfig);
  const local = await start(localConfig);

  // What startApp logs about the database, and an error whose message carries the connection string.
  const db = await resolveDatabase({ ...slackConfig.database, root: slackConfig.root, logger: slack.logger });
  slack.logger.info({ source: db.source, database: db.description }, `database: ${db.description}`);
  slack.logger.error({ err: `getaddrinfo ENOTFOUND while connecting to ${MONGODB_URI}` }, 'database unreachable');

  // The OAuth install, as a browser does it.
  const begin = await fetch(`${slack.url}/slack/install`, { redirect: 'manual' });
  const state = new URL(begin.headers.get('location') ?? '').searchParams.get('state') ?? '';
  const cookie = (begin.headers.get('set-cookie') ?? '').split(';')[0];
  const installed = await fetch(`${slack.url}/slack/oauth_redirect?code=code-TLOG&state=${encodeURIComponent(state)}`, { headers: { cookie } });
  expect(installed.status).toBe(200);

  // Signed slash commands (each authorises, which rotates the bot token), a DM, and a forged signature.
  const sender = new SlackSender(slack.url, S.signingSecret, (id) => stub.responseUrl(id));
  for (const text of ['help', 'project add LOGS "Logging"', 'risk Token leak p=3 i=4 project=LOGS']) {
    const { res, responseId } = await sender.command(text, ALICE);
    expect(res.status).toBe(200);
    await until(`the reply to /pmo ${text}`, () => stub.calls.some((c) => c.method === 'response_url' && c.args.responseUrlId === responseId));
  }
  const posts = stub.callsTo('chat.postMessage').length;
  await sender.dm('list risks', ALICE);
  await until('the DM reply', () => stub.callsTo('chat.postMessage').length > posts);
  expect((await sender.command('help', ALICE, { signature: 'v0=0000000000000000000000000000000000000000000000000000000000000000' })).res.status).toBe(401);

  // Two turns in local mode (the local chat speaks Bot Framework to the Teams door).
  const conv = (await (await fetch(`${local.url}/v3/directline/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string };
  directLineToken = conv.token;
  const directLine = { authorization: `Bearer ${conv.token}` };
  for (const text of ['project add LOCAL "Local"', 'risk Password in a log p=2 i=5 project=LOCAL']) {
    await fetch(`${local.url}/v3/directline/conversations/${conv.conversationId}/activities`, {
      method: 'POST',
      headers: { ...directLine, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text, from: { id: 'local-user', name: 'Lou Local' } }),
    });
  }
  const got = (await (await fetch(`${local.url}/v3/directline/conversations/${conv.conversationId}/activities?watermark=0`, { headers: directLine })).json()) as {
    activities: Partial<Activity>[];
  };
  expect(got.activities.some((a) => a.from?.role === 'bot' && /^Saved R-\d+ Password in a log/.test(a.text ?? ''))).toBe(true);
});

afterAll(async () => {
  for (const { server, stoppables } of servers.reverse()) {
    for (const s of [...stoppables].reverse()) await s.stop();
    await new Promise((resolve) => server.close(resolve));
  }
  await stub.stop();
});

describe('the captured logs of a full wire run at trace level', () => {
  it('show the run: the OAuth exchange, the token rotation, the commands, the forged request and the local turns', () => {
    const text = lines.join('');
    expect(text).toContain("apiCall('oauth.v2.access') start");
    expect(text).toContain('http request body');
    expect(text).toContain('installed in a Slack workspace');
    expect(stub.callsTo('oauth.v2.access').filter((c) => c.args.grant_type === 'refresh_token').length).toBeGreaterThan(0);
    expect(text).toContain('database: MONGODB_URI mongodb://pmo:***@db1.example.net:27017,db2.example.net:27017/pmo?authSource=admin');
    expect(text).toContain('local-chat');
    expect(directLineToken).toMatch(/^\S{16,}$/);
    expect(text).not.toContain(directLineToken);
    expect(text).not.toMatch(/\/local\/connector\/[^/\s"\\]{8,}/); // the local connector's secret path
  });

  it.each(FORBIDDEN.map((s) => [s]))('never contain %s', (secret) => {
    const text = lines.join('');
    const at = text.indexOf(secret);
    expect(at === -1 ? '' : text.slice(Math.max(0, at - 160), at + secret.length + 40)).toBe('');
  });
});
