// Decisions and actions at the Teams door as a user meets them: the guided card form, old cards
// pressed after the item changed, lists, superseding, export, and the overdue action in the owner's
// and the PM's reminders (their buttons pressed back) and in the digest. Each test logs its own items
// and reads their keys from the replies, so the tests do not depend on their order.
import type { Activity } from 'botbuilder';
import { FILE_CONSENT } from '../../../bot/teams/file-consent';
import { TeamsJobSender } from '../../../bot/teams/job-sender';
import type { AdaptiveCard } from '../../../cards';
import { planJob } from '../../../jobs/planners';
import type { JobName } from '../../../jobs/types';
import { WorkspaceModel, type WorkspaceDoc } from '../../../models';
import { ActionModel } from '../../../models/action.model';
import { checkCard } from '../../cards/card-checker';
import { useTestDatabase } from '../../support/db';
import { useLocalTeamsBot } from '../../support/teams-local-bot';

useTestDatabase();

/** Thursday 26 Nov 2026, 10:00 UTC: ISO week 2026-W48. */
const clock = { now: new Date('2026-11-26T10:00:00Z') };
const teams = useLocalTeamsBot(() => clock.now);
const { connector } = teams;
let seq = 0;

const TENANT = 'tenant-raid-flows';
type User = { id: string; name: string };
const ADA: User = { id: '29:ada-flows', name: 'Ada Admin' }; // first to talk: the PMO admin
const SAM: User = { id: '29:sam-flows', name: 'Sam PM' }; // APOLLO's PM
const SAM_MENTION = '<at>Sam PM</at>';
const personal = (user: User) => ({ id: `a:personal-${TENANT}-${user.id}`, conversationType: 'personal', tenantId: TENANT });

type Json = Record<string, unknown>;

