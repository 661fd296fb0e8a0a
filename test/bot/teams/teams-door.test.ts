// What gets in at POST /api/messages in local mode, and how often: typed values, this machine's serviceUrls, one turn per activity.
import type { Activity } from 'botbuilder';
import { InboundRequestModel, PersonModel, RiskModel, WorkspaceModel } from '../../../models';
import { ConnectorStub } from '../../support/connector-stub';
import { useTestDatabase } from '../../support/db';
import { startLocalTeamsBot, type LocalTeamsBot } from '../../support/teams-local-bot';

useTestDatabase();

const connector = new ConnectorStub();
let serviceUrl: string;
let bot: LocalTeamsBot;
let botUrl: string;
let seq = 0;

beforeAll(async () => {
  serviceUrl = await connector.start();
  bot = await startLocalTeamsBot();
  botUrl = bot.url;
});
afterAll(async () => {
  await bot.close();
  await connector.stop();
});

const TENANT = 'tenant-door';
const ADA = { id: '29:ada', name: 'Ada Admin' };

function activity(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: `door-${++seq}`,
    text,
    channelId: 'msteams',
    serviceUrl,
    from: ADA,
    recipient: { id: '28:pmo-bot', name: 'PMO' },
    conversation: { id: 'a:personal-door-ada', conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    ...extra,
  };
}

async function post(body: Record<string, unknown>): Promise<Response> {
  return fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

const repliesTo = (body: Record<string, unknown>, since: number): Partial<Activity>[] =>
  connector.sent.slice(since).filter((s) => s.replyToId === body.id).map((s) => s.activity);

describe('the Teams door in local mode', () => {
  beforeAll(async () => {
    expect((await post(activity('project add APOLLO "Apollo launch"'))).status).toBe(200);
  });

  it('handles an activity delivered twice once: one risk, one reply', async () => {
    const body = activity('risk Twice delivered p=2 i=3 project=APOLLO');
    const before = connector.sent.length;
    expect((await post(body)).status).toBe(200);
    expect((await post(body)).status).toBe(200);
    expect(await RiskModel.countDocuments({ title: 'Twice delivered' })).toBe(1);
    expect(repliesTo(body, before)).toHaveLength(1);
  });

  it('takes thirty commands sent at once in one conversation, all saved, none told that nothing was saved', async () => {
    const before = connector.sent.length;
    // A conversation the bot has not seen: every turn finds no state yet, and each would create it.
    const conversation = { id: 'a:personal-door-burst', conversationType: 'personal', tenantId: TENANT };
    const bodies = Array.from({ length: 30 }, (_, i) => activity(`risk Burst ${i + 1} p=3 i=3 project=APOLLO`, { conversation }));
    const statuses = await Promise.all(bodies.map(async (b) => (await post(b)).status));
    expect(statuses).toEqual(Array(30).fill(200));
    expect(await RiskModel.countDocuments({ title: /^Burst \d+$/ })).toBe(30);
    const texts = connector.sent.slice(before).map((s) => String(s.activity.text ?? ''));
    expect(texts.filter((t) => /nothing was saved/i.test(t))).toEqual([]);
    expect(texts.filter((t) => /^Saved R-\d+ Burst \d+$/.test(t))).toHaveLength(30);
  });

  it('never says nothing was saved when two instances answer one conversation at the same moment', async () => {
    const other = await startLocalTeamsBot();
    try {
      const before = connector.sent.length;
      const conversation = { id: 'a:personal-door-two-instances', conversationType: 'personal', tenantId: TENANT };
      const bodies = Array.from({ length: 20 }, (_, i) => activity(`risk Twin ${i + 1} p=2 i=2 project=APOLLO`, { conversation }));
      const statuses = await Promise.all(
        bodies.map(async (b, i) => (await fetch(`${i % 2 ? other.url : botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) })).status),
      );
      expect(statuses).toEqual(Array(20).fill(200));
      const texts = connector.sent.slice(before).map((s) => String(s.activity.text ?? ''));
      expect(texts.filter((t) => /nothing was saved/i.test(t))).toEqual([]);
      // Each message was saved, or its sender was told to send it again (its state write lost the race before saving).
      const saved = await RiskModel.countDocuments({ title: /^Twin \d+$/ });
      const again = texts.filter((t) => /was not taken\. Please send it again/.test(t)).length;
      expect(saved).toBe(texts.filter((t) => /^Saved R-\d+ Twin \d+$/.test(t)).length);
      expect(saved + again).toBeGreaterThanOrEqual(20);
    } finally {
      await other.close();
    }
  });

  it('does not run an activity again that another instance took, even one that died with it; items remember the activity', async () => {
    const body = activity('risk Taken elsewhere p=2 i=2 project=APOLLO');
    const key = `msteams:${TENANT}:a:personal-door-ada:${String(body.id)}`;
    await InboundRequestModel.create({
      _id: key, platform: 'teams', team: TENANT, state: 'done', work: null, receivedAt: new Date(),
      holder: 'another-instance', leaseUntil: new Date(), attempts: 1,
    });
    const before = connector.sent.length;
    expect((await post(body)).status).toBe(200);
    expect(repliesTo(body, before)).toHaveLength(0);
    expect(await RiskModel.countDocuments({ title: 'Taken elsewhere' })).toBe(0);
    const fresh = activity('risk Logged once p=2 i=2 project=APOLLO');
    expect((await post(fresh)).status).toBe(200);
    expect(await RiskModel.findOne({ title: 'Logged once' }).lean()).toMatchObject({ requestKey: `msteams:${TENANT}:a:personal-door-ada:${String(fresh.id)}` });
  });

  it.each([
    // As a query value, { $ne: null } matches whichever tenant's workspace comes first.
    ['a tenant id that is an object', {
      from: { id: '29:mallory', name: 'Mallory' },
      conversation: { id: 'a:obj', conversationType: 'personal', tenantId: { $ne: null } },
      channelData: { tenant: { id: { $ne: null } } },
    }],
    ['two different tenant ids', { conversation: { id: 'a:two', conversationType: 'personal', tenantId: 'tenant-x' }, channelData: { tenant: { id: 'tenant-y' } } }],
    ['a sender id that is an object', { from: { id: { $gt: '' }, name: 'Mallory' } }],
    ['a text that is an object', { text: { $where: 'sleep(1000)' } }],
    ['a channel id that is an object', { channelData: { tenant: { id: TENANT }, channel: { id: { $ne: '' } } } }],
    ['entities that are not a list', { entities: { $gt: '' } }],
    ['a serviceUrl off this machine', { serviceUrl: 'http://10.1.2.3:8080/' }],
    ['a serviceUrl with credentials', { serviceUrl: 'http://user:pw@127.0.0.1:9/' }],
  ])('refuses %s: nothing written, nothing sent', async (_what, extra) => {
    const before = connector.sent.length;
    const people = await PersonModel.countDocuments({});
    const workspaces = await WorkspaceModel.countDocuments({});
    const res = await post(activity('risk Hostile p=1 i=1 project=APOLLO', { id: `hostile-${++seq}`, ...extra }));
    expect(res.status).toBeLessThan(500);
    expect(connector.sent.length).toBe(before);
    expect(await PersonModel.countDocuments({})).toBe(people);
    expect(await WorkspaceModel.countDocuments({})).toBe(workspaces);
    expect(await RiskModel.countDocuments({ title: 'Hostile' })).toBe(0);
    expect(await PersonModel.countDocuments({ platformUserId: '29:mallory' })).toBe(0);
  });
});
