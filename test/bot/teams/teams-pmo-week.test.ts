// Issue 14 over Bot Framework HTTP: `away`, `settings holidays=`, `mine` and `scorecard` as Teams users meet them.
import type { Activity } from 'botbuilder';
import { PersonModel, WorkspaceModel } from '../../../models';
import { checkCard } from '../../cards/card-checker';
import { useTestDatabase } from '../../support/db';
import { useLocalTeamsBot } from '../../support/teams-local-bot';

useTestDatabase();

const teams = useLocalTeamsBot();
const { connector } = teams;
let seq = 0;

interface Where { tenant: string; user: { id: string; name: string } }

function activity(text: string, where: Where): Partial<Activity> {
  return {
    type: 'message',
    id: `act-${++seq}`,
    text,
    channelId: 'msteams',
    serviceUrl: teams.serviceUrl,
    timestamp: new Date().toISOString() as unknown as Date,
    from: { id: where.user.id, name: where.user.name, aadObjectId: `aad-${where.user.id}` },
    recipient: { id: '28:pmo-bot', name: 'PMO' },
    conversation: { id: `a:personal-${where.tenant}-${where.user.id}`, conversationType: 'personal', tenantId: where.tenant } as Activity['conversation'],
    channelData: { tenant: { id: where.tenant } },
  };
}

async function say(text: string, where: Where): Promise<Partial<Activity>[]> {
  const before = connector.sent.length;
  const body = activity(text, where);
  const res = await fetch(`${teams.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBeLessThan(300);
  return connector.sent.slice(before).filter((s) => s.replyToId === body.id || s.conversationId === body.conversation?.id).map((s) => s.activity);
}

const card = (a: Partial<Activity>): unknown => a.attachments?.[0]?.content;
const ADA = { id: '29:ada', name: 'Ada Admin' };
const BOB = { id: '29:bob', name: 'Bob Builder' };

describe('the PMO week on Teams', () => {
  it('records away until a date and back, and holidays set by the PMO admin only', async () => {
    const T: Where = { tenant: 'tenant-week-1', user: ADA };
    const [away] = await say('away until 2030-01-15', T);
    expect(away.text).toBe('You are away through Tue 15 Jan 2030: no reminders or nudges to you until Wed 16 Jan 2030, and your PMs see "(away)" by your items. Type away off when you are back sooner.');
    const workspace = await WorkspaceModel.findOne({ platform: 'teams', externalId: T.tenant }).lean();
    expect(await PersonModel.findOne({ workspaceId: workspace!._id, platformUserId: ADA.id }).lean()).toMatchObject({ awayUntil: '2030-01-15' });
    const [back] = await say('away off', T);
    expect(back.text).toBe('Welcome back: reminders and nudges come to you again.');
    const [holidays] = await say('settings holidays=2030-12-24,2030-12-25', T);
    expect(holidays.text).toBe('Settings updated: holidays 2030-12-24, 2030-12-25.');
    const [refused] = await say('settings holidays=2030-12-31', { ...T, user: BOB });
    expect(JSON.stringify(card(refused))).toContain('Only a PMO admin can change the workspace settings.');
    expect((await WorkspaceModel.findById(workspace!._id).lean())?.holidays).toEqual(['2030-12-24', '2030-12-25']);
  });

  it('answers mine with one valid card, a status update button for the PM, and posts the scorecard for the PMO admin only', async () => {
    const T: Where = { tenant: 'tenant-week-2', user: ADA };
    await say('project add APOLLO "Apollo launch" pm=@{29:ada|Ada Admin}', T);
    const [mine] = await say('mine', T);
    expect(mine.text).toBe('What needs you, Ada Admin: 1 status update missing');
    expect(checkCard(card(mine))).toEqual([]);
    expect(JSON.stringify(card(mine))).toContain('"title":"Update APOLLO","data":{"verb":"pmo.start","command":"status","project":"APOLLO"}');
    const [refused] = await say('scorecard', { ...T, user: BOB });
    expect(JSON.stringify(card(refused))).toContain('Only a PMO admin can post the PMO scorecard.');
  });
});
