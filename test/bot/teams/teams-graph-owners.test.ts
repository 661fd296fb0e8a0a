import type { Activity } from 'botbuilder';
import { PersonModel, WorkspaceModel } from '../../../models';
import { ConnectorStub } from '../../support/connector-stub';
import { useTestDatabase } from '../../support/db';
import { GraphStub } from '../../support/graph-stub';
import { startLocalTeamsBot } from '../../support/teams-local-bot';
import { APP_ID, APP_PASSWORD, postActivity, startSecuredTeamsBot, teamsMessage, type SecuredTeamsBot } from '../../support/teams-auth-harness';

useTestDatabase();

// SPEC §2: Teams team owners count as PMO admins. The bot reads a team's members from Microsoft
// Graph (a local stub here) with its own app token (client credentials, from a local token stub)
// and the team's resource-specific consent; when Graph gives no answer, today's rules hold.
const connector = new ConnectorStub();
const graph = new GraphStub({ appId: APP_ID, appPassword: APP_PASSWORD });
let serviceUrl: string;
let graphUrls: { graphApiUrl: string; graphTokenUrl: string };
let bot: SecuredTeamsBot;

beforeAll(async () => {
  serviceUrl = await connector.start();
  graphUrls = await graph.start();
  bot = await startSecuredTeamsBot({ GRAPH_API_URL: graphUrls.graphApiUrl, GRAPH_TOKEN_URL: graphUrls.graphTokenUrl });
});
afterAll(async () => {
  await bot.stop();
  await graph.stop();
  await connector.stop();
});

interface Person {
  id: string;
  name: string;
  aad: string;
}
const guid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const FOUNDER: Person = { id: '29:founder', name: 'Fay Founder', aad: guid(1) };
const OWNER: Person = { id: '29:owner', name: 'Olga Owner', aad: guid(2) };
const MEMBER: Person = { id: '29:member', name: 'Max Member', aad: guid(3) };

/** A message in a team's channel, as Teams delivers it: the team's group id is in channelData. */
function channelMessage(text: string, tenant: string, teamGroupId: string, who: Person): Partial<Activity> {
  const channel = `19:chan-${tenant}@thread.tacv2`;
  return teamsMessage(text, serviceUrl, tenant, {
    from: { id: who.id, name: who.name, aadObjectId: who.aad },
    conversation: { id: channel, conversationType: 'channel', tenantId: tenant, isGroup: true } as Activity['conversation'],
    channelData: { tenant: { id: tenant }, team: { id: `19:team-${tenant}@thread.tacv2`, name: 'Apollo team', aadGroupId: teamGroupId }, channel: { id: channel } },
  });
}

/** Posts a signed activity and returns the text of the bot's reply to it. */
async function say(message: Partial<Activity>): Promise<string> {
  const before = connector.sent.length;
  const res = await postActivity(bot.url, message, `Bearer ${bot.auth.channelToken(serviceUrl)}`);
  expect(res.status).toBe(200);
  const replies = connector.sent.slice(before).filter((s) => s.conversationId === message.conversation?.id);
  expect(replies).toHaveLength(1);
  return String(replies[0].activity.text ?? '');
}

const warnings = (): string[] => bot.logs.filter((l) => l.includes('Microsoft Graph gave no team owners'));

describe('Teams team owners as PMO admins, through Microsoft Graph', () => {
  const TEAM = guid(100);

  beforeAll(async () => {
    graph.setMembers(TEAM, [
      { userId: FOUNDER.aad, displayName: FOUNDER.name, roles: [] },
      { userId: MEMBER.aad, displayName: MEMBER.name, roles: [] },
      { userId: OWNER.aad, displayName: OWNER.name, roles: ['owner'] },
    ]);
    // The founding admin seat goes to whoever talks first: someone else, so neither below holds it.
    await say(channelMessage('help', 'tenant-owners', TEAM, FOUNDER));
  });

  it('refuses a plain member of the team `project add`', async () => {
    expect(await say(channelMessage('project add APOLLO "Apollo launch"', 'tenant-owners', TEAM, MEMBER))).toMatch(/Only a PMO admin can/);
  });

  it('lets the team owner run `project add`, without storing a role for them', async () => {
    expect(await say(channelMessage('project add APOLLO "Apollo launch"', 'tenant-owners', TEAM, OWNER))).toMatch(/^Added project APOLLO "Apollo launch"/);
    const workspace = await WorkspaceModel.findOne({ platform: 'teams', externalId: 'tenant-owners' }).lean();
    expect(await PersonModel.findOne({ workspaceId: workspace!._id, platformUserId: OWNER.id }).lean()).toMatchObject({ role: 'member' });
  });

  it("got the app's own token for the team's tenant and Graph, and asked Graph once for the team", () => {
    expect(graph.tokenRequests).toEqual([
      { tenant: 'tenant-owners', grantType: 'client_credentials', clientId: APP_ID, clientSecret: APP_PASSWORD, scope: `${new URL(graphUrls.graphApiUrl).origin}/.default` },
    ]);
    // Three turns in the team, one members call: owners are kept per team for a few minutes.
    expect(graph.memberCalls).toEqual([{ team: TEAM, authorization: `Bearer ${graph.issued[0]}` }]);
    expect(warnings()).toEqual([]);
  });

  it('finds an owner on a later page of members', async () => {
    const big = guid(101);
    graph.pageSize = 2;
    graph.setMembers(big, [
      { userId: guid(50), displayName: 'A', roles: [] },
      { userId: guid(51), displayName: 'B', roles: ['guest'] },
      { userId: MEMBER.aad, displayName: MEMBER.name, roles: [] },
      { userId: OWNER.aad, displayName: OWNER.name, roles: ['owner'] },
    ]);
    try {
      await say(channelMessage('help', 'tenant-paged', big, FOUNDER));
      expect(await say(channelMessage('project add BETA "Beta"', 'tenant-paged', big, OWNER))).toMatch(/^Added project BETA/);
      expect(graph.memberCalls.filter((c) => c.team === big)).toHaveLength(2);
    } finally {
      graph.pageSize = 100;
    }
  });

  it('asks Graph nothing outside a team (personal chat): the owner is a plain member there', async () => {
    const calls = graph.memberCalls.length;
    const personal = teamsMessage('project add GAMMA "Gamma"', serviceUrl, 'tenant-owners', { from: { id: OWNER.id, name: OWNER.name, aadObjectId: OWNER.aad } });
    expect(await say(personal)).toMatch(/Only a PMO admin can/);
    expect(graph.memberCalls).toHaveLength(calls);
  });
});

