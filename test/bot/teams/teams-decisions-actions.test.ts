// The RAID log at the Teams door: decisions and actions logged inline, listed, shown on the item they
// concern, closed, and escalate I-n giving a change request, all as activities posted to /api/messages.
import type { Activity } from 'botbuilder';
import { useTestDatabase } from '../../support/db';
import { useLocalTeamsBot } from '../../support/teams-local-bot';

useTestDatabase();

const clock = { now: new Date('2026-11-26T10:00:00Z') };
const teams = useLocalTeamsBot(() => clock.now);
const { connector } = teams;
let seq = 0;

const TENANT = 'tenant-raid';
const ADA = { id: '29:ada-raid', name: 'Ada Admin' };
const CONVERSATION = { id: `a:personal-${ADA.id}`, conversationType: 'personal', tenantId: TENANT };


/** Posts a personal-chat message as Teams would; the bot's replies, whole. */
async function post(text: string): Promise<Partial<Activity>[]> {
  const before = connector.sent.length;
  const body: Partial<Activity> = {
    type: 'message', id: `raid-${++seq}`, text, channelId: 'msteams', serviceUrl: teams.serviceUrl,
    timestamp: clock.now.toISOString() as unknown as Date,
    from: { id: ADA.id, name: ADA.name, aadObjectId: 'aad-ada-raid' },
    recipient: { id: '28:pmo-bot', name: 'PMO' },
    conversation: CONVERSATION as Activity['conversation'],
    channelData: { tenant: { id: TENANT } },
  };
  const res = await fetch(`${teams.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBeLessThan(300);
  return connector.sent.slice(before).filter((s) => s.conversationId === CONVERSATION.id).map((s) => s.activity);
}

type Node = { type?: string; text?: string; title?: string; value?: string; facts?: { title: string; value: string }[]; [k: string]: unknown };
const card = (a: Partial<Activity>): Node => (a.attachments?.[0]?.content ?? {}) as Node;
function walk(node: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(node)) node.forEach((n) => walk(n, out));
  else if (node && typeof node === 'object') {
    out.push(node as Node);
    Object.values(node).forEach((v) => walk(v, out));
  }
  return out;
}
/** A card's facts by title. */
const factsOf = (a: Partial<Activity>): Record<string, string> =>
  Object.fromEntries(walk(card(a)).flatMap((n) => (n.type === 'FactSet' ? (n.facts ?? []) : [])).map((f) => [f.title, f.value]));
const textsOf = (a: Partial<Activity>): string[] => walk(card(a)).filter((n) => n.type === 'TextBlock').map((n) => String(n.text));
const buttonsOf = (a: Partial<Activity>): string[] => ((card(a).actions ?? []) as Node[]).map((n) => String(n.title));

async function one(text: string): Promise<Partial<Activity>> {
  const replies = await post(text);
  expect(replies).toHaveLength(1);
  return replies[0];
}

beforeAll(async () => {
  expect((await one('project add APOLLO "Apollo launch"')).text).toBe('Added project APOLLO "Apollo launch". Type link APOLLO in its channel so project= defaults to it there.');
  expect((await one('risk Vendor API may slip p=4 i=5 project=APOLLO')).text).toBe('Saved R-1 Vendor API may slip');
});

describe('decisions and actions in Teams', () => {
  it('logs a decision inline, with its card', async () => {
    const saved = await one('decision Use vendor B outcome="Switch to vendor B" rationale="Vendor A cannot commit" item=R-1 project=APOLLO');
    expect(saved.text).toBe('Saved D-1 Use vendor B');
    expect(factsOf(saved)).toMatchObject({ Project: 'APOLLO', Status: 'Proposed', Concerns: 'R-1' });
    expect(textsOf(saved)).toEqual(expect.arrayContaining(['Switch to vendor B', 'Vendor A cannot commit']));
    expect(buttonsOf(saved)).toEqual(['Update', 'Close']);
  });

  it('logs an action inline, due friday, serving R-1', async () => {
    const saved = await one('action Call the vendor owner=me due=friday item=R-1');
    expect(saved.text).toBe('Saved A-1 Call the vendor');
    expect(factsOf(saved)).toMatchObject({ Project: 'APOLLO', Status: 'Open', Owner: 'Ada Admin', Due: '2026-11-27', Serves: 'R-1' });
  });

  it('lists decisions and actions', async () => {
    const decisions = await one('list decisions');
    expect(walk(card(decisions)).some((n) => typeof n.text === 'string' && n.text.includes('D-1'))).toBe(true);
    const actions = await one('list actions');
    expect(walk(card(actions)).some((n) => typeof n.text === 'string' && n.text.includes('A-1'))).toBe(true);
  });

  it('show R-1 lists the actions and decisions that concern it', async () => {
    const shown = await one('show R-1');
    expect(factsOf(shown)).toMatchObject({ Actions: 'A-1 Call the vendor (Open)', Decisions: 'D-1 Use vendor B (Proposed)' });
  });

  it('close A-1 marks the action done', async () => {
    const closed = await one('close A-1');
    expect(closed.text).toBe('Closed A-1 Call the vendor');
    expect(factsOf(closed)).toMatchObject({ Status: 'Done' });
    expect(factsOf(await one('show R-1'))).toMatchObject({ Actions: 'A-1 Call the vendor (Done)' });
  });

  it('escalate I-1 raises a change request linked both ways', async () => {
    expect((await one('issue Reporting misses VAT priority=high project=APOLLO')).text).toBe('Saved I-1 Reporting misses VAT');
    const escalated = await one('escalate I-1');
    expect(escalated.text).toBe('Escalated C-1 Reporting misses VAT');
    expect(factsOf(escalated)).toMatchObject({ 'Raised from': 'I-1', Decision: 'Pending' });
    // The escalator is a PMO admin, so the pending change offers them its decision too.
    expect(buttonsOf(escalated)).toEqual(['Approve', 'Reject', 'Update', 'Close', 'Open I-1']);
    const issue = await one('show I-1');
    expect(factsOf(issue)).toMatchObject({ 'Escalated to': 'C-1', Status: 'Open' });
    expect(textsOf(issue).some((t) => t.endsWith('escalated to C-1'))).toBe(true);
    expect(textsOf(await one('show C-1')).some((t) => t.endsWith('raised from I-1'))).toBe(true);
    expect((await one('escalate I-1')).text).toBe('I-1 was already escalated to C-1.');
  });
});
