// What one Teams turn asks of the database once the conversation is known, command by command
// (the bench counts the same, bench/teams.ts): the workspace, the person and the conversation
// reference are written only when they change, the people are read once per form, and an item
// the actor logs and owns is named without reading anyone.
import type { Activity } from 'botbuilder';
import { ConnectorStub } from '../../support/connector-stub';
import { useTestDatabase } from '../../support/db';
import { startLocalTeamsBot, type LocalTeamsBot } from '../../support/teams-local-bot';
import { monitorRoundTrips, summary, type RoundTrips } from '../../jobs/round-trips';

useTestDatabase();

const connector = new ConnectorStub();
const TENANT = 'tenant-round-trips';
let serviceUrl: string;
let bot: LocalTeamsBot;
let wire: RoundTrips;
let seq = 0;

beforeAll(async () => {
  wire = await monitorRoundTrips();
  serviceUrl = await connector.start();
  bot = await startLocalTeamsBot();
  await say('project add RT "Round trips"', 'admin');
  await say('help', 'rt');
});
afterAll(async () => {
  await bot.close();
  await connector.stop();
});

function activity(text: string, user: string, extra: Partial<Activity> = {}): Partial<Activity> {
  return {
    type: 'message',
    id: `rt-${++seq}`,
    text,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString() as unknown as Date,
    from: { id: `29:${user}`, name: `User ${user}`, aadObjectId: `aad-${user}` },
    recipient: { id: '28:pmo-bot', name: 'PMO' },
    conversation: { id: `a:${TENANT}-${user}`, conversationType: 'personal', tenantId: TENANT } as Activity['conversation'],
    channelData: { tenant: { id: TENANT } },
    ...extra,
  };
}

/** Posts a message as Teams would and returns the replies' text and card. */
async function say(text: string, user: string, extra: Partial<Activity> = {}): Promise<string> {
  const before = connector.sent.length;
  const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity(text, user, extra)) });
  expect(res.status).toBeLessThan(300);
  return connector.sent.slice(before).map((s) => `${s.activity.text ?? ''}${JSON.stringify(s.activity.attachments ?? [])}`).join('\n');
}

async function commandsOf(text: string, extra: Partial<Activity> = {}): Promise<{ reply: string; commands: string[] }> {
  const { result, commands } = await wire.during(() => say(text, 'rt', extra));
  return { reply: result, commands: summary(commands) };
}

describe('one Teams turn in a known conversation', () => {
  it('an inline risk the actor owns: the request, the dialog state, the project and the risk (its creation is its own record); no people', async () => {
    await say('risk Warm-up risk p=3 i=4 project=RT', 'rt');
    const { reply, commands } = await commandsOf('risk Counted risk p=3 i=4 project=RT');
    expect(reply).toContain('Counted risk');
    expect(reply).toContain('User rt');
    expect(commands).toEqual(['find bot_states', 'find projects', 'insert inbound_requests', 'insert risks']);
  });

  it('a bare risk looks up the channel project once and reads the people once; the next step reads neither', async () => {
    const start = await commandsOf('risk');
    expect(start.reply).toContain('User admin');
    expect(start.commands).toEqual(['find bot_states', 'find people', 'find projects', 'insert inbound_requests', 'update bot_states']);
    const step = await commandsOf('Guided risk');
    // The card still lists the people, from the form's state.
    expect(step.reply).toContain('User admin');
    expect(step.commands).toEqual(['find bot_states', 'insert inbound_requests', 'update bot_states']);
    await say('cancel', 'rt');
  });

  it('an item someone else owns reads their name', async () => {
    const mention = { type: 'mention', text: '<at>User admin</at>', mentioned: { id: '29:admin', name: 'User admin' } };
    const { reply, commands } = await commandsOf('risk Owned elsewhere p=2 i=2 project=RT owner=<at>User admin</at>', { entities: [mention] });
    expect(reply).toContain('User admin');
    expect(commands).toContain('find people');
  });
});
