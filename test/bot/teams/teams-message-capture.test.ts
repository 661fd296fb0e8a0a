// "Log in PMO register" on a Teams message, at the wire: composeExtension/fetchTask answers with the
// task module (the kind's log form, prefilled from the message); composeExtension/submitAction saves
// through the runner (the item keeps the message's link) and notes the key in the message's thread, or
// answers with the form again saying what is wrong.
import type { Activity } from 'botbuilder';
import { itemModel } from '../../../core/services/item-store';
import { checkCard } from '../../cards/card-checker';
import { useTestDatabase } from '../../support/db';
import { useLocalTeamsBot } from '../../support/teams-local-bot';

useTestDatabase();

const clock = { now: new Date('2026-11-26T10:00:00Z') };
const teams = useLocalTeamsBot(() => clock.now);
const { connector } = teams;
let seq = 0;

const TENANT = 'tenant-capture';
const OTHER_TENANT = 'tenant-capture-other';
const ADA = { id: '29:ada-capture', name: 'Ada Admin' };
const OLA = { id: '29:ola-capture', name: 'Ola Outsider' };
const CHANNEL = '19:apollo-capture@thread.tacv2';
const OTHER_CHANNEL = '19:elsewhere-capture@thread.tacv2';
const LINK = 'https://teams.microsoft.com/l/message/19:apollo-capture@thread.tacv2/1764150000000?groupId=g1';

type Json = Record<string, unknown>;

interface Where {
  user: { id: string; name: string };
  tenant: string;
  channel?: string;
}
const ADA_PERSONAL: Where = { user: ADA, tenant: TENANT };
const ADA_CHANNEL: Where = { user: ADA, tenant: TENANT, channel: CHANNEL };
const OLA_CHANNEL: Where = { user: OLA, tenant: OTHER_TENANT, channel: OTHER_CHANNEL };

function activity(where: Where, extra: Partial<Activity>): Partial<Activity> {
  const conversation = where.channel
    ? { id: `${where.channel};messageid=1764150000000`, conversationType: 'channel', tenantId: where.tenant, isGroup: true }
    : { id: `a:personal-${where.user.id}`, conversationType: 'personal', tenantId: where.tenant };
  return {
    id: `capture-${++seq}`, channelId: 'msteams', serviceUrl: teams.serviceUrl,
    timestamp: clock.now.toISOString() as unknown as Date,
    from: { id: where.user.id, name: where.user.name, aadObjectId: `aad-${where.user.id}` },
    recipient: { id: '28:pmo-bot', name: 'PMO' },
    conversation: conversation as Activity['conversation'],
    channelData: { tenant: { id: where.tenant }, ...(where.channel ? { channel: { id: where.channel }, team: { id: 'team-capture', name: 'Apollo team' } } : {}) },
    ...extra,
  };
}

