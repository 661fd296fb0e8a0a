import { generateKeyPairSync } from 'node:crypto';
import { loadConfig } from '../../../bot/config';
import { WorkspaceModel } from '../../../models';
import { BotFrameworkAuthStub } from '../../support/bot-framework-auth-stub';
import { ConnectorStub } from '../../support/connector-stub';
import { useTestDatabase } from '../../support/db';
import {
  APP_ID,
  APP_PASSWORD,
  documentCounts,
  postActivity,
  startSecuredTeamsBot,
  teamsMessage,
  type SecuredTeamsBot,
} from '../../support/teams-auth-harness';

useTestDatabase();

// Teams authentication at the wire, both halves: tokens a channel signs coming in, and the bot's
// own token (from the login endpoint) going out with its replies. Nothing leaves this machine.
const connector = new ConnectorStub();
let serviceUrl: string;
let bot: SecuredTeamsBot;

beforeAll(async () => {
  serviceUrl = await connector.start();
  bot = await startSecuredTeamsBot();
});
afterAll(async () => {
  await bot.stop();
  await connector.stop();
});

const bearer = (token: string): string => `Bearer ${token}`;
const now = (): number => Math.floor(Date.now() / 1000);
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

describe('Teams authentication at the wire', () => {
  it('accepts an activity a channel signed, and replies with the token the login endpoint issued', async () => {
    const message = teamsMessage('help', serviceUrl, 'tenant-signed');
    const res = await postActivity(bot.url, message, bearer(bot.auth.channelToken(serviceUrl)));
    expect(res.status).toBe(200);

    const replies = connector.sent.filter((s) => s.conversationId === message.conversation?.id);
    expect(replies).toHaveLength(1);
    expect(bot.auth.issuedTokens).toHaveLength(1);
    for (const reply of replies) expect(reply.authorization).toBe(`Bearer ${bot.auth.issuedTokens[0]}`);
    // Client credentials for this app, scoped to the Bot Connector, from the configured authority.
    expect(bot.auth.tokenRequests).toEqual([
      {
        tenant: 'botframework.com',
        grantType: 'client_credentials',
        clientId: APP_ID,
        clientSecret: APP_PASSWORD,
        scope: 'https://api.botframework.com/.default',
      },
    ]);
    expect(await WorkspaceModel.countDocuments({ platform: 'teams', externalId: 'tenant-signed' })).toBe(1);
  });

  it('reuses its token for the next reply instead of logging in again', async () => {
    const message = teamsMessage('help', serviceUrl, 'tenant-signed');
    expect((await postActivity(bot.url, message, bearer(bot.auth.channelToken(serviceUrl)))).status).toBe(200);
    expect(bot.auth.tokenRequests).toHaveLength(1);
    expect(connector.sent.at(-1)?.authorization).toBe(`Bearer ${bot.auth.issuedTokens[0]}`);
  });

  it('asks only the local stub, never an Azure AD instance discovery endpoint', () => {
    expect(bot.auth.requests).toEqual(
      expect.arrayContaining([
        'GET /v1/.well-known/openidconfiguration',
        'GET /v1/.well-known/keys',
        'GET /botframework.com/v2.0/.well-known/openid-configuration',
        'POST /botframework.com/oauth2/v2.0/token',
      ]),
    );
  });

  type Case = [name: string, reason: string, authorization: (serviceUrl: string) => string | undefined, extra?: Record<string, unknown>];
  const cases: Case[] = [
    ['a token for another app (wrong audience)', 'wrong_audience', (u) => bearer(bot.auth.channelToken(u, { aud: 'another-app-id' }))],
    ['a token from another issuer', 'untrusted_issuer', (u) => bearer(bot.auth.channelToken(u, { iss: 'https://api.botframework.example' }))],
    ['an expired token', 'expired', (u) => bearer(bot.auth.channelToken(u, { nbf: now() - 7200, exp: now() - 600 }))],
    ['a token not valid yet', 'not_yet_valid', (u) => bearer(bot.auth.channelToken(u, { nbf: now() + 600 }))],
    ['alg: none', 'unsigned', (u) => bearer(BotFrameworkAuthStub.unsigned({ typ: 'JWT', kid: bot.auth.kid }, bot.auth.claimsFor(u)))],
    ['alg: none without a key id', 'unknown_key', (u) => bearer(BotFrameworkAuthStub.unsigned({ typ: 'JWT' }, bot.auth.claimsFor(u)))],
    ['HS256 signed with some secret', 'algorithm_not_allowed', (u) => bearer(BotFrameworkAuthStub.hs256({ kid: bot.auth.kid }, bot.auth.claimsFor(u), 'some-secret'))],
    [
      'HS256 keyed with the public signing key (algorithm confusion)',
      'algorithm_not_allowed',
      (u) => bearer(BotFrameworkAuthStub.hs256({ kid: bot.auth.kid }, bot.auth.claimsFor(u), bot.auth.publicKeyPem)),
    ],
    ['a token signed with another RS256 key (unknown kid)', 'unknown_key', (u) => bearer(BotFrameworkAuthStub.rs256({ kid: 'attacker-key' }, bot.auth.claimsFor(u), otherKey))],
    ['a known kid with another key’s signature', 'bad_signature', (u) => bearer(bot.auth.channelToken(u, {}, {}, otherKey))],
    ['a serviceurl claim that is not the activity’s serviceUrl', 'serviceurl_mismatch', () => bearer(bot.auth.channelToken('https://smba.attacker.example/'))],
    ['no Authorization header', 'missing_token', () => undefined],
    ['a Basic Authorization header', 'malformed_authorization', () => 'Basic dXNlcjpwYXNz'],
    ['a bare Bearer', 'malformed_authorization', () => 'Bearer'],
    ['a Bearer that is no JWT', 'malformed_authorization', () => 'Bearer not-a-jwt'],
    ['a JWT whose payload is not an object', 'malformed_authorization', () => `Bearer ${Buffer.from('{"alg":"RS256"}').toString('base64url')}.bnVsbA.c2ln`],
    ['a valid token with trailing garbage', 'malformed_authorization', (u) => `${bearer(bot.auth.channelToken(u))} extra`],
    // A channel the key is not endorsed for: teams-auth-channels.test.ts (other channels are refused before their token).
    [
      'an emulator token (Azure AD issuer) signed by a key Azure AD does not list',
      'unknown_key',
      (u) => bearer(bot.auth.channelToken(u, { iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/', ver: '1.0', appid: APP_ID })),
    ],
  ];

  // Rows as one object each: jest takes a test function with more parameters than a row has columns as a done-callback test.
  it.each(cases.map(([name, reason, authorization, extra]) => ({ name, reason, authorization, extra })))(
    'refuses $name with a bare 401: no reply, nothing stored, the reason logged',
    async ({ reason, authorization, extra }) => {
    const tenant = `tenant-${reason}`;
    const message = teamsMessage('risk Forged risk p=5 i=5', serviceUrl, tenant, extra);
    const sentBefore = connector.sent.length;
    const tokensBefore = bot.auth.tokenRequests.length;
    const countsBefore = await documentCounts();
    const logsBefore = bot.logs.length;
    const header = authorization(serviceUrl);

    const res = await postActivity(bot.url, message, header);

    expect(res.status).toBe(401);
    expect(res.contentType).toMatch(/^application\/json/);
    expect(JSON.parse(res.text)).toEqual({ error: 'unauthorized' });
    expect(res.wwwAuthenticate).toBe('Bearer');
    expect(connector.sent.length).toBe(sentBefore);
    expect(bot.auth.tokenRequests.length).toBe(tokensBefore);
    expect(await documentCounts()).toEqual(countsBefore);
    const logged = bot.logs.slice(logsBefore).map((l) => JSON.parse(l) as { reason?: string; level: number });
    expect(logged).toContainEqual(expect.objectContaining({ reason, level: 40 }));
    // The token is never logged, not even in part.
    const token = header?.split(' ')[1];
    if (token) for (const line of bot.logs) expect(line).not.toContain(token.split('.').pop() || token);
    },
  );

  it('looked up emulator tokens’ keys on the configured stub too', () => {
    expect(bot.auth.requests).toEqual(
      expect.arrayContaining(['GET /common/v2.0/.well-known/openid-configuration', 'GET /common/discovery/v2.0/keys']),
    );
  });

  it('takes the identity endpoints only over https', () => {
    for (const name of ['BOTFRAMEWORK_OPENID_METADATA_URL', 'BOTFRAMEWORK_EMULATOR_OPENID_METADATA_URL', 'BOTFRAMEWORK_LOGIN_URL']) {
      expect(() => loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: APP_PASSWORD, [name]: 'http://127.0.0.1:1/x' })).toThrow(
        `${name} must be a https: URL`,
      );
    }
  });

  it('answers a body that is not JSON with a JSON 400', async () => {
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer(bot.auth.channelToken(serviceUrl)) },
      body: '{"type": "message", ',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'malformed JSON body' }); // the one wording of the whole server (bot/server.ts)
  });

  it('refuses an activity over the body limit with a JSON 413 before checking anything', async () => {
    const message = teamsMessage('x'.repeat(300 * 1024), serviceUrl, 'tenant-big');
    const res = await postActivity(bot.url, message, bearer(bot.auth.channelToken(serviceUrl)));
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toEqual({ error: 'body too large' });
  });

  it('answers 500 without detail when the signing keys cannot be fetched', async () => {
    // A metadata URL on a port nothing listens on: our side is down, not the caller's token bad.
    const down = await startSecuredTeamsBot({ BOTFRAMEWORK_OPENID_METADATA_URL: 'https://127.0.0.1:9/v1/.well-known/openidconfiguration' });
    try {
      const res = await postActivity(down.url, teamsMessage('help', serviceUrl, 'tenant-down'), bearer(down.auth.channelToken(serviceUrl)));
      expect(res.status).toBe(500);
      expect(JSON.parse(res.text)).toEqual({ error: 'internal_error' });
    } finally {
      await down.stop();
      // The stop above cleared the CA the first bot's stub still needs.
      (await import('node:https')).globalAgent.options.ca = bot.auth.ca;
    }
  });
});
