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

const ASK_CHANGE_TITLE = 'What change is requested? Give it a short title.';
const ADDED_APOLLO = 'Added project APOLLO "Apollo launch". Type link APOLLO in its channel so project= defaults to it there.';

let tenants = 0;
/** A tenant of its own for each test, so each one runs alone (`-t`) or in any order. */
function newTenant(user?: Where['user']): Where {
  return { tenant: `tenant-${++tenants}`, ...(user ? { user } : {}) };
}

/** The tenant's workspace, created by its first activity. */
async function workspaceIdOf(where: Where) {
  const workspace = await WorkspaceModel.findOne({ platform: 'teams', externalId: where.tenant }).lean();
  return workspace!._id;
}

/** What most tests start from: project APOLLO and Ada's risk R-1 in `where`'s tenant (Ada is its first person, so its admin). */
async function apolloWithRisk(where: Where): Promise<void> {
  const [setup] = await say('project add APOLLO "Apollo launch"', where);
  expect(setup.text).toBe(ADDED_APOLLO);
  const [saved] = await say('risk Vendor API may slip p=4 i=5 due=2026-12-04 project=APOLLO', where);
  expect(saved.text).toBe('Saved R-1 Vendor API may slip');
}

describe('Teams over Bot Framework HTTP', () => {
  it('sets up a project and logs an inline risk, confirmed with its key and a card', async () => {
    const T1 = newTenant();
    const [setup] = await say('project add APOLLO "Apollo launch"', T1);
    expect(setup.text).toBe(ADDED_APOLLO);
    const [saved] = await say('risk Vendor API may slip p=4 i=5 due=2026-12-04 project=APOLLO', T1);
    expect(saved.text).toBe('Saved R-1 Vendor API may slip');
    expect(saved.attachments?.[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(saved)).toContain('R-1 Vendor API may slip');
    const risk = await RiskModel.findOne({ workspaceId: await workspaceIdOf(T1), key: 'R-1' }).lean();
    expect(risk).toMatchObject({ title: 'Vendor API may slip', probability: 4, impact: 5, score: 20, due: '2026-12-04', ownerId: '29:ada' });
  });

  it('works in a team channel with the @mention stripped, and project= defaults to the linked channel', async () => {
    const T1 = newTenant();
    await say('project add APOLLO "Apollo launch"', T1);
    const channel: Where = { tenant: T1.tenant, channel: '19:apollo@thread.tacv2' };
    const mention = { type: 'mention', text: '<at>PMO</at>', mentioned: { id: '28:pmo-bot', name: 'PMO' } };
    const [linked] = await say('<at>PMO</at> link APOLLO', channel, { entities: [mention] });
    expect(linked.text).toBe('Linked this channel to APOLLO (Apollo launch): project= defaults to APOLLO here.');
    const [saved] = await say('<at>PMO</at> issue Build server down priority=high', channel, { entities: [mention] });
    expect(saved.text).toBe('Saved I-1 Build server down');
    expect(await IssueModel.findOne({ workspaceId: await workspaceIdOf(T1), key: 'I-1' }).lean()).toMatchObject({ projectKey: 'APOLLO', priority: 'high' });
  });

  it('lists, shows, updates, closes and escalates with history', async () => {
    const T1 = newTenant();
    await apolloWithRisk(T1);
    const [list] = await say('list risks', T1);
    expect(list.text).toBe('1 risk');
    expect(cardText(list)).toContain('Vendor API may slip');
    const [updated] = await say('update R-1 p=2', T1);
    expect(updated.text).toBe('Updated R-1 Vendor API may slip');
    const [shown] = await say('show R-1', T1);
    expect(cardText(shown)).toMatch(/Probability/);
    expect(cardText(shown)).toMatch(/4 → 2/);
    const [escalated] = await say('escalate R-1', T1);
    expect(escalated.text).toBe('Escalated I-1 Vendor API may slip');
    const [closed] = await say('close I-1 Vendor delivered', T1);
    expect(closed.text).toBe('Closed I-1 Vendor API may slip');
    expect(await IssueModel.findOne({ workspaceId: await workspaceIdOf(T1), key: 'I-1' }).lean()).toMatchObject({ escalatedFrom: 'R-1', status: 'closed' });
  });

  it('guides a bare command across requests, keeping the dialog in the database', async () => {
    const T1 = newTenant();
    await say('project add APOLLO "Apollo launch"', T1);
    const [ask] = await say('change', T1);
    expect(ask.text).toBe(ASK_CHANGE_TITLE);
    await say('Move launch by a week', T1);
    const replies = await say('APOLLO', T1);
    const last = replies[replies.length - 1];
    expect(last.text).toBe('Save this change?');
    const [saved] = await say('save', T1);
    expect(saved.text).toBe('Saved C-1 Move launch by a week');
  });

  it('refuses a member who is neither owner, PM nor admin, saying who may', async () => {
    const T1 = newTenant();
    await apolloWithRisk(T1);
    const bob = { id: '29:bob', name: 'Bob Member' };
    const [refused] = await say('close R-1', { tenant: T1.tenant, user: bob });
    expect(`${refused.text} ${cardText(refused)}`).toMatch(/Only .* can close R-1/);
  });

  it('gives a second tenant none of the first tenant’s data', async () => {
    const first = newTenant();
    await apolloWithRisk(first);
    const other = newTenant({ id: '29:eve', name: 'Eve' });
    const [shown] = await say('show R-1', other);
    expect(shown.text).toMatch(/^There is no R-1 in this workspace\./);
    expect((await workspaceIdOf(other)).toString()).not.toBe((await workspaceIdOf(first)).toString());
    expect(await RiskModel.countDocuments({ workspaceId: await workspaceIdOf(other) })).toBe(0);
  });

  it('refuses requests without a valid Bot Framework token when MicrosoftAppId is set', async () => {
    const secured = await startLocalTeamsBot({ MicrosoftAppId: '0b1d2c3e-4f50-4a6b-8c7d-9e0f1a2b3c4d', MicrosoftAppPassword: 'pw' });
    try {
      const res = await fetch(`${secured.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity('help', newTenant())),
      });
      expect(res.status).toBe(401);
    } finally {
      await secured.close();
    }
  });

  it('stores the conversation reference and welcomes on installation', async () => {
    const where = newTenant();
    const before = connector.sent.length;
    await fetch(`${botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...activity('', where), type: 'installationUpdate', action: 'add', text: undefined }),
    });
    const sent = connector.sent.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0].activity.text).toMatch(/PMO Assistant/);
    const workspaceId = await workspaceIdOf(where);
    expect(await ConversationRefModel.countDocuments({ workspaceId })).toBe(1);
    // The installer is the tenant's first PMO admin; someone who installs it later is not.
    expect(await PersonModel.findOne({ workspaceId, platformUserId: '29:ada' }).lean()).toMatchObject({ role: 'pmo_admin' });
    await fetch(`${botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...activity('', { tenant: where.tenant, user: { id: '29:late', name: 'Late Larry' } }),
        type: 'installationUpdate',
        action: 'add',
        text: undefined,
      }),
    });
    expect(await PersonModel.findOne({ workspaceId, platformUserId: '29:late' }).lean()).toMatchObject({ role: 'member' });
  });
});