async function post(body: Partial<Activity>): Promise<Response> {
  return fetch(`${teams.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function say(where: Where, text: string): Promise<string[]> {
  const before = connector.sent.length;
  const res = await post(activity(where, { type: 'message', text }));
  expect(res.status).toBeLessThan(300);
  return connector.sent.slice(before).map((s) => String(s.activity.text ?? ''));
}

/** The message the action is used on, as Teams sends it: HTML, with its author, time and permalink. */
const MESSAGE = {
  id: '1764150000000',
  createdDateTime: '2026-11-26T09:15:00.000Z',
  linkToMessage: LINK,
  from: { user: { id: '29:priya', displayName: 'Priya Shah' } },
  body: {
    contentType: 'html',
    content: '<p>The vendor just told us the API slips <b>two weeks</b> &amp; more</p><p>They blame the &lt;auth&gt; rework.<br>Dana knows the details.</p>',
  },
};

async function invoke(where: Where, name: string, value: Json, id?: string): Promise<{ status: number; body: Json }> {
  const res = await post(activity(where, { type: 'invoke', name, value, ...(id ? { id } : {}) }));
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
}

const fetchTask = (where: Where, payload: Json = MESSAGE) =>
  invoke(where, 'composeExtension/fetchTask', { commandId: 'logInRegister', commandContext: 'message', context: { theme: 'default' }, messagePayload: payload });
const submitAction = (where: Where, data: Json, payload: Json = MESSAGE, id?: string) =>
  invoke(where, 'composeExtension/submitAction', { commandId: 'logInRegister', commandContext: 'message', context: { theme: 'default' }, messagePayload: payload, data }, id);

type Node = Json & { type?: string; id?: string; text?: string; value?: unknown; data?: Json; url?: string; title?: string };
function nodes(value: unknown, found: Node[] = []): Node[] {
  if (Array.isArray(value)) value.forEach((v) => nodes(v, found));
  else if (value && typeof value === 'object') {
    found.push(value as Node);
    Object.values(value).forEach((v) => nodes(v, found));
  }
  return found;
}

/** The task module's card, checked against Adaptive Cards 1.5. */
function taskCard(body: Json): Json {
  expect(body).toMatchObject({ task: { type: 'continue', value: { title: 'Log in PMO register', card: { contentType: 'application/vnd.microsoft.card.adaptive' } } } });
  const card = ((body.task as Json).value as Json & { card: { content: Json } }).card.content;
  expect(checkCard(card)).toEqual([]);
  return card;
}
const inputs = (card: Json): Record<string, Node> => Object.fromEntries(nodes(card).filter((n) => String(n.type).startsWith('Input.')).map((n) => [String(n.id), n]));
const texts = (card: Json): string[] => nodes(card).filter((n) => n.type === 'TextBlock').map((n) => String(n.text));

/** What pressing Save on the card sends: its inputs' values (Teams sends '' for an empty one) and the button's data. */
function saveData(card: Json, changes: Json = {}): Json {
  const values = Object.fromEntries(Object.entries(inputs(card)).map(([id, input]) => [id, input.value === undefined ? '' : String(input.value)]));
  const save = nodes(card).find((n) => n.type === 'Action.Submit' && n.title === 'Save');
  return { ...values, ...changes, ...(save?.data ?? {}) };
}

const risksIn = async (title: string) => itemModel('risk').find({ title }).lean();

beforeAll(async () => {
  expect(await say(ADA_PERSONAL, 'project add APOLLO "Apollo launch"')).toEqual([expect.stringMatching(/^Added project APOLLO/)]);
  expect(await say(ADA_CHANNEL, 'link APOLLO')).toEqual([expect.stringMatching(/APOLLO/)]);
});

describe('Log in PMO register (Teams message action)', () => {
  it('fetchTask opens the task module: a risk form prefilled from the message and the channel\'s project', async () => {
    const before = connector.sent.length;
    const { status, body } = await fetchTask(ADA_CHANNEL);
    expect(status).toBe(200);
    const fields = inputs(taskCard(body));
    expect(fields.logKind).toMatchObject({ type: 'Input.ChoiceSet', value: 'risk' });
    expect((fields.logKind.choices as { value: string }[]).map((c) => c.value)).toEqual(['risk', 'issue', 'decision', 'action']) // the registry's order; a change request is typed;
    expect(fields.title.value).toBe('The vendor just told us the API slips two weeks & more');
    expect(fields.description.value).toBe(
      'The vendor just told us the API slips two weeks & more\nThey blame the <auth> rework.\nDana knows the details.\n\n— Priya Shah, 26 Nov 2026 09:15',
    );
    expect(fields.project.value).toBe('APOLLO');
    // The risk's own fields, from its descriptor: probability and impact are asked, required.
    expect(fields.probability).toMatchObject({ type: 'Input.Number', isRequired: true });
    expect(fields.impact).toMatchObject({ type: 'Input.Number', isRequired: true });
    expect(connector.sent.slice(before)).toEqual([]); // opening the form posts nothing
  });

  it('a bad field (p=9) answers with the task module again, the reason under it and the rest kept; nothing is saved', async () => {
    const card = taskCard((await fetchTask(ADA_CHANNEL)).body);
    const { status, body } = await submitAction(ADA_CHANNEL, saveData(card, { probability: '9', impact: '4' }));
    expect(status).toBe(200);
    const again = taskCard(body);
    const fields = inputs(again);
    expect(fields.title.value).toBe('The vendor just told us the API slips two weeks & more');
    expect(fields.impact.value).toBe(4);
    expect(fields.logKind.value).toBe('risk');
    expect(texts(again)).toEqual(expect.arrayContaining(['Please correct the field marked below.', 'Probability must be a whole number from 1 to 5, got "9"']));
    expect(await risksIn('The vendor just told us the API slips two weeks & more')).toEqual([]);
  });

  it('picking another kind answers with that kind\'s form, what was typed kept, nothing saved', async () => {
    const card = taskCard((await fetchTask(ADA_CHANNEL)).body);
    const { body } = await submitAction(ADA_CHANNEL, saveData(card, { logKind: 'issue', title: 'API slips two weeks' }));
    const issue = taskCard(body);
    const fields = inputs(issue);
    expect(fields.logKind.value).toBe('issue');
    expect(fields.title.value).toBe('API slips two weeks');
    expect(fields.project.value).toBe('APOLLO');
    expect(fields.priority).toMatchObject({ type: 'Input.ChoiceSet' });
    expect(fields.probability).toBeUndefined();
    expect(texts(issue)[1]).toMatch(/^Now an issue/);
    expect(await itemModel('issue').find({ title: 'API slips two weeks' }).lean()).toEqual([]);
  });

  it('submitAction saves the risk with the message as its source, closes the task module and notes it in the thread', async () => {
    const card = taskCard((await fetchTask(ADA_CHANNEL)).body);
    const before = connector.sent.length;
    const { status, body } = await submitAction(ADA_CHANNEL, saveData(card, { probability: '4', impact: '3' }));
    expect(status).toBe(200);
    expect(body).toEqual({});
    const [saved, ...more] = await risksIn('The vendor just told us the API slips two weeks & more');
    expect(more).toEqual([]);
    expect(saved).toMatchObject({ key: 'R-1', projectKey: 'APOLLO', probability: 4, impact: 3, sourceUrl: LINK, sourceAuthor: 'Priya Shah', ownerId: ADA.id });
    expect(saved.description).toMatch(/Dana knows the details\.\n\n— Priya Shah, 26 Nov 2026 09:15$/);

    const notes = connector.sent.slice(before);
    expect(notes).toHaveLength(1);
    expect(notes[0].conversationId).toBe(`${CHANNEL};messageid=1764150000000`);
    const note = notes[0].activity.attachments?.[0]?.content as Json;
    expect(checkCard(note)).toEqual([]);
    expect(texts(note)).toEqual(['Logged as risk R-1 by Ada Admin', 'The vendor just told us the API slips two weeks & more']);
    expect(nodes(note).filter((n) => n.type === 'Action.OpenUrl')).toEqual([{ type: 'Action.OpenUrl', title: 'Open the message', url: LINK }]);

    // Its history says where it came from.
    const shown = (await say(ADA_PERSONAL, 'show R-1')).join('\n');
    expect(shown).toMatch(/R-1/);
    const last = connector.sent[connector.sent.length - 1].activity.attachments?.[0]?.content;
    expect(texts(last as Json).some((t) => t.includes('logged from a message by Priya Shah'))).toBe(true);
  });

  it('a reply in a thread is noted in that thread (the root message), not a new one', async () => {
    const reply = { ...MESSAGE, id: '1764150099999', replyToId: '1764150000000', body: { contentType: 'text', content: 'Build agent is out of disk' } };
    const card = taskCard((await fetchTask(ADA_CHANNEL, reply)).body);
    expect(inputs(card).title.value).toBe('Build agent is out of disk');
    const before = connector.sent.length;
    const { body } = await submitAction(ADA_CHANNEL, saveData(card, { logKind: 'risk', probability: '2', impact: '2' }), reply);
    expect(body).toEqual({});
    expect(connector.sent.slice(before).map((s) => s.conversationId)).toEqual([`${CHANNEL};messageid=1764150000000`]);
  });

  it('logs an action: the action form, saved once even when Teams delivers the submit again', async () => {
    const message = { ...MESSAGE, id: '1764150055555', body: { contentType: 'html', content: '<p>Call the vendor about the slip</p>' } };
    const risk = taskCard((await fetchTask(ADA_CHANNEL, message)).body);
    const action = taskCard((await submitAction(ADA_CHANNEL, saveData(risk, { logKind: 'action' }), message)).body);
    expect(inputs(action).logKind.value).toBe('action');
    expect(inputs(action).title.value).toBe('Call the vendor about the slip');
    const data = saveData(action, { item: 'R-1', due: '2026-12-04' });
    const first = await submitAction(ADA_CHANNEL, data, message, 'capture-retried');
    const again = await submitAction(ADA_CHANNEL, data, message, 'capture-retried');
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(first.body).toEqual({});
    const saved = await itemModel('action').find({ title: 'Call the vendor about the slip' }).lean();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ key: 'A-1', projectKey: 'APOLLO', itemKey: 'R-1', due: '2026-12-04', sourceUrl: LINK });
  });

  it('someone outside the project\'s workspace is refused in the task module: there is no such project for them; nothing is saved', async () => {
    const card = taskCard((await fetchTask(OLA_CHANNEL)).body);
    // Their channel is linked to nothing, so no project is prefilled; they name Apollo's.
    expect(inputs(card).project.value).toBeUndefined();
    const before = connector.sent.length;
    const { status, body } = await submitAction(OLA_CHANNEL, saveData(card, { project: 'APOLLO', probability: '3', impact: '3', title: 'Outsider risk' }));
    expect(status).toBe(200);
    const refused = taskCard(body);
    expect(texts(refused)).toContain('There is no project APOLLO in this workspace');
    expect(inputs(refused).title.value).toBe('Outsider risk');
    expect(await risksIn('Outsider risk')).toEqual([]);
    expect(connector.sent.slice(before)).toEqual([]);
  });

  it('Cancel closes the task module and saves nothing', async () => {
    const card = taskCard((await fetchTask(ADA_CHANNEL)).body);
    const cancel = nodes(card).find((n) => n.type === 'Action.Submit' && n.title === 'Cancel');
    const { status, body } = await submitAction(ADA_CHANNEL, { ...(cancel?.data ?? {}), title: 'Cancelled one' });
    expect(status).toBe(200);
    expect(body).toEqual({});
    expect(await risksIn('Cancelled one')).toEqual([]);
  });

  it('answers hostile or foreign invokes without saving: another command id, a payload of the wrong shapes', async () => {
    const foreign = await invoke(ADA_CHANNEL, 'composeExtension/fetchTask', { commandId: { $ne: 1 }, commandContext: 'message', messagePayload: MESSAGE });
    expect(foreign).toEqual({ status: 200, body: { task: { type: 'message', value: 'This app has no such message action.' } } });
    const shapes = { commandId: 'logInRegister', commandContext: 'message', messagePayload: { body: { contentType: 'html', content: { $gt: '' } }, linkToMessage: ['x'], from: 'me' } };
    const opened = taskCard((await invoke(ADA_CHANNEL, 'composeExtension/fetchTask', shapes)).body);
    expect(inputs(opened).title.value).toBeUndefined();
    const data = { ...saveData(opened), title: { $ne: null }, probability: '3', impact: '3', ['__proto__']: { polluted: true } };
    const refused = taskCard((await invoke(ADA_CHANNEL, 'composeExtension/submitAction', { ...shapes, data })).body);
    expect(texts(refused)).toContain('Title must be text');
    expect(({} as Json).polluted).toBeUndefined();
    expect(await itemModel('risk').countDocuments({ title: { $type: 'object' } })).toBe(0);
  });
});