/** A message (or, with `value`, a card's Action.Submit) from `user`'s personal chat; the bot's replies there. */
async function send(user: User, text: string | undefined, value?: Json): Promise<Partial<Activity>[]> {
  const body: Partial<Activity> = {
    type: 'message', id: `flows-${++seq}`, channelId: 'msteams', serviceUrl: teams.serviceUrl,
    ...(text !== undefined ? { text } : {}),
    ...(value !== undefined ? { value } : {}),
    ...(text?.includes(SAM_MENTION) ? { entities: [{ type: 'mention', text: SAM_MENTION, mentioned: { id: SAM.id, name: SAM.name } }] } : {}),
    timestamp: clock.now.toISOString() as unknown as Date,
    from: { id: user.id, name: user.name, aadObjectId: `aad-${user.id}` },
    recipient: { id: '28:pmo-bot', name: 'PMO' },
    conversation: personal(user) as Activity['conversation'],
    channelData: { tenant: { id: TENANT } },
  };
  const before = connector.sent.length;
  const res = await fetch(`${teams.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBeLessThan(300);
  return connector.sent.slice(before).filter((s) => s.conversationId === personal(user).id).map((s) => s.activity);
}

async function one(user: User, text: string | undefined, value?: Json): Promise<Partial<Activity>> {
  const replies = await send(user, text, value);
  expect(replies.map((r) => r.text)).toHaveLength(1);
  return replies[0];
}

const cardOf = (a: Partial<Activity>): AdaptiveCard => a.attachments?.[0]?.content as AdaptiveCard;
function walk(node: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(node)) node.forEach((n) => walk(n, out));
  else if (node && typeof node === 'object') {
    out.push(node as Json);
    Object.values(node).forEach((v) => walk(v, out));
  }
  return out;
}
const factsOf = (a: Partial<Activity>): Record<string, string> =>
  Object.fromEntries(walk(cardOf(a)).flatMap((n) => (n.type === 'FactSet' ? (n.facts as { title: string; value: string }[]) : [])).map((f) => [f.title, f.value]));
const textsOf = (a: Partial<Activity>): string[] => walk(cardOf(a)).filter((n) => n.type === 'TextBlock').map((n) => String(n.text));
/** The data of the button titled `title` (the `n`th of them): what Teams posts back when it is pressed. */
function buttonData(a: Partial<Activity>, title: string, n = 0): Json {
  const found = walk(cardOf(a)).filter((e) => e.type === 'Action.Submit' && e.title === title)[n];
  if (!found) throw new Error(`no ${title} button on ${JSON.stringify(cardOf(a)).slice(0, 300)}`);
  return found.data as Json;
}
/** The values of the card's inputs as shown: what Teams sends with a Submit when nothing was touched. */
const inputsOf = (a: Partial<Activity>): Json =>
  Object.fromEntries(walk(cardOf(a)).filter((n) => typeof n.type === 'string' && n.type.startsWith('Input.')).map((n) => [String(n.id), n.value ?? '']));
/** The key of a `Saved X-n Title` reply. */
const keyOf = (a: Partial<Activity>): string => {
  const key = /^Saved ([A-Z]-\d+) /.exec(a.text ?? '')?.[1];
  if (!key) throw new Error(`not saved: ${a.text}`);
  return key;
};

let ws: WorkspaceDoc;

beforeAll(async () => {
  await send(ADA, 'help');
  await send(SAM, 'help');
  expect((await one(ADA, 'portfolio add DIGITAL "Digital"')).text).toMatch(/^Added portfolio DIGITAL/);
  expect((await one(ADA, `project add APOLLO "Apollo launch" portfolio=DIGITAL pm=${SAM_MENTION}`)).text).toMatch(/^Added project APOLLO .*PM Sam PM/);
  expect((await one(ADA, 'link exec DIGITAL')).text).toMatch(/exec channel of DIGITAL/);
  expect((await one(ADA, 'risk Vendor API may slip p=4 i=5 project=APOLLO')).text).toBe('Saved R-1 Vendor API may slip');
  ws = (await WorkspaceModel.findOne({ platform: 'teams', externalId: TENANT }).lean<WorkspaceDoc>())!;
});

describe('Teams: decisions and actions as a user meets them', () => {
  it('guides a decision through the card form, asking again for a date that does not exist', async () => {
    const form = await one(ADA, 'decision');
    expect(inputsOf(form)).toMatchObject({ title: '', project: '', outcome: '', decidedOn: '' });
    const asked = await one(ADA, undefined, { ...inputsOf(form), ...buttonData(form, 'Save'), title: 'Freeze scope', project: 'APOLLO', outcome: 'No new features', decidedOn: '2026-02-30', items: 'R-1' });
    expect(asked.text).toBe('Decision date "2026-02-30" is not a real calendar date. When was it decided? (or skip)');
    expect(textsOf(asked)).toContain('Please correct the field marked below.');
    expect(inputsOf(asked)).toMatchObject({ title: 'Freeze scope', outcome: 'No new features', items: 'R-1' }); // nothing typed is lost
    const confirm = await one(ADA, undefined, { ...inputsOf(asked), ...buttonData(asked, 'Save'), decidedOn: '2026-11-24' });
    expect(confirm.text).toBe('Save this decision?');
    const saved = await one(ADA, undefined, buttonData(confirm, 'Save'));
    expect(saved.text).toMatch(/^Saved D-\d+ Freeze scope$/);
    expect(factsOf(saved)).toMatchObject({ Project: 'APOLLO', Status: 'Proposed', Concerns: 'R-1' });
    expect(checkCard(cardOf(saved))).toEqual([]);
  });

  it('guides an action serving R-1 through the card form without asking its project, which comes from R-1', async () => {
    const form = await one(ADA, 'action');
    const projectInput = walk(cardOf(form)).find((n) => n.id === 'project');
    expect(projectInput).toMatchObject({ type: 'Input.Text' });
    expect(projectInput?.isRequired).toBeUndefined(); // Teams would not send the card without it
    const confirm = await one(ADA, undefined, { ...inputsOf(form), ...buttonData(form, 'Save'), title: 'Ring the vendor', item: 'r-1', due: '2026-12-04' });
    expect(confirm.text).toBe('Save this action?');
    const saved = await one(ADA, undefined, buttonData(confirm, 'Save'));
    expect(saved.text).toMatch(/^Saved A-\d+ Ring the vendor$/);
    expect(factsOf(saved)).toMatchObject({ Project: 'APOLLO', Serves: 'R-1', Due: '2026-12-04' });

    // Serving nothing, it still needs a project: asked for it.
    const again = await one(ADA, 'action');
    const asked = await one(ADA, undefined, { ...inputsOf(again), ...buttonData(again, 'Save'), title: 'Order lunch' });
    expect(asked.text).toBe('Which project is it for? Give its key, e.g. APOLLO.');
    expect((await one(ADA, 'cancel')).text).toBe('Cancelled — nothing was saved.');
  });

  it("an action's old card pressed after it was closed: Close says so, Update changes only what was changed", async () => {
    const logged = await one(ADA, `action Book the room item=R-1 due=2026-11-20 owner=${SAM_MENTION}`);
    const key = keyOf(logged);
    const form = await one(ADA, undefined, buttonData(logged, 'Update')); // the Update form, opened before the close
    expect((await one(SAM, `close ${key} booked`)).text).toBe(`Closed ${key} Book the room`);

    // The form still shows Open: saved as Teams sends it, every input with it, only the title changes.
    const confirm = await one(ADA, undefined, { ...inputsOf(form), ...buttonData(form, 'Save'), title: 'Book the big room' });
    const updated = await one(ADA, undefined, buttonData(confirm, 'Save'));
    expect(updated.text).toBe(`Updated ${key} Book the big room`);
    expect(factsOf(updated)).toMatchObject({ Status: 'Done', Owner: 'Sam PM', Serves: 'R-1' });
    expect((await one(ADA, undefined, buttonData(logged, 'Close'))).text).toBe(`${key} is already done; there is nothing to close.`);
    expect(await ActionModel.findOne({ workspaceId: ws._id, key }).lean()).toMatchObject({ status: 'done', title: 'Book the big room', resolution: 'booked' });
  });

  it('lists my open actions, and the decisions in force of a project', async () => {
    const mine = keyOf(await one(ADA, 'action Call the vendor item=R-1 due=2026-12-10 owner=me'));
    const sams = keyOf(await one(ADA, `action Chase the contract item=R-1 owner=${SAM_MENTION}`));
    const listed = (a: Partial<Activity>) => textsOf(a).flatMap((t) => /^\*\*([A-Z]-\d+)\*\*/.exec(t)?.[1] ?? []);
    const actions = await one(ADA, 'list actions mine');
    expect(textsOf(actions)[0]).toBe('Actions — open, mine');
    expect(listed(actions)).toContain(mine);
    expect(listed(actions)).not.toContain(sams);

    const old = keyOf(await one(ADA, 'decision Use vendor A project=APOLLO'));
    const current = keyOf(await one(ADA, 'decision Use vendor B project=APOLLO'));
    await one(ADA, `update ${old} superseded_by=${current}`);
    const decisions = await one(ADA, 'list decisions project=APOLLO');
    expect(textsOf(decisions)[0]).toBe('Decisions — open on APOLLO');
    expect(listed(decisions)).toContain(current);
    expect(listed(decisions)).not.toContain(old);
    expect(checkCard(cardOf(decisions))).toEqual([]);
  });

  it('supersedes a decision: show says by which, and the later one cannot be superseded back by it', async () => {
    const old = keyOf(await one(ADA, 'decision Use Postgres items=R-1 project=APOLLO'));
    const current = keyOf(await one(ADA, 'decision Use MySQL items=R-1 project=APOLLO'));
    const closed = await one(ADA, `update ${old} superseded_by=${current}`);
    expect(closed.text).toBe(`Closed ${old} Use Postgres`);
    const shown = await one(ADA, `show ${old}`);
    expect(factsOf(shown)).toMatchObject({ Status: 'Superseded', 'Superseded by': current });
    expect(textsOf(shown).some((t) => t.endsWith(`Superseded by: — → ${current}`))).toBe(true);
    const refused = await one(ADA, `update ${current} superseded_by=${old}`);
    expect(refused.text).toMatch(new RegExp(`^${old} is itself superseded \\(by ${current}\\); name the decision in force\\. What should change\\?`));
    expect((await one(ADA, 'cancel')).text).toBe('Cancelled — nothing was saved.');
    expect(factsOf(await one(ADA, `show ${current}`))).toMatchObject({ Status: 'Proposed' });
  });

  it('escalate I-n: the change request and the issue each show the other', async () => {
    const issue = keyOf(await one(ADA, 'issue Reporting misses VAT priority=high project=APOLLO'));
    const escalated = await one(ADA, `escalate ${issue}`);
    const change = /^Escalated (C-\d+) /.exec(escalated.text ?? '')?.[1];
    expect(change).toBeDefined();
    expect(factsOf(escalated)).toMatchObject({ 'Raised from': issue });
    expect(factsOf(await one(ADA, `show ${issue}`))).toMatchObject({ 'Escalated to': change });
    expect(factsOf(await one(ADA, `show ${change}`))).toMatchObject({ 'Raised from': issue });
  });

  it('export actions offers the CSV by a file consent card, the one attachment Teams takes for a file from a bot', async () => {
    const [offer, ...rest] = await send(ADA, 'export actions project=APOLLO');
    expect(rest).toEqual([]);
    expect(offer.text).toMatch(/^Action log, APOLLO: \d+ rows?\. Choose Allow and I will put actions-APOLLO-2026-11-26\.csv in your OneDrive\.$/);
    expect(offer.attachments).toEqual([{
      contentType: FILE_CONSENT,
      name: 'actions-APOLLO-2026-11-26.csv',
      content: expect.objectContaining({ description: expect.stringMatching(/^Action log, APOLLO: \d+ rows?, CSV$/), sizeInBytes: expect.any(Number) }),
    }]);
  });
});

describe('Teams: an overdue action in the reminders and the digest', () => {
  /** The job's messages to `who`, sent through the Teams job sender as the scheduler would; what the connector got. */
  async function deliver(job: JobName, who: (recipient: Json) => boolean): Promise<Partial<Activity>[]> {
    const sender = new TeamsJobSender({ adapter: teams.bot.door.adapter, appId: '' });
    const before = connector.sent.length;
    for (const d of (await planJob(job, ws, clock.now)).deliveries) {
      if (who(d.recipient as unknown as Json)) await sender.send(ws, d.recipient, d.message);
    }
    return connector.sent.slice(before).map((s) => s.activity);
  }
  const toUser = (user: User) => (r: Json) => r.kind === 'user' && r.userId === user.id;
  /** The reminder's buttons for `key`, and the date input beside them. */
  function itemButtons(reminder: Partial<Activity>, key: string): { done: Json; snooze: Json; due: Json } {
    const of = (verb: string) => walk(cardOf(reminder)).find((n) => n.type === 'Action.Submit' && (n.data as Json).verb === verb && (n.data as Json).key === key)?.data as Json;
    return { done: of('pmo.item.done'), snooze: of('pmo.item.snooze'), due: of('pmo.item.due') };
  }

  let keys: { ada: string; sam: string; snoozed: string };
  beforeAll(async () => {
    keys = {
      ada: keyOf(await one(ADA, 'action Send the minutes item=R-1 due=2026-11-19 owner=me')),
      sam: keyOf(await one(ADA, `action Sign the order item=R-1 due=2026-11-23 owner=${SAM_MENTION}`)),
      snoozed: keyOf(await one(ADA, 'action Call the bank item=R-1 due=2026-11-24 owner=me')),
    };
  });

  it("is in its owner's reminder and in the PM's, with Mark done, Snooze a week and a new date that work", async () => {
    const [own] = await deliver('reminders', toUser(ADA));
    expect(textsOf(own)).toEqual(expect.arrayContaining([`**${keys.ada}** Send the minutes`, `**${keys.snoozed}** Call the bank`]));
    expect(textsOf(own)).not.toContain(`**${keys.sam}** Sign the order`);
    const [pm] = await deliver('reminders', toUser(SAM));
    expect(pm.text).toMatch(/^\d+ overdue items on APOLLO$/);
    expect(textsOf(pm)).toEqual(expect.arrayContaining([`**${keys.ada}** Send the minutes`, `**${keys.sam}** Sign the order`]));
    expect(textsOf(pm)).toContain('Action · APOLLO · Open · owner Sam PM · due 2026-11-23');
    for (const card of [own, pm]) expect(checkCard(cardOf(card))).toEqual([]);

    // The PM marks Ada's action done from the PM's reminder.
    const done = await one(SAM, undefined, itemButtons(pm, keys.ada).done);
    expect(done.text).toBe(`Closed ${keys.ada} Send the minutes`);
    expect(factsOf(done)).toMatchObject({ Status: 'Done' });
    // Ada snoozes hers a week: due a week from today.
    const snoozed = await one(ADA, undefined, itemButtons(own, keys.snoozed).snooze);
    expect(snoozed.text).toBe(`Updated ${keys.snoozed} Call the bank`);
    expect(factsOf(snoozed)).toMatchObject({ Due: '2026-12-03' });
    // Sam sets a new date for his with the date box (as Teams sends it, with the input's value).
    const { due } = itemButtons(pm, keys.sam);
    // The date box cleared: asked for a date in words true on Teams too (its button is Save due date).
    expect((await one(SAM, undefined, { ...inputsOf(pm), ...due, [`due_${keys.sam}`]: '' })).text).toBe(`Pick a new due date for ${keys.sam} in the date box first; nothing was changed.`);
    const moved = await one(SAM, undefined, { ...inputsOf(pm), ...due, [`due_${keys.sam}`]: '2026-12-09' });
    expect(moved.text).toBe(`Updated ${keys.sam} Sign the order`);
    expect(factsOf(moved)).toMatchObject({ Due: '2026-12-09' });

    // The old reminder's Mark done, pressed again: said plainly, nothing changes.
    expect((await one(SAM, undefined, itemButtons(pm, keys.ada).done)).text).toBe(`${keys.ada} is already done.`);
    const [later] = await deliver('reminders', toUser(SAM));
    for (const key of Object.values(keys)) expect(textsOf(later ?? {}).join('\n')).not.toContain(`**${key}**`);
  });

  it('the digest counts an overdue action among the overdue items', async () => {
    const before = await ActionModel.countDocuments({ workspaceId: ws._id, status: 'open', due: { $lt: '2026-11-26' } });
    const overdueAction = keyOf(await one(ADA, 'action Renew the licence due=2026-11-02 owner=me project=APOLLO'));
    const count = (digest: Partial<Activity>) => Number(/; (\d+) overdue items?$/.exec(digest.text ?? '')?.[1]);
    const [digest] = await deliver('digest', (r) => r.kind === 'channel');
    expect(digest.text).toMatch(/^DIGITAL digest, Week 48: /);
    const withAction = count(digest);
    expect(withAction).toBeGreaterThanOrEqual(before + 1);
    await one(ADA, `close ${overdueAction}`);
    const [after] = await deliver('digest', (r) => r.kind === 'channel');
    expect(count(after)).toBe(withAction - 1);
  });
});
