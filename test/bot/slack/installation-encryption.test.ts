// Slack installation tokens at rest: sealed with PMO_ENCRYPTION_KEY, bound to their team, rotated, and plain rows from before encrypted.
import crypto from 'node:crypto';
import { Writable } from 'node:stream';
import mongoose from 'mongoose';
import { createLogger } from '../../../bot/logger';
import { keyIdOf, SecretBox } from '../../../bot/security/secret-box';
import { MongoInstallationStore, openInstallationStore } from '../../../bot/slack/installation-store';
import { ensureWorkspace } from '../../../core/services';
import { SlackInstallationModel, WorkspaceModel } from '../../../models';
import { useTestDatabase } from '../../support/db';
import type { SlackCall } from '../../support/slack-api-stub';
import { useSlackBot, type RunningSlackBot } from '../../support/slack-harness';
import type { Where } from '../../support/slack-requests';

useTestDatabase();

const OLD_KEY = crypto.randomBytes(32);
const NEW_KEY = crypto.randomBytes(32);
const STRANGER_KEY = crypto.randomBytes(32);
const ALICE: Where = { team: 'TALPHA', user: 'UALICE', channel: 'CA1', channelName: 'alpha' };
const BEN: Where = { team: 'TBETA', user: 'UBEN', channel: 'CB1', channelName: 'beta' };
const TOKENS = { bot: 'xoxb-alpha-7f3e9c', user: 'xoxp-alpha-user-41d2', refresh: 'xoxe-1-alpha-refresh-9b8a', webhook: 'https://hooks.slack.com/services/TALPHA/B1/hook-secret-55' };

const oauthEnv = (key: Buffer, previous: Buffer[] = []): Record<string, string> => ({
  SLACK_CLIENT_ID: '1111.2222',
  SLACK_CLIENT_SECRET: 'client-secret',
  SLACK_STATE_SECRET: 'state-secret-for-tests',
  PMO_ENCRYPTION_KEY: key.toString('base64'),
  ...(previous.length ? { PMO_ENCRYPTION_KEYS_PREVIOUS: previous.map((k) => k.toString('hex')).join(',') } : {}),
});

const { stub, bot, startAnother } = useSlackBot({ users: { UALICE: { name: 'Alice Alpha' }, UBEN: { name: 'Ben Beta' } }, env: oauthEnv(OLD_KEY) });

/** The OAuth v2 dance a browser does: install link, Slack's consent (skipped), redirect back with the code. */
async function install(running: RunningSlackBot, team: { id: string; name: string; botUserId: string }, token: string, installerId: string): Promise<void> {
  const start = await fetch(`${running.url}/slack/install`, { redirect: 'manual' });
  const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0];
  stub.nextInstall = { team, token, installerId };
  const res = await fetch(`${running.url}/slack/oauth_redirect?code=code-${team.id}&state=${encodeURIComponent(state)}`, { headers: { cookie } });
  expect(res.status).toBe(200);
}

async function pmo(running: RunningSlackBot, text: string, where: Where): Promise<SlackCall[]> {
  const before = stub.calls.length;
  await running.sender.command(text, where);
  await running.slack.idle();
  return stub.calls.slice(before);
}

/** The row as MongoDB holds it, past mongoose. */
const raw = async (teamId: string): Promise<Record<string, unknown>> => {
  const row = await mongoose.connection.db!.collection('slack_installations').findOne({ teamId });
  if (!row) throw new Error(`no installation row for ${teamId}`);
  return row;
};

function capture(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger('info', sink) };
}

