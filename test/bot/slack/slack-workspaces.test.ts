// Many workspaces: OAuth installs into MongoDB, each team on its own token and data, uninstall.
import { PersonModel, RiskModel, SlackInstallationModel, WorkspaceModel } from '../../../models';
import { useTestDatabase } from '../../support/db';
import type { SlackCall } from '../../support/slack-api-stub';
import { useSlackBot } from '../../support/slack-harness';
import { closedPayload, type Where } from '../../support/slack-requests';

useTestDatabase();

const ALICE: Where = { team: 'TALPHA', user: 'UALICE', channel: 'CA1', channelName: 'alpha' };
const BEN: Where = { team: 'TBETA', user: 'UBEN', channel: 'CB1', channelName: 'beta' };

// Installed by OAuth only: no SLACK_BOT_TOKEN, so Team One's token goes unused.
const { stub, bot } = useSlackBot({
  users: { UALICE: { name: 'Alice Alpha' }, UBEN: { name: 'Ben Beta' } },
  env: { SLACK_CLIENT_ID: '1111.2222', SLACK_CLIENT_SECRET: 'client-secret', SLACK_STATE_SECRET: 'state-secret-for-tests', PMO_ENCRYPTION_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=', PUBLIC_URL: 'https://pmo.example.com' },
  now: () => new Date('2026-11-26T10:00:00Z'),
});

/** The whole OAuth v2 dance a browser does: install link, Slack's consent (skipped), redirect back. */
async function install(team: { id: string; name: string; botUserId: string }, token: string, installerId: string): Promise<Response> {
  const start = await fetch(`${bot.url}/slack/install`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location') ?? '');
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0];
  stub.nextInstall = { team, token, installerId };
  return fetch(`${bot.url}/slack/oauth_redirect?code=code-${team.id}&state=${encodeURIComponent(authorize.searchParams.get('state') ?? '')}`, { headers: { cookie } });
}

async function pmo(text: string, where: Where): Promise<SlackCall[]> {
  const before = stub.calls.length;
  await bot.sender.command(text, where);
  await bot.slack.idle();
  return stub.calls.slice(before);
}

const replyOf = (calls: SlackCall[]): SlackCall | undefined => calls.find((c) => c.method === 'response_url');

describe('Slack workspaces', () => {
  it('sends GET /slack/install to Slack’s consent page with the manifest’s scopes and our redirect URL', async () => {
    const res = await fetch(`${bot.url}/slack/install`, { redirect: 'manual' });
    const url = new URL(res.headers.get('location') ?? '');
    expect(`${url.origin}${url.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    expect(url.searchParams.get('client_id')).toBe('1111.2222');
    expect(url.searchParams.get('scope')).toBe('commands,chat:write,app_mentions:read,im:history,users:read,files:write');
    expect(url.searchParams.get('redirect_uri')).toBe('https://pmo.example.com/slack/oauth_redirect');
  });

  it('stores an installation per team in MongoDB and makes the installer a PMO admin', async () => {
    const alpha = await install({ id: 'TALPHA', name: 'Alpha Corp', botUserId: 'UBOTA' }, 'xoxb-alpha', 'UALICE');
    expect(alpha.status).toBe(200);
    expect(await alpha.text()).toMatch(/installed/);
    const beta = await install({ id: 'TBETA', name: 'Beta Ltd', botUserId: 'UBOTB' }, 'xoxb-beta', 'UBEN');
    expect(beta.status).toBe(200);
    expect(stub.callsTo('oauth.v2.access').map((c) => c.args.code)).toEqual(['code-TALPHA', 'code-TBETA']);
    const ws = await WorkspaceModel.findOne({ platform: 'slack', externalId: 'TALPHA' }).lean();
    expect(ws).toMatchObject({ name: 'Alpha Corp' });
    expect(await SlackInstallationModel.findOne({ workspaceId: ws?._id }).lean()).toMatchObject({ teamId: 'TALPHA', installerUserId: 'UALICE', botUserId: 'UBOTA' });
    expect(await PersonModel.findOne({ workspaceId: ws?._id, platformUserId: 'UALICE' }).lean()).toMatchObject({ role: 'pmo_admin' });
  });

  it('refuses a redirect whose state is not this browser’s', async () => {
    const start = await fetch(`${bot.url}/slack/install`, { redirect: 'manual' });
    const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
    const res = await fetch(`${bot.url}/slack/oauth_redirect?code=x&state=${encodeURIComponent(state)}`);
    expect(res.status).toBe(400);
  });

  it('answers each team with its own bot token', async () => {
    const alpha = await pmo('project add APOLLO "Apollo"', ALICE);
    const beta = await pmo('project add APOLLO "Beta Apollo"', BEN);
    expect(new Set(alpha.filter((c) => c.token).map((c) => c.token))).toEqual(new Set(['xoxb-alpha']));
    expect(new Set(beta.filter((c) => c.token).map((c) => c.token))).toEqual(new Set(['xoxb-beta']));
    expect(replyOf(beta)?.args.text).toBe('Added project APOLLO "Beta Apollo". Type link APOLLO in its channel so project= defaults to it there.'); // the same key in another workspace is no clash
  });

  it('never shows one team’s items to another', async () => {
    expect(replyOf(await pmo('risk Alpha merger leaks p=5 i=5 project=APOLLO', ALICE))?.args.text).toBe('Saved R-1 Alpha merger leaks');
    // Asked again for a key that exists, in a modal (Teams asks on a card the same way).
    const refused = (await pmo('show R-1', BEN)).find((c) => c.method === 'views.open');
    expect(JSON.stringify(refused?.args.view)).toMatch(/There is no R-1 in this workspace\./);
    await bot.sender.interaction(closedPayload(BEN, { id: 'V-SHOW', private_metadata: (refused?.args.view as { private_metadata: string }).private_metadata }));
    await bot.slack.idle();
    expect(replyOf(await pmo('list risks', BEN))?.args.text).toBe('0 risks');
    expect(replyOf(await pmo('risk Beta budget cut p=2 i=2 project=APOLLO', BEN))?.args.text).toBe('Saved R-1 Beta budget cut');
    const shown = replyOf(await pmo('show R-1', ALICE));
    expect(JSON.stringify(shown?.args.blocks)).toContain('Alpha merger leaks');
    expect(JSON.stringify(shown?.args.blocks)).not.toContain('Beta budget cut');
    expect(await RiskModel.countDocuments({ key: 'R-1' })).toBe(2);
  });

  it('does nothing for a team that never installed the app', async () => {
    const calls = await pmo('help', { team: 'TNOBODY', user: 'UX', channel: 'CX' });
    expect(calls).toEqual([]);
  });

  it('forgets the installation on app_uninstalled, keeping the workspace’s data', async () => {
    await bot.sender.event('TBETA', { type: 'app_uninstalled' });
    await bot.slack.idle();
    const ws = await WorkspaceModel.findOne({ externalId: 'TBETA' }).lean();
    expect(await SlackInstallationModel.countDocuments({ workspaceId: ws?._id })).toBe(0);
    expect(await RiskModel.countDocuments({ workspaceId: ws?._id })).toBe(1);
    expect(await pmo('help', BEN)).toEqual([]);
  });
});
