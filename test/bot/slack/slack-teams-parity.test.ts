// One engine, two doors: the same command from Teams and from Slack stores the same documents.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../../../bot/config';
import { createApp } from '../../../bot/server';
import { mountSlackApp, type SlackMount } from '../../../bot/slack';
import { mountTeamsBot } from '../../../bot/teams';
import type { Types } from 'mongoose';
import { getItem } from '../../../core/services';
import { RiskModel, WorkspaceModel } from '../../../models';
import { ConnectorStub } from '../../support/connector-stub';
import { useTestDatabase } from '../../support/db';
import { SlackApiStub } from '../../support/slack-api-stub';
import { BOT_TOKEN, SIGNING_SECRET, TEAM_ONE } from '../../support/slack-harness';
import { SlackSender } from '../../support/slack-requests';

useTestDatabase();

const slackApi = new SlackApiStub();
const connector = new ConnectorStub();
let server: http.Server;
let url: string;
let slack: SlackMount;
let serviceUrl: string;
let sender: SlackSender;
const NOW = new Date('2026-11-26T10:00:00Z');

beforeAll(async () => {
  const apiUrl = await slackApi.start();
  serviceUrl = await connector.start();
  slackApi.teams.set(BOT_TOKEN, TEAM_ONE);
  slackApi.users.set('UADA', { name: 'Ada Admin' });
  const config = loadConfig({ PORT: '0', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: apiUrl });
  const logger = pino({ level: 'silent' });
  const app = createApp({ logger, isReady: async () => true });
  mountTeamsBot(app, { config, logger, now: () => NOW });
  slack = mountSlackApp(app, { config, logger, now: () => NOW });
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sender = new SlackSender(url, SIGNING_SECRET, (id) => slackApi.responseUrl(id));
});
afterAll(async () => {
  await slack.stop();
  await new Promise((resolve) => server.close(resolve));
  await slackApi.stop();
  await connector.stop();
});

async function teams(text: string): Promise<void> {
  const body = {
    type: 'message', id: `a-${Math.random()}`, text, channelId: 'msteams', serviceUrl,
    from: { id: '29:ada', name: 'Ada Admin' }, recipient: { id: '28:bot', name: 'PMO' },
    conversation: { id: 'a:personal-ada', conversationType: 'personal', tenantId: 'tenant-1' }, channelData: { tenant: { id: 'tenant-1' } },
  };
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBeLessThan(300);
}

async function slackDm(text: string): Promise<void> {
  await sender.dm(text, { team: 'T1', user: 'UADA' });
  await slack.idle();
}

/** A stored document without what differs by nature between workspaces: ids, the workspace, the people, the clock. */
function comparable(doc: Record<string, unknown> | null, people: Record<string, string>): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...doc };
  // requestKey names the request that logged it, which is each platform's own.
  for (const key of ['_id', '__v', 'workspaceId', 'createdAt', 'updatedAt', 'itemId', 'requestKey']) delete rest[key];
  return JSON.parse(JSON.stringify(rest, (_k, v: unknown) => (typeof v === 'string' && people[v] ? people[v] : v))) as Record<string, unknown>;
}

it('stores a risk, its update and its history the same from Teams and from Slack', async () => {
  for (const text of ['project add APOLLO "Apollo launch"', 'risk Vendor API may slip p=4 i=5 due=2026-12-04 project=APOLLO mitigation="Second vendor"', 'update R-1 p=2 due=2026-12-11']) {
    await teams(text);
    await slackDm(text);
  }
  const teamsWs = await WorkspaceModel.findOne({ platform: 'teams', externalId: 'tenant-1' }).lean();
  const slackWs = await WorkspaceModel.findOne({ platform: 'slack', externalId: 'T1' }).lean();
  const fromTeams = await RiskModel.findOne({ workspaceId: teamsWs?._id, key: 'R-1' }).lean();
  const fromSlack = await RiskModel.findOne({ workspaceId: slackWs?._id, key: 'R-1' }).lean();
  expect(fromSlack).toMatchObject({ title: 'Vendor API may slip', probability: 2, due: '2026-12-11', ownerId: 'UADA' });
  expect(comparable(fromSlack, { UADA: 'person' })).toEqual(comparable(fromTeams, { '29:ada': 'person' }));
  // What `show R-1` lists: the creation (read from the item), then the stored changes.
  const history = async (ws: Types.ObjectId | undefined, who: Record<string, string>) => (await getItem(ws!, 'R-1')).history.map((h) => comparable({ ...h }, who));
  const slackHistory = await history(slackWs?._id, { UADA: 'person' });
  expect(slackHistory[0].action).toBe('created');
  expect(slackHistory.filter((h) => h.action === 'updated').length).toBeGreaterThanOrEqual(2); // p and due, field by field
  expect(slackHistory).toEqual(await history(teamsWs?._id, { '29:ada': 'person' }));
});
