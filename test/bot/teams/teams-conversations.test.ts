// The traps a new user hit in Teams, at the wire: a form never swallows the next command (personal
// chat, group chat, a channel with an @mention), and a form left for 30 minutes ends by itself.
import type { Activity } from 'botbuilder';
import { IssueModel, RiskModel } from '../../../models';
import { useTestDatabase } from '../../support/db';
import { useLocalTeamsBot } from '../../support/teams-local-bot';

useTestDatabase();

const clock = { now: new Date('2026-11-26T10:00:00Z') };
const teams = useLocalTeamsBot(() => clock.now);
const { connector } = teams;
let seq = 0;


type Place = 'personal' | 'groupChat' | 'channel';
const TENANT = 'tenant-conversations';
const ADA = { id: '29:ada', name: 'Ada Admin' };
const BOB = { id: '29:bob', name: 'Bob Builder' };

function activity(text: string, place: Place, extra: Partial<Activity> = {}, who = ADA): Partial<Activity> {
  const conversation = {
    personal: { id: `a:personal-${ADA.id}`, conversationType: 'personal', tenantId: TENANT },
    groupChat: { id: '19:group-chat@thread.v2', conversationType: 'groupChat', tenantId: TENANT, isGroup: true },
    channel: { id: '19:apollo@thread.tacv2;messageid=1', conversationType: 'channel', tenantId: TENANT, isGroup: true },
  }[place];
  // Outside a personal chat the bot is @mentioned, as Teams sends it.
  const mention = place === 'personal' ? undefined : { type: 'mention', text: '<at>PMO</at>', mentioned: { id: '28:pmo-bot', name: 'PMO' } };
  return {
    type: 'message',
    id: `act-${++seq}`,
    text: mention && text ? `<at>PMO</at> ${text}` : text,
    channelId: 'msteams',
    serviceUrl: teams.serviceUrl,
    timestamp: clock.now.toISOString() as unknown as Date,
    from: { id: who.id, name: who.name, aadObjectId: `aad-${who.id}` },
    recipient: { id: '28:pmo-bot', name: 'PMO' },
    conversation: conversation as Activity['conversation'],
    ...(mention ? { entities: [mention] } : {}),
    channelData: {
      tenant: { id: TENANT },
      ...(place === 'channel' ? { channel: { id: '19:apollo@thread.tacv2' }, team: { id: 'team-1', name: 'Apollo team' } } : {}),
    },
    ...extra,
  };
}

