import type { Activity } from 'botbuilder';
import { ConversationRefModel, IssueModel, PersonModel, RiskModel, WorkspaceModel } from '../../../models';
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

interface Where {
  tenant: string;
  user?: { id: string; name: string };
  channel?: string; // a team channel id; otherwise a personal chat
}

function activity(text: string, where: Where, extra: Partial<Activity> = {}): Partial<Activity> {
  const user = where.user ?? { id: '29:ada', name: 'Ada Admin' };
  const conversation = where.channel
    ? { id: `${where.channel};messageid=1`, conversationType: 'channel', tenantId: where.tenant, isGroup: true }
    : { id: `a:personal-${where.tenant}-${user.id}`, conversationType: 'personal', tenantId: where.tenant };
  return {
    type: 'message',
    id: `act-${++seq}`,
    text,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString() as unknown as Date,
    from: { id: user.id, name: user.name, aadObjectId: `aad-${user.id}` },
    recipient: { id: '28:pmo-bot', name: 'PMO' },
    conversation: conversation as Activity['conversation'],
    channelData: { tenant: { id: where.tenant }, ...(where.channel ? { channel: { id: where.channel }, team: { id: 'team-1', name: 'Apollo team' } } : {}) },
    ...extra,
  };
}

/** Posts an activity as Teams would and returns what the bot sent back for it. */
async function say(text: string, where: Where, extra: Partial<Activity> = {}, url = botUrl): Promise<Partial<Activity>[]> {
  const before = connector.sent.length;
  const body = activity(text, where, extra);
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBeLessThan(300);
  return connector.sent.slice(before).filter((s) => s.replyToId === body.id || s.conversationId === body.conversation?.id).map((s) => s.activity);
}

const cardText = (a: Partial<Activity>): string => JSON.stringify(a.attachments?.[0]?.content ?? {});

describe('Teams over Bot Framework HTTP', () => {
  const T1: Where = { tenant: 'tenant-one' };

  it('sets up a project and logs an inline risk, confirmed with its key and a card', async () => {
    const [setup] = await say('project add APOLLO "Apollo launch"', T1);
    expect(setup.text).toMatch(/APOLLO/);
    const [saved] = await say('risk Vendor API may slip p=4 i=5 due=2026-12-04 project=APOLLO', T1);
    expect(saved.text).toBe('Saved R-1 Vendor API may slip');
    expect(saved.attachments?.[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(saved)).toContain('R-1 Vendor API may slip');
    const risk = await RiskModel.findOne({ key: 'R-1' }).lean();
    expect(risk).toMatchObject({ title: 'Vendor API may slip', probability: 4, impact: 5, score: 20, due: '2026-12-04', ownerId: '29:ada' });
  });

  it('works in a team channel with the @mention stripped, and project= defaults to the linked channel', async () => {
    const channel: Where = { tenant: 'tenant-one', channel: '19:apollo@thread.tacv2' };
    const mention = { type: 'mention', text: '<at>PMO</at>', mentioned: { id: '28:pmo-bot', name: 'PMO' } };
    const [linked] = await say('<at>PMO</at> link APOLLO', channel, { entities: [mention] });
    expect(linked.text).toMatch(/APOLLO/);
    const [saved] = await say('<at>PMO</at> issue Build server down priority=high', channel, { entities: [mention] });
    expect(saved.text).toBe('Saved I-1 Build server down');
    expect(await IssueModel.findOne({ key: 'I-1' }).lean()).toMatchObject({ projectKey: 'APOLLO', priority: 'high' });
  });

  it('lists, shows, updates, closes and escalates with history', async () => {
    const [list] = await say('list risks', T1);
    expect(list.text).toBe('1 risk');
    expect(cardText(list)).toContain('Vendor API may slip');
    const [updated] = await say('update R-1 p=2', T1);
    expect(updated.text).toMatch(/^Updated R-1/);
    const [shown] = await say('show R-1', T1);
    expect(cardText(shown)).toMatch(/Probability/);
    expect(cardText(shown)).toMatch(/4 → 2/);
    const [escalated] = await say('escalate R-1', T1);
    expect(escalated.text).toMatch(/I-2/);
    const [closed] = await say('close I-2 Vendor delivered', T1);
    expect(closed.text).toMatch(/^Closed I-2/);
    expect(await IssueModel.findOne({ key: 'I-2' }).lean()).toMatchObject({ escalatedFrom: 'R-1', status: 'closed' });
  });

  it('guides a bare command across requests, keeping the dialog in the database', async () => {
    const [ask] = await say('change', T1);
    expect(ask.text).toBeTruthy();
    await say('Move launch by a week', T1);
    const replies = await say('APOLLO', T1);
    const last = replies[replies.length - 1];
    expect(last.text ?? '').toMatch(/Save|save/);
    const [saved] = await say('save', T1);
    expect(saved.text).toBe('Saved C-1 Move launch by a week');
  });

  it('refuses a member who is neither owner, PM nor admin, saying who may', async () => {
    const bob = { id: '29:bob', name: 'Bob Member' };
    const [refused] = await say('close R-1', { tenant: 'tenant-one', user: bob });
    expect(`${refused.text} ${cardText(refused)}`).toMatch(/Only .* can close R-1/);
  });

  it('gives a second tenant none of the first tenant’s data', async () => {
    const other: Where = { tenant: 'tenant-two', user: { id: '29:eve', name: 'Eve' } };
    const [shown] = await say('show R-1', other);
    expect(shown.text).toMatch(/^There is no R-1 in this workspace\./);
    expect(await WorkspaceModel.countDocuments({ platform: 'teams' })).toBe(2);
  });

  it('refuses requests without a valid Bot Framework token when MicrosoftAppId is set', async () => {
    const secured = await startLocalTeamsBot({ MicrosoftAppId: '0b1d2c3e-4f50-4a6b-8c7d-9e0f1a2b3c4d', MicrosoftAppPassword: 'pw' });
    try {
      const res = await fetch(`${secured.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity('help', T1)),
      });
      expect(res.status).toBe(401);
    } finally {
      await secured.close();
    }
  });

  it('stores the conversation reference and welcomes on installation', async () => {
    const before = connector.sent.length;
    await fetch(`${botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...activity('', { tenant: 'tenant-three' }), type: 'installationUpdate', action: 'add', text: undefined }),
    });
    const sent = connector.sent.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0].activity.text).toMatch(/PMO Assistant/);
    const workspace = await WorkspaceModel.findOne({ platform: 'teams', externalId: 'tenant-three' }).lean();
    expect(await ConversationRefModel.countDocuments({ workspaceId: workspace!._id })).toBe(1);
    // The installer is the tenant's first PMO admin; someone who installs it later is not.
    expect(await PersonModel.findOne({ workspaceId: workspace!._id, platformUserId: '29:ada' }).lean()).toMatchObject({ role: 'pmo_admin' });
    await fetch(`${botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...activity('', { tenant: 'tenant-three', user: { id: '29:late', name: 'Late Larry' } }),
        type: 'installationUpdate',
        action: 'add',
        text: undefined,
      }),
    });
    expect(await PersonModel.findOne({ workspaceId: workspace!._id, platformUserId: '29:late' }).lean()).toMatchObject({ role: 'member' });
  });
});
