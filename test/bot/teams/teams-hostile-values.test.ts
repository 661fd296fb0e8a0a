// Hostile values at the Teams door: card submits carrying operators, prototype keys, arrays and
// numbers where text belongs; titles and names carrying controls and bidi overrides; `digest` by a member.
import type { Activity } from 'botbuilder';
import { IssueModel, PersonModel, RiskModel } from '../../../models';
import { ConnectorStub } from '../../support/connector-stub';
import { useTestDatabase } from '../../support/db';
import { startLocalTeamsBot, type LocalTeamsBot } from '../../support/teams-local-bot';

useTestDatabase();

const connector = new ConnectorStub();
let serviceUrl: string;
let bot: LocalTeamsBot;
let botUrl: string;
let seq = 0;

const TENANT = 'tenant-hostile';
const ADA = { id: '29:ada', name: 'Ada Admin' };
const BOB = { id: '29:bob', name: 'Bob Member' };
// Each test talks in a personal chat of its own, so a dialog one leaves open cannot answer for another.
const CARL = { id: '29:carl', name: 'Carl' };
const DORA = { id: '29:dora', name: 'Dora' };
const ERIN = { id: '29:erin', name: 'Erin' };
const FRED = { id: '29:fred', name: 'Fred' };
const SUBMIT = 'pmo.form.submit';

beforeAll(async () => {
  serviceUrl = await connector.start();
  bot = await startLocalTeamsBot();
  botUrl = bot.url;
  await say(ADA, 'project add APOLLO "Apollo launch"');
});
afterAll(async () => {
  await bot.close();
  await connector.stop();
});

/**
 * Posts a Teams message (or, with `value`, an Action.Submit) and returns what the bot sent back.
 * The body is sent as JSON text, so `__proto__` in `value` arrives as a key, as a forged request would carry it.
 */
async function say(user: { id: string; name: string }, text: string, value?: unknown, extra: Record<string, unknown> = {}): Promise<Partial<Activity>[]> {
  const id = `act-${++seq}`;
  const conversationId = `a:personal-${TENANT}-${user.id}`;
  const activity = {
    type: 'message',
    id,
    ...(text ? { text } : {}),
    ...(value !== undefined ? { value } : {}),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: user.id, name: user.name, aadObjectId: `aad-${user.id}` },
    recipient: { id: '28:pmo-bot', name: 'PMO' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    ...extra,
  };
  const before = connector.sent.length;
  const res = await fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  expect(res.status).toBeLessThan(300);
  return connector.sent.slice(before).filter((s) => s.replyToId === id || s.conversationId === conversationId).map((s) => s.activity);
}

const texts = (replies: Partial<Activity>[]): string => replies.map((r) => r.text ?? '').join(' | ');
const cards = (replies: Partial<Activity>[]): string => JSON.stringify(replies.map((r) => r.attachments ?? []));

