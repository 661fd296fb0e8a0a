// The RAID log through Slack: signed /pmo commands log a decision and an action inline, list them, show
// them on the item they concern, close the action and escalate an issue into a change request.
import { useTestDatabase } from '../../support/db';
import type { SlackCall } from '../../support/slack-api-stub';
import { slackTalk, useSlackBot } from '../../support/slack-harness';
import { formState, type Where } from '../../support/slack-requests';

useTestDatabase();

const ADA: Where & { channel: string } = { team: 'T1', user: 'UADA', channel: 'CRAID', channelName: 'raid' };

const clock = { now: new Date('2026-11-26T10:00:00Z') };
const { stub, bot } = useSlackBot({ users: { UADA: { name: 'Ada Admin' } }, now: () => clock.now });
const { pmo, after } = slackTalk({ stub, bot });

type Json = Record<string, unknown>;
interface View { id: string; callback_id: string; private_metadata: string; blocks: Json[] }
const viewOf = (call: SlackCall | undefined, id?: string): View => {
  if (!call) throw new Error('no view call');
  return { ...(call.args.view as View), id: id ?? String(call.args.view_id) };
};
/** The button of `verb` in a message's or modal's blocks, as Slack sends it back when pressed. */
function button(blocks: Json[], verb: string): { action_id: string; value: string } {
  for (const block of blocks) {
    for (const e of [...((block.elements as Json[] | undefined) ?? []), ...(block.accessory ? [block.accessory as Json] : [])]) {
      if (e.type === 'button' && (JSON.parse(String(e.value)) as Json).verb === verb) return { action_id: String(e.action_id), value: String(e.value) };
    }
  }
  throw new Error(`no ${verb} button in ${JSON.stringify(blocks).slice(0, 300)}`);
}

const texts = (calls: SlackCall[]): string[] => calls.map((c) => String(c.args.text ?? ''));
/** Everything the reply shows, blocks included, as one string. */
const shown = (calls: SlackCall[]): string => JSON.stringify(calls.map((c) => c.args));

beforeAll(async () => {
  await pmo('project add APOLLO "Apollo launch"', ADA);
  expect(texts(await pmo('risk Vendor API may slip p=4 i=5 project=APOLLO', ADA))).toEqual(['Saved R-1 Vendor API may slip']);
});