describe('when Graph gives no answer', () => {
  afterEach(() => {
    graph.mode = 'up';
  });

  it.each([
    ['answers 500', 'members-500' as const, 'tenant-g500', guid(200)],
    ["refuses (403: the team's consent is missing)", 'members-403' as const, 'tenant-g403', guid(201)],
    ['will not issue a token (401)', 'token-401' as const, 'tenant-g401', guid(202)],
  ])('falls back to today\'s rules when Graph %s: the owner may not add a project', async (_what, mode, tenant, team) => {
    graph.mode = mode;
    graph.setMembers(team, [{ userId: OWNER.aad, displayName: OWNER.name, roles: ['owner'] }]);
    await say(channelMessage('help', tenant, team, FOUNDER));
    expect(await say(channelMessage('project add DELTA "Delta"', tenant, team, OWNER))).toMatch(/Only a PMO admin can/);
  });

  it('logged exactly one warning for all those failures, naming no secret or token', () => {
    expect(warnings()).toHaveLength(1);
    const warning = JSON.parse(warnings()[0]) as Record<string, unknown>;
    expect(warning).toMatchObject({ level: 40, step: 'members', status: 500 });
    const all = bot.logs.join('\n');
    expect(all).not.toContain(APP_PASSWORD);
    for (const token of graph.issued) expect(all).not.toContain(token);
  });

  it('falls back when Graph cannot be reached at all, still without a second warning', async () => {
    const down = new GraphStub({ appId: APP_ID, appPassword: APP_PASSWORD });
    const urls = await down.start();
    await down.stop();
    const offline = await startSecuredTeamsBot({ GRAPH_API_URL: urls.graphApiUrl, GRAPH_TOKEN_URL: urls.graphTokenUrl });
    try {
      const team = guid(300);
      const post = async (message: Partial<Activity>): Promise<string> => {
        const before = connector.sent.length;
        expect((await postActivity(offline.url, message, `Bearer ${offline.auth.channelToken(serviceUrl)}`)).status).toBe(200);
        return String(connector.sent.slice(before).find((s) => s.conversationId === message.conversation?.id)?.activity.text ?? '');
      };
      await post(channelMessage('help', 'tenant-offline', team, FOUNDER));
      expect(await post(channelMessage('project add EPS "Epsilon"', 'tenant-offline', team, OWNER))).toMatch(/Only a PMO admin can/);
      const logged = offline.logs.filter((l) => l.includes('Microsoft Graph gave no team owners'));
      expect(logged).toHaveLength(1);
      expect(JSON.parse(logged[0])).toMatchObject({ step: 'token', reason: 'ECONNREFUSED' });
    } finally {
      await offline.stop();
    }
  });
});

describe('local mode', () => {
  it('makes no Graph call, even for a channel message naming a team', async () => {
    const local = await startLocalTeamsBot({ GRAPH_API_URL: graphUrls.graphApiUrl, GRAPH_TOKEN_URL: graphUrls.graphTokenUrl });
    const before = { tokens: graph.tokenRequests.length, calls: graph.memberCalls.length };
    try {
      const res = await postActivity(local.url, channelMessage('help', 'tenant-local', guid(400), OWNER));
      expect(res.status).toBe(200);
      expect(connector.sent.some((s) => s.conversationId === '19:chan-tenant-local@thread.tacv2')).toBe(true);
    } finally {
      await local.close();
    }
    expect({ tokens: graph.tokenRequests.length, calls: graph.memberCalls.length }).toEqual(before);
  });
});