describe('card submits: every value has the type the form expects', () => {
  it('refuses an operator object as the title, re-asks it, and never saves "[object Object]"', async () => {
    const submit = { verb: SUBMIT, command: 'risk', title: { $ne: null }, probability: '4', impact: '5', project: 'APOLLO' };
    const asked = await say(ADA, '', submit);
    expect(texts(asked)).toMatch(/^Title must be text\. /);
    expect(cards(asked)).not.toContain('[object Object]');
    expect(texts(await say(ADA, 'Vendor API may slip'))).toBe('Save this risk?');
    expect(texts(await say(ADA, 'save'))).toMatch(/^Saved R-\d+ Vendor API may slip$/);
    expect(await RiskModel.countDocuments({ title: '[object Object]' })).toBe(0);
  });

  it('ignores $where, __proto__ and constructor keys, and refuses arrays and numbers where text belongs', async () => {
    const submit = JSON.parse(`{
      "verb": "${SUBMIT}", "command": "issue", "priority": "low", "project": "APOLLO",
      "title": ["Printer", "jammed"], "description": 42,
      "$where": "sleep(5000) || true", "__proto__": { "title": "from the prototype", "owner": "29:eve", "isAdmin": true },
      "constructor": { "prototype": { "polluted": "yes" } }
    }`) as Record<string, unknown>;
    const asked = await say(CARL, '', submit);
    expect(texts(asked)).toMatch(/^Title must be text\. /);
    expect(texts(await say(CARL, 'Printer jammed'))).toMatch(/^Description must be text\. /);
    expect(texts(await say(CARL, 'skip'))).toBe('Save this issue?');
    expect(texts(await say(CARL, 'save'))).toMatch(/^Saved I-\d+ Printer jammed$/);
    const issue = await IssueModel.findOne({ title: 'Printer jammed' }).lean();
    expect(issue).toMatchObject({ projectKey: 'APOLLO', priority: 'low', ownerId: CARL.id, raisedById: CARL.id });
    expect(issue?.description ?? '').toBe(''); // skipped, not "42"
    expect(await IssueModel.countDocuments({ title: { $in: ['Printer,jammed', 'from the prototype'] } })).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('refuses an operator object in a field the form then checks against the database (the project)', async () => {
    const asked = await say(DORA, '', { verb: SUBMIT, command: 'risk', title: 'Data centre move', probability: '2', impact: '2', project: { $gt: '' } });
    expect(texts(asked)).toMatch(/^Project must be text\. /);
    expect(texts(await say(DORA, 'cancel'))).toMatch(/nothing was saved/);
  });
});

describe('controls and bidi overrides never reach stored titles and names', () => {
  it('strips NUL, U+202E, zero-width and C1 controls from a typed title', async () => {
    const replies = await say(ERIN, 'risk Invoice\u0000 \u202Egnp.exe\u202C late\u200B p=3 i=3 project=APOLLO');
    expect(texts(replies)).toMatch(/^Saved R-\d+ Invoice gnp\.exe late$/);
    expect(await RiskModel.findOne({ title: 'Invoice gnp.exe late' }).lean()).not.toBeNull();
  });

  it('strips them from submitted card values, keeping the line breaks of multi-line text', async () => {
    const submit = {
      verb: SUBMIT, command: 'risk', title: 'Budget\u0007 \u009Bcut\u2066\u200F', probability: '2', impact: '3', project: 'APOLLO',
      description: 'line one\r\nline\u0000 two\u202E\u2028three',
    };
    expect(texts(await say(FRED, '', submit))).toBe('Save this risk?');
    expect(texts(await say(FRED, 'save'))).toMatch(/^Saved R-\d+ Budget cut$/);
    expect(await RiskModel.findOne({ title: 'Budget cut' }).lean()).toMatchObject({ description: 'line one\nline two\nthree' });
  });

  it('strips them from the display name Teams sends', async () => {
    await say({ id: '29:mal', name: 'Mallory\u202E\u0000 Admin\u200B\u0085' }, 'help');
    expect(await PersonModel.findOne({ platformUserId: '29:mal' }).lean()).toMatchObject({ displayName: 'Mallory Admin' });
  });

  it('strips them from the name of an @mentioned person', async () => {
    const mention = { type: 'mention', text: '<at>Victor</at>', mentioned: { id: '29:victor', name: 'Vic\u202Etor\u0000\u2067' } };
    const replies = await say(ADA, 'role <at>Victor</at> pm', undefined, { entities: [mention] });
    expect(texts(replies)).toMatch(/Victor/);
    expect(await PersonModel.findOne({ platformUserId: '29:victor' }).lean()).toMatchObject({ displayName: 'Victor', role: 'pm' });
  });
});

describe('digest on demand', () => {
  it('is refused to a plain member, saying who may run it', async () => {
    await say(BOB, 'help');
    const replies = await say(BOB, 'digest');
    expect(`${texts(replies)} ${cards(replies)}`).toMatch(/Only PMO admins, executives, and PMs for their own projects can post the digest/);
  });
});

describe('invokes the bot offers nothing for', () => {
  async function invoke(name: string, value: unknown): Promise<Response> {
    const activity = {
      type: 'invoke', name, value, id: `act-${++seq}`, channelId: 'msteams', serviceUrl, timestamp: new Date().toISOString(),
      from: { id: FRED.id, name: FRED.name }, recipient: { id: '28:pmo-bot', name: 'PMO' },
      conversation: { id: `a:personal-${TENANT}-${FRED.id}`, conversationType: 'personal', tenantId: TENANT }, channelData: { tenant: { id: TENANT } },
    };
    return fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  }

  it('answers an Action.Execute (adaptiveCard/action) with a message, not a server error', async () => {
    const res = await invoke('adaptiveCard/action', { action: { type: 'Action.Execute', verb: 'pmo.item.close', data: { key: 'R-1' } }, trigger: 'manual' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(/type the command/) });
  });

  it('refuses an unknown invoke as a bad request (botbuilder would say 501)', async () => {
    const res = await invoke('task/whatever', { $where: 'sleep(1000)' });
    expect(res.status).toBe(400);
  });
});