describe('decisions and actions in Slack', () => {
  it('logs a decision inline', async () => {
    const calls = await pmo('decision Use vendor B outcome="Switch to vendor B" rationale="Vendor A cannot commit" item=R-1 project=APOLLO', ADA);
    expect(texts(calls)).toEqual(['Saved D-1 Use vendor B']);
    expect(shown(calls)).toContain('*Concerns*\\nR-1');
    expect(shown(calls)).toContain('Switch to vendor B');
  });

  it('logs an action inline, taking its project from R-1', async () => {
    const calls = await pmo('action Call the vendor owner=me due=friday item=R-1', ADA);
    expect(texts(calls)).toEqual(['Saved A-1 Call the vendor']);
    expect(shown(calls)).toContain('*Serves*\\nR-1');
    expect(shown(calls)).toContain('*Due*\\n2026-11-27');
  });

  it('lists decisions and actions', async () => {
    const decisions = await pmo('list decisions', ADA);
    expect(texts(decisions)).toEqual([expect.stringMatching(/decision/)]);
    expect(shown(decisions)).toContain('D-1');
    const actions = await pmo('list actions', ADA);
    expect(shown(actions)).toContain('A-1');
    expect(shown(actions)).toContain('Call the vendor');
  });

  it('show R-1 lists the actions and decisions that concern it', async () => {
    const calls = await pmo('show R-1', ADA);
    expect(shown(calls)).toContain('*Actions*\\nA-1 Call the vendor (Open)');
    expect(shown(calls)).toContain('*Decisions*\\nD-1 Use vendor B (Proposed)');
  });

  it('close A-1 marks it done', async () => {
    expect(texts(await pmo('close A-1', ADA))).toEqual(['Closed A-1 Call the vendor']);
    expect(shown(await pmo('show R-1', ADA))).toContain('A-1 Call the vendor (Done)');
  });

  it('logs a decision guided in a modal, asking again for a key that names nothing', async () => {
    stub.on('views.open', () => ({ view: { id: 'V-DECISION' } }));
    const form = viewOf((await pmo('decision', ADA)).find((c) => c.method === 'views.open'), 'V-DECISION');
    expect(form.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual(
      ['title', 'project', 'outcome', 'rationale', 'decidedBy', 'decidedOn', 'items', 'description'],
    );
    const [asked] = await after(() => bot.sender.submit(ADA, form, formState(form.blocks, { title: 'Freeze scope', project: 'APOLLO', outcome: 'No new features', items: 'R-1, I-9' })));
    const again = viewOf(asked);
    expect(again.callback_id).toBe('pmo.form.submit');
    expect(JSON.stringify(again.blocks)).toContain('There is no I-9 in this workspace');
    const [confirm] = await after(() => bot.sender.submit(ADA, again, formState(again.blocks, { items: 'R-1' })));
    const confirmation = viewOf(confirm);
    expect(JSON.stringify(confirmation.blocks)).toContain('Save this decision?');
    const saved = await after(() => bot.sender.click(ADA, button(confirmation.blocks, 'pmo.confirm.save'), { view: { ...confirmation, type: 'modal' } }));
    expect(texts(saved.filter((c) => c.method === 'chat.postMessage'))).toEqual(['Saved D-2 Freeze scope']);
    expect(shown(await pmo('show R-1', ADA))).toContain('D-2 Freeze scope (Proposed)');
  });

  it('logs an action guided in a modal, its project optional there and taken from the item it serves', async () => {
    stub.on('views.open', () => ({ view: { id: 'V-ACTION' } }));
    const form = viewOf((await pmo('action', ADA)).find((c) => c.method === 'views.open'), 'V-ACTION');
    expect(form.blocks.find((b) => b.block_id === 'project')).toMatchObject({ type: 'input', optional: true });
    const [confirm] = await after(() => bot.sender.submit(ADA, form, formState(form.blocks, { title: 'Ring the vendor', item: 'R-1' })));
    const confirmation = viewOf(confirm);
    expect(JSON.stringify(confirmation.blocks)).toContain('Save this action?');
    const saved = await after(() => bot.sender.click(ADA, button(confirmation.blocks, 'pmo.confirm.save'), { view: { ...confirmation, type: 'modal' } }));
    const [post] = saved.filter((c) => c.method === 'chat.postMessage');
    expect(String(post.args.text)).toMatch(/^Saved A-\d+ Ring the vendor$/);
    expect(JSON.stringify(post.args.blocks)).toContain('*Project*\\nAPOLLO');
  });

  it("changes an action through its card's Update modal", async () => {
    const [card] = await pmo('show A-1', ADA);
    stub.on('views.open', () => ({ view: { id: 'V-UPDATE' } }));
    const [opened] = await after(() => bot.sender.click(ADA, button(card.args.blocks as Json[], 'pmo.item.update'), { message: { ts: '1700000000.000100' } }));
    const form = viewOf(opened, 'V-UPDATE');
    const [confirm] = await after(() => bot.sender.submit(ADA, form, formState(form.blocks, { due: '2026-12-04' })));
    const confirmation = viewOf(confirm);
    const saved = await after(() => bot.sender.click(ADA, button(confirmation.blocks, 'pmo.confirm.save'), { view: { ...confirmation, type: 'modal' } }));
    expect(texts(saved.filter((c) => c.method === 'chat.postMessage'))).toEqual(['Updated A-1 Call the vendor']);
    expect(shown(await pmo('show A-1', ADA))).toContain('Due: 2026-11-27 → 2026-12-04');
  });

  it('refuses a typed update naming an item that does not exist, asking again for the changes', async () => {
    const calls = await pmo('update A-1 item=R-77', ADA);
    expect(shown(calls)).toContain('There is no R-77 in this workspace.');
    expect(shown(calls)).not.toContain('Which item do you want to update?');
    await pmo('cancel', ADA);
  });

  it("exports one project's decisions and actions as CSV", async () => {
    const decisions = await pmo('export decisions project=APOLLO', ADA);
    const upload = (calls: SlackCall[]) => String(calls.find((c) => c.method === 'upload')?.args.content ?? '');
    expect(upload(decisions).split('\r\n').map((row) => row.split(',').slice(0, 3).join(','))).toEqual(
      ['\ufeffKey,Title,Project', 'D-1,Use vendor B,APOLLO', 'D-2,Freeze scope,APOLLO', ''],
    );
    const actions = await pmo('export actions project=APOLLO', ADA);
    expect(upload(actions)).toMatch(/^\ufeffKey,Title,Project,Status,Serves,.*\r\nA-1,Call the vendor,APOLLO,done,R-1,/s);
  });

  it('escalate I-1 raises a change request linked both ways', async () => {
    await pmo('issue Reporting misses VAT priority=high project=APOLLO', ADA);
    const calls = await pmo('escalate I-1', ADA);
    expect(texts(calls)).toEqual(['Escalated C-1 Reporting misses VAT']);
    expect(shown(calls)).toContain('*Raised from*\\nI-1');
    expect(shown(await pmo('show I-1', ADA))).toContain('*Escalated to*\\nC-1');
    expect(shown(await pmo('show C-1', ADA))).toContain('raised from I-1');
    expect(texts(await pmo('escalate I-1', ADA))).toEqual(['I-1 was already escalated to C-1.']);
  });
});