/** Posts an activity as Teams would; what the bot sent back for it, as text (cards by their text). */
async function say(text: string, place: Place, extra: Partial<Activity> = {}, who = ADA): Promise<string[]> {
  const before = connector.sent.length;
  const body = activity(text, place, extra, who);
  const res = await fetch(`${teams.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBeLessThan(300);
  return connector.sent.slice(before).filter((s) => s.conversationId === body.conversation?.id).map((s) => replyText(s.activity));
}

/** A reply as a person reads it: its text, or a form card's heading. */
function replyText(a: Partial<Activity>): string {
  if (a.text) return a.text;
  const body = (a.attachments?.[0]?.content as { body?: { text?: string }[] } | undefined)?.body ?? [];
  return body.map((b) => b.text).filter(Boolean).join(' | ');
}

beforeAll(async () => {
  expect((await say('project add APOLLO "Apollo launch"', 'personal'))[0]).toBe('Added project APOLLO "Apollo launch". Type link APOLLO in its channel so project= defaults to it there.');
});

describe.each<Place>(['personal', 'groupChat', 'channel'])('in a %s', (place) => {
  it('list risks while the risk form waits runs the list, and the form ends with one line', async () => {
    const asked = await say('risk', place);
    expect(asked.join(' ')).toMatch(/What is the risk\?/);
    const lines = await say('list risks', place);
    expect(lines[0]).toBe('Left the risk you were logging; nothing was saved.');
    expect(lines.slice(1).join(' ')).toMatch(/risks?/i);
    expect(lines.join(' ')).not.toMatch(/What is the risk|likely/i);
    // The form is gone: the next message is a command of its own, not an answer.
    const next = await say('list risks', place);
    expect(next[0]).not.toMatch(/^Left /);
  });

  it('a whole inline issue typed at the probability step is saved, and no risk is', async () => {
    const risksBefore = await RiskModel.countDocuments({});
    await say('risk', place);
    expect((await say('Printer smoke', place)).join(' ')).toMatch(/likely/i);
    const title = `Printer on fire in ${place}`;
    const lines = await say(`issue ${title} priority=high project=APOLLO`, place);
    expect(lines[0]).toBe('Left the risk you were logging; nothing was saved.');
    expect(lines[1]).toMatch(new RegExp(`^Saved I-\\d+ ${title}$`));
    expect(await IssueModel.findOne({ title }).lean()).toMatchObject({ priority: 'high', projectKey: 'APOLLO' });
    expect(await RiskModel.countDocuments({})).toBe(risksBefore);
  });

  it('a form left for 30 minutes ends by itself; the next message starts afresh', async () => {
    await say('risk', place);
    clock.now = new Date(clock.now.getTime() + 31 * 60_000);
    const lines = await say('4', place);
    expect(lines[0]).toMatch(/^The risk you were logging waited over 30 minutes without an answer, so the form ended; nothing was saved\.$/);
    expect(lines[1]).toMatch(/I don't know the command "4"/);
    expect((await say('list risks', place))[0]).not.toMatch(/^Left /);
  });
});

describe.each<Place>(['groupChat', 'channel'])('two people in one %s', (place) => {
  it("each has their own form: one person's message never answers or ends another's", async () => {
    expect((await say('risk', place)).join(' ')).toMatch(/What is the risk\?/);
    // Bob's command is his own: it does not end Ada's form, and says nothing about it.
    const bobs = await say('list risks', place, {}, BOB);
    expect(bobs.join(' ')).not.toMatch(/Left the risk/);
    // Bob's bare answer-like text is no answer to Ada's question.
    expect((await say('Printer smoke', place, {}, BOB))[0]).toMatch(/I don't know the command/);
    // Ada's form still waits for her title.
    expect((await say('Vendor API may slip', place)).join(' ')).toMatch(/likely/i);
    expect(await say('cancel', place)).toEqual(['Cancelled — nothing was saved.']);
  });
});

describe('old cards', () => {
  /** The last reply's card, and the data of its button titled `title`. */
  async function press(text: string, value?: Record<string, unknown>): Promise<Partial<Activity>[]> {
    const before = connector.sent.length;
    await say(text, 'personal', value ? { value } : {});
    return connector.sent.slice(before).map((s) => s.activity);
  }
  const card = (replies: Partial<Activity>[]): Record<string, unknown> => {
    const found = replies.find((a) => a.attachments?.[0]?.contentType === 'application/vnd.microsoft.card.adaptive');
    if (!found) throw new Error(`no card in ${JSON.stringify(replies.map((r) => r.text))}`);
    return found.attachments![0].content as Record<string, unknown>;
  };
  const buttonData = (content: Record<string, unknown>, title: string): Record<string, unknown> => {
    const found = JSON.stringify(content).match(new RegExp(`"title":"${title}","data":(\\{[^}]*\\})`)) ?? JSON.stringify(content).match(new RegExp(`"data":(\\{[^}]*\\})[^{}]*"title":"${title}"`));
    if (!found) throw new Error(`no ${title} button in ${JSON.stringify(content).slice(0, 300)}`);
    return JSON.parse(found[1]) as Record<string, unknown>;
  };

  it("an old Update card saved while another item's Update form waits changes neither item", async () => {
    const one = card(await press('risk Old card one p=4 i=5 project=APOLLO mitigation="Second supplier"'));
    const two = card(await press('risk Old card two p=2 i=3 project=APOLLO due=2026-12-20'));
    const keyOf = (content: Record<string, unknown>) => /"(R-\d+) Old card (one|two)"/.exec(JSON.stringify(content))?.[1];
    const [k1, k2] = [keyOf(one), keyOf(two)];
    const formOne = card(await press('', buttonData(one, 'Update')));
    await press('', buttonData(two, 'Update')); // R-2's form now waits; R-1's was left
    const submitOne = { ...buttonData(formOne, 'Save'), title: 'Renamed from an old card', probability: 4, impact: 5 };
    const replies = await press('', submitOne);
    expect(replies.map((r) => r.text)).toEqual([expect.stringMatching(/^That card belongs to a form that is no longer open, so it did nothing; your risk form is still waiting/)]);
    expect(await RiskModel.findOne({ key: k1, title: 'Old card one' }).lean()).not.toBeNull();
    expect(await RiskModel.findOne({ key: k2 }).lean()).toMatchObject({ title: 'Old card two', due: '2026-12-20', probability: 2 });
    await press('cancel');
  });
});
