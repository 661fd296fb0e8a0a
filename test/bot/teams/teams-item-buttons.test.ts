// The buttons on a saved item's card, pressed as Teams sends an Action.Submit to /api/messages: Close runs `close KEY`.
import type { Activity } from 'botbuilder';
import type { AdaptiveCard } from '../../../cards';
import { getItem } from '../../../core/services';
import { RiskModel, WorkspaceModel } from '../../../models';
import { ConnectorStub } from '../../support/connector-stub';
import { useTestDatabase } from '../../support/db';
import { startLocalTeamsBot, type LocalTeamsBot } from '../../support/teams-local-bot';

useTestDatabase();

const connector = new ConnectorStub();
const TENANT = 'tenant-buttons';
const ADA = { id: '29:ada', name: 'Ada Admin' };
const JANE = { id: '29:jane', name: 'Jane Owner' };
const BOB = { id: '29:bob', name: 'Bob Member' };
let serviceUrl: string;
let bot: LocalTeamsBot;
let seq = 0;

beforeAll(async () => {
  serviceUrl = await connector.start();
  bot = await startLocalTeamsBot();
});
afterAll(async () => {
  await bot.close();
  await connector.stop();
});

/** Posts a message (or, with `value`, a card's Action.Submit) from `user`'s personal chat; returns the bot's replies. */
async function send(user: { id: string; name: string }, text: string | undefined, value?: unknown): Promise<Partial<Activity>[]> {
  const body: Partial<Activity> = {
    type: 'message',
    id: `btn-${++seq}`,
    ...(text !== undefined ? { text } : {}),
    ...(value !== undefined ? { value } : {}),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString() as unknown as Date,
    from: { id: user.id, name: user.name, aadObjectId: `aad-${user.id}` },
    recipient: { id: '28:pmo-bot', name: 'PMO' },
    conversation: { id: `a:personal-${TENANT}-${user.id}`, conversationType: 'personal', tenantId: TENANT } as Activity['conversation'],
    channelData: { tenant: { id: TENANT } },
  };
  const before = connector.sent.length;
  const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBeLessThan(300);
  return connector.sent.slice(before).filter((s) => s.conversationId === body.conversation?.id).map((s) => s.activity);
}

const cardOf = (reply: Partial<Activity>): AdaptiveCard => reply.attachments?.[0]?.content as AdaptiveCard;
/** The data of the card's button titled `title`: what Teams posts back when it is pressed. */
function buttonData(reply: Partial<Activity>, title: string): unknown {
  const action = (cardOf(reply).actions ?? []).find((a) => a.title === title);
  if (!action) throw new Error(`no ${title} button on ${JSON.stringify(cardOf(reply).actions ?? [])}`);
  return action.data;
}

describe('Teams: the Close button on a saved risk’s card', () => {
  let saved: Partial<Activity>;

  beforeAll(async () => {
    await send(ADA, 'project add APOLLO "Apollo launch"');
    [saved] = await send(JANE, 'risk Vendor API may slip p=4 i=5 project=APOLLO');
    expect(saved.text).toBe('Saved R-1 Vendor API may slip');
  });

  it('the owner’s card offers Update, Close and Escalate', () => {
    expect((cardOf(saved).actions ?? []).map((a) => a.title)).toEqual(['Update', 'Close', 'Escalate']);
  });

  it('pressed by a member who may not, is refused as `close R-1` would be, and nothing changes', async () => {
    const [refused] = await send(BOB, undefined, buttonData(saved, 'Close'));
    expect(refused.text).toBe('Only the owner (Jane Owner) or a PMO admin can close R-1.');
    expect(await RiskModel.findOne({ key: 'R-1' }).lean()).toMatchObject({ status: 'open' });
  });

  it('pressed by the owner, closes the risk with history; the reply card has no Close; pressed again, says so', async () => {
    const [closed] = await send(JANE, undefined, buttonData(saved, 'Close'));
    expect(closed.text).toBe('Closed R-1 Vendor API may slip');
    expect((cardOf(closed).actions ?? []).map((a) => a.title)).toEqual(['Update']);
    const workspace = await WorkspaceModel.findOne({ platform: 'teams', externalId: TENANT }).lean();
    const { item, history } = await getItem(workspace!._id, 'R-1');
    expect(item.status).toBe('closed');
    expect(history.at(-1)).toMatchObject({ action: 'closed', byId: '29:jane', from: 'open', to: 'closed' });

    const [again] = await send(JANE, undefined, buttonData(saved, 'Close'));
    expect(again.text).toBe('R-1 is already closed; there is nothing to close.');
  });
});