describe('Slack installation tokens at rest', () => {
  beforeAll(async () => {
    // Alpha's install carries every kind of secret Slack hands out: a rotating bot token, a user token, an incoming webhook.
    stub.on('oauth.v2.access', () => ({
      app_id: 'A1', token_type: 'bot', scope: 'commands,chat:write', access_token: TOKENS.bot, refresh_token: TOKENS.refresh, expires_in: 43200,
      bot_user_id: 'UBOTA', team: { id: 'TALPHA', name: 'Alpha Corp' }, enterprise: null, is_enterprise_install: false,
      authed_user: { id: 'UALICE', scope: 'users:read', access_token: TOKENS.user, token_type: 'user' },
      incoming_webhook: { url: TOKENS.webhook, channel: '#alpha', channel_id: 'CA1', configuration_url: 'https://alpha.slack.com/services/B1' },
    }));
    stub.teams.set(TOKENS.bot, { id: 'TALPHA', name: 'Alpha Corp', botUserId: 'UBOTA' });
    await install(bot, { id: 'TALPHA', name: 'Alpha Corp', botUserId: 'UBOTA' }, TOKENS.bot, 'UALICE');
    stub.on('oauth.v2.access', () => ({
      app_id: 'A1', token_type: 'bot', scope: 'commands,chat:write', access_token: 'xoxb-beta-2c4d', bot_user_id: 'UBOTB',
      team: { id: 'TBETA', name: 'Beta Ltd' }, enterprise: null, is_enterprise_install: false, authed_user: { id: 'UBEN' },
    }));
    stub.teams.set('xoxb-beta-2c4d', { id: 'TBETA', name: 'Beta Ltd', botUserId: 'UBOTB' });
    await install(bot, { id: 'TBETA', name: 'Beta Ltd', botUserId: 'UBOTB' }, 'xoxb-beta-2c4d', 'UBEN');
  });

  it('stores the OAuth install sealed: no token, refresh token or webhook anywhere in the raw document', async () => {
    const row = await raw('TALPHA');
    const text = JSON.stringify(row);
    expect(text).not.toMatch(/xox[a-z]-|xoxe\.|hooks\.slack\.com|hook-secret/);
    expect(row.installation).toMatch(new RegExp(`^v1\\.${keyIdOf(OLD_KEY)}\\.[\\w-]{16}\\.[\\w-]{22}\\.[\\w-]+$`));
    expect(text).not.toContain(OLD_KEY.toString('base64'));
    expect(row).toMatchObject({ teamId: 'TALPHA', installerUserId: 'UALICE', botUserId: 'UBOTA' });
  });

  it('answers the team’s commands with its own token', async () => {
    const calls = await pmo(bot, 'project add APOLLO "Apollo"', ALICE);
    expect(calls.find((c) => c.method === 'response_url')?.args.text).toBe('Added project APOLLO "Apollo". Type link APOLLO in its channel so project= defaults to it there.');
    expect(new Set(calls.filter((c) => c.token).map((c) => c.token))).toEqual(new Set([TOKENS.bot]));
  });

  it('does not open an envelope copied into another team’s row', async () => {
    const beta = await raw('TBETA');
    await SlackInstallationModel.updateOne({ teamId: 'TBETA' }, { $set: { installation: (await raw('TALPHA')).installation } });
    expect(await pmo(bot, 'help', BEN)).toEqual([]);
    await SlackInstallationModel.updateOne({ teamId: 'TBETA' }, { $set: { installation: beta.installation } });
    expect((await pmo(bot, 'help', BEN)).filter((c) => c.token).map((c) => c.token)).toContain('xoxb-beta-2c4d');
  });

  it('fails the team’s requests on an instance without the key it was stored with, with one logged error naming the team and no token', async () => {
    const stranger = await startAnother(oauthEnv(STRANGER_KEY));
    try {
      expect(await pmo(stranger, 'help', ALICE)).toEqual([]);
    } finally {
      await stranger.close();
    }
    const { lines, logger } = capture();
    const store = new MongoInstallationStore({ timeZone: 'UTC', box: new SecretBox(STRANGER_KEY), logger });
    await expect(store.fetchInstallation({ teamId: 'TALPHA', isEnterpriseInstall: false, enterpriseId: undefined })).rejects.toThrow(/team TALPHA/);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 50, team: 'TALPHA', code: 'unknown_key' });
    expect(lines[0]).toMatch(/Slack team TALPHA: its stored installation cannot be read \(sealed with key \w+, which is not among the configured keys/);
    expect(lines[0]).not.toMatch(/xox|hook-secret/);
  });

  it('moves every row to a new key at start-up, once the old key is listed as previous, and answers with the same token', async () => {
    const { lines, logger } = capture();
    const store = openInstallationStore({ timeZone: 'UTC', security: { encryptionKey: NEW_KEY, previousKeys: [OLD_KEY] }, logger });
    expect(await store.swept).toEqual({ encrypted: 0, reencrypted: 2, unreadable: [], notMoved: [], total: 2 });
    expect(lines.join('')).toContain(`Slack installations: all 2 encrypted with the current key ${keyIdOf(NEW_KEY)} (0 from plain text, 2 from a previous key)`);
    for (const team of ['TALPHA', 'TBETA']) expect((await raw(team)).installation).toMatch(new RegExp(`^v1\\.${keyIdOf(NEW_KEY)}\\.`));
    // The old key can go: an instance with the new key alone answers Alpha with Alpha's token.
    const rotated = await startAnother(oauthEnv(NEW_KEY));
    try {
      expect(new Set((await pmo(rotated, 'help', ALICE)).filter((c) => c.token).map((c) => c.token))).toEqual(new Set([TOKENS.bot]));
    } finally {
      await rotated.close();
    }
  });

  it('re-encrypts a row sealed with a previous key when it is read', async () => {
    const old = new SecretBox(OLD_KEY);
    const plaintext = new SecretBox(NEW_KEY).open(String((await raw('TBETA')).installation), 'slack-installation:TBETA').plaintext;
    await SlackInstallationModel.updateOne({ teamId: 'TBETA' }, { $set: { installation: old.seal(plaintext, 'slack-installation:TBETA') } });
    const store = new MongoInstallationStore({ timeZone: 'UTC', box: new SecretBox(NEW_KEY, [OLD_KEY]), logger: capture().logger });
    expect((await store.fetchInstallation({ teamId: 'TBETA', isEnterpriseInstall: false, enterpriseId: undefined })).bot?.token).toBe('xoxb-beta-2c4d');
    expect((await raw('TBETA')).installation).toMatch(new RegExp(`^v1\\.${keyIdOf(NEW_KEY)}\\.`));
  });

  it('encrypts installations stored in plain text before encryption, at start-up and on first read', async () => {
    const legacy = async (teamId: string, token: string): Promise<void> => {
      const ws = await ensureWorkspace('slack', teamId, `Legacy ${teamId}`, { timeZone: 'UTC' });
      const installation = { team: { id: teamId, name: `Legacy ${teamId}` }, user: { id: 'UOLD' }, bot: { token, userId: 'UBOTL', scopes: ['chat:write'], id: 'B9' }, isEnterpriseInstall: false, authVersion: 'v2' };
      await mongoose.connection.db!.collection('slack_installations').insertOne({ workspaceId: ws._id, teamId, installerUserId: 'UOLD', botUserId: 'UBOTL', enterpriseId: null, installation: JSON.stringify(installation) });
    };
    await legacy('TLEGACY1', 'xoxb-legacy-one');
    const swept = await openInstallationStore({ timeZone: 'UTC', security: { encryptionKey: NEW_KEY, previousKeys: [] }, logger: capture().logger }).swept;
    expect(swept).toMatchObject({ encrypted: 1, reencrypted: 0, unreadable: [] });
    expect(JSON.stringify(await raw('TLEGACY1'))).not.toContain('xoxb-');

    await legacy('TLEGACY2', 'xoxb-legacy-two');
    const store = new MongoInstallationStore({ timeZone: 'UTC', box: new SecretBox(NEW_KEY), logger: capture().logger });
    for (const [team, token] of [['TLEGACY1', 'xoxb-legacy-one'], ['TLEGACY2', 'xoxb-legacy-two']]) {
      expect((await store.fetchInstallation({ teamId: team, isEnterpriseInstall: false, enterpriseId: undefined })).bot?.token).toBe(token);
      expect(String((await raw(team)).installation)).toMatch(new RegExp(`^v1\\.${keyIdOf(NEW_KEY)}\\.`));
    }
    expect(await WorkspaceModel.countDocuments({ externalId: /^TLEGACY/ })).toBe(2);
  });
});
