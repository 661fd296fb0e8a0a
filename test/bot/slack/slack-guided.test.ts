// Guided dialogs (a bare command) through a modal, a message with inputs, a DM and an @mention thread.
import { ChangeRequestModel, IssueModel, RiskModel, StatusUpdateModel } from '../../../models';
import { useTestDatabase } from '../../support/db';
import type { SlackCall } from '../../support/slack-api-stub';
import { useSlackBot } from '../../support/slack-harness';
import { closedPayload, formState, type Where } from '../../support/slack-requests';

useTestDatabase();

const ADA: Where = { team: 'T1', user: 'UADA' };
const IN_APOLLO: Where = { ...ADA, channel: 'CAPOLLO', channelName: 'apollo' };

type Json = Record<string, unknown>;
interface Button { action_id: string; value: string }
interface View { id: string; private_metadata: string; title: unknown; callback_id: string; blocks: Json[] }

const { stub, bot } = useSlackBot({ users: { UADA: { name: 'Ada Admin' } }, now: () => new Date('2026-11-26T10:00:00Z') });

beforeAll(async () => {
  await bot.sender.command('project add APOLLO "Apollo launch"', IN_APOLLO);
  await bot.slack.idle();
  await bot.sender.command('link APOLLO', IN_APOLLO);
  await bot.slack.idle();
});

/** Every button in a message's or modal's blocks. */
function buttons(blocks: Json[]): Button[] {
  const found: Button[] = [];
  for (const block of blocks) {
    const elements = [...((block.elements as Json[] | undefined) ?? []), ...(block.accessory ? [block.accessory as Json] : [])];
    for (const e of elements) if (e.type === 'button') found.push({ action_id: String(e.action_id), value: String(e.value) });
  }
  return found;
}

function button(blocks: Json[], verb: string, field?: string): Button {
  const found = buttons(blocks).find((b) => {
    const data = JSON.parse(b.value) as Json;
    return data.verb === verb && (field === undefined || data.field === field);
  });
  if (!found) throw new Error(`no ${verb} button in ${JSON.stringify(blocks).slice(0, 400)}`);
  return found;
}

const inputIds = (blocks: Json[]): string[] => blocks.filter((b) => b.type === 'input').map((b) => String(b.block_id));
const text = (blocks: unknown): string => JSON.stringify(blocks);
const focused = (blocks: Json[]): string[] =>
  blocks.filter((b) => b.type === 'input' && (b.element as Json | undefined)?.focus_on_load === true).map((b) => String(b.block_id));

/** Runs one request and returns what the bot sent for it, Web API lookups left out. */
async function after(send: () => Promise<unknown>): Promise<SlackCall[]> {
  const before = stub.calls.length;
  await send();
  await bot.slack.idle();
  return stub.calls.slice(before).filter((c) => !['users.info', 'auth.test'].includes(c.method));
}

const viewOf = (call: SlackCall, id?: string): View => ({ ...(call.args.view as View), id: id ?? String(call.args.view_id) });

describe('a guided dialog in a modal', () => {
  it('opens the form for /pmo risk, re-asks a bad field in the modal, confirms, edits and saves', async () => {
    let triggerId = '';
    const [opened] = await after(async () => {
      ({ triggerId } = await bot.sender.command('risk', IN_APOLLO));
    });
    expect(opened.method).toBe('views.open');
    expect(opened.args.trigger_id).toBe(triggerId);
    const form = viewOf(opened, 'V-RISK');
    stub.on('views.open', () => ({ view: { id: 'V-RISK' } }));
    expect(form.callback_id).toBe('pmo.form.submit');
    expect(JSON.parse(form.private_metadata)).toMatchObject({ data: { verb: 'pmo.form.submit', command: 'risk' }, at: { channel: 'CAPOLLO' } });
    expect(inputIds(form.blocks)).toEqual(expect.arrayContaining(['title', 'probability', 'impact', 'project']));

    // A project that does not exist: the ack shows "Working on it…", then the modal asks again, saying why.
    let ack: Json = {};
    const [asked] = await after(async () => {
      const res = await bot.sender.submit(ADA, form, formState(form.blocks, {
        title: 'Vendor API may slip', probability: '4', impact: '5', project: 'NOPE', due: '2026-12-04',
      }));
      ack = (await res.json()) as Json;
    });
    expect(ack).toMatchObject({ response_action: 'update', view: { type: 'modal', callback_id: 'pmo.modal.pending' } });
    expect(asked).toMatchObject({ method: 'views.update', args: { view_id: 'V-RISK' } });
    const again = viewOf(asked);
    expect(again.callback_id).toBe('pmo.form.submit');
    expect(text(again.blocks)).toMatch(/there is no project NOPE in this workspace; projects: APOLLO/i);
    expect(await RiskModel.countDocuments({})).toBe(0);

    // Slack keeps what was typed in a view updated with the same inputs; the bad project is retyped.
    const [confirm] = await after(() => bot.sender.submit(ADA, again, formState(again.blocks, { project: 'APOLLO' })));
    const confirmation = viewOf(confirm);
    expect(confirmation.callback_id).toBe('pmo.modal.confirm');
    expect(text(confirmation.blocks)).toMatch(/Save this risk\?/);

    // Edit from the confirmation: the modal asks that field, then confirms again.
    const [edit] = await after(() => bot.sender.click(ADA, button(confirmation.blocks, 'pmo.confirm.edit', 'impact'), { view: { ...confirmation, type: 'modal' } }));
    const impactForm = viewOf(edit);
    expect(impactForm.callback_id).toBe('pmo.form.submit');
    // The form keeps its order (title first); the field asked is focused, not moved.
    expect(inputIds(impactForm.blocks)[0]).toBe('title');
    expect(focused(impactForm.blocks)).toEqual(['impact']);
    const [reconfirm] = await after(() => bot.sender.submit(ADA, impactForm, formState(impactForm.blocks, { impact: '3' })));
    const confirmed = viewOf(reconfirm);

    const saved = await after(() => bot.sender.click(ADA, button(confirmed.blocks, 'pmo.confirm.save'), { view: { ...confirmed, type: 'modal' } }));
    const done = saved.find((c) => c.method === 'views.update');
    expect(done && viewOf(done)).toMatchObject({ callback_id: 'pmo.modal.done', close: { text: 'Done' } });
    expect(text(done?.args.view)).toContain('Vendor API may slip');
    // Saves are announced where the command was typed.
    expect(saved.find((c) => c.method === 'chat.postMessage')?.args).toMatchObject({ channel: 'CAPOLLO', text: 'Saved R-1 Vendor API may slip' });
    expect(await RiskModel.findOne({ key: 'R-1' }).lean()).toMatchObject({
      title: 'Vendor API may slip', probability: 4, impact: 3, score: 12, projectKey: 'APOLLO', due: '2026-12-04', ownerId: 'UADA',
    });
    stub.on('views.open', () => ({ view: { id: `V${Date.now()}` } }));
  });

  it('cancels the dialog when the modal is closed unsaved, so the next command starts afresh', async () => {
    const [opened] = await after(() => bot.sender.command('issue', IN_APOLLO));
    expect((opened.args.view as Json).notify_on_close).toBe(true);
    const closed = await after(() => bot.sender.interaction(closedPayload(ADA, viewOf(opened, 'V-CLOSED'))));
    expect(closed).toEqual([]); // closed quietly: no message, no view update
    const [list] = await after(() => bot.sender.command('list issues', IN_APOLLO));
    expect(list.method).toBe('response_url');
    expect(list.args.text).toMatch(/^\d+ issues?$/);
  });

  it('answers in the conversation when the modal is gone by the time the answer is ready', async () => {
    const [opened] = await after(() => bot.sender.command('risk', IN_APOLLO));
    const form = viewOf(opened, 'V-GONE');
    stub.fail('views.update', 'not_found');
    const calls = await after(() => bot.sender.submit(ADA, form, formState(form.blocks, { title: 'Late answer', probability: '3', impact: '3', project: 'NOPE' })));
    // Only the asker sees the form again, as a message with inputs in the channel they were in.
    expect(calls.map((c) => c.method)).toEqual(['views.update', 'response_url']);
    expect(calls[1].args.response_type).toBe('ephemeral');
    expect(text(calls[1].args.blocks)).toMatch(/there is no project NOPE/i);
    await after(() => bot.sender.command('cancel', IN_APOLLO));
  });

  it('announces through the command’s response_url where the bot is not in the channel', async () => {
    const [opened] = await after(() => bot.sender.command('issue', { ...ADA, channel: 'COTHER', channelName: 'other' }));
    const form = viewOf(opened, 'V-ISSUE');
    const [confirm] = await after(() => bot.sender.submit(ADA, form, formState(form.blocks, { title: 'Build server down', project: 'APOLLO', priority: 'high' })));
    const confirmation = viewOf(confirm);
    stub.fail('chat.postMessage', 'not_in_channel');
    const saved = await after(() => bot.sender.click(ADA, button(confirmation.blocks, 'pmo.confirm.save'), { view: { ...confirmation, type: 'modal' } }));
    expect(saved.find((c) => c.method === 'response_url')?.args).toMatchObject({ text: 'Saved I-1 Build server down', response_type: 'in_channel' });
    expect(await IssueModel.findOne({ key: 'I-1' }).lean()).toMatchObject({ priority: 'high', projectKey: 'APOLLO' });
  });

  it('sends the form as a message with inputs when the trigger has expired, and saves from its buttons', async () => {
    stub.fail('views.open', 'expired_trigger_id');
    const calls = await after(() => bot.sender.command('change', IN_APOLLO));
    const formMessage = calls.find((c) => c.method === 'response_url');
    expect(formMessage?.args.response_type).toBe('ephemeral');
    const blocks = formMessage?.args.blocks as Json[];
    expect(inputIds(blocks)).toContain('title');
    const [confirm] = await after(() => bot.sender.click(IN_APOLLO, button(blocks, 'pmo.form.submit'), {
      ephemeral: true,
      state: formState(blocks, { title: 'Move launch by a week', impact: 'one week' }),
    }));
    expect(confirm.method).toBe('response_url');
    const saved = await after(() => bot.sender.click(IN_APOLLO, button(confirm.args.blocks as Json[], 'pmo.confirm.save'), { ephemeral: true }));
    expect(saved.find((c) => c.method === 'response_url' && c.args.response_type === 'in_channel')?.args.text).toBe('Saved C-1 Move launch by a week');
    expect(await ChangeRequestModel.findOne({ key: 'C-1' }).lean()).toMatchObject({ projectKey: 'APOLLO', impact: 'one week' });
  });
});

describe('a guided dialog by messages', () => {
  it('asks in the DM one field at a time, confirms, and saves on "save"', async () => {
    const [first] = await after(() => bot.sender.dm('change', ADA));
    expect(first).toMatchObject({ method: 'chat.postMessage', args: { channel: 'DUADA' } });
    expect(inputIds(first.args.blocks as Json[])[0]).toBe('title');
    const [second] = await after(() => bot.sender.dm('Add SSO to scope', ADA));
    expect(inputIds(second.args.blocks as Json[])[0]).toBe('title'); // the order stays; the question names the field asked
    expect(text(second.args.blocks)).toMatch(/Which project is it for\?/);
    const replies = await after(() => bot.sender.dm('APOLLO', ADA));
    const last = replies[replies.length - 1];
    let guard = 0;
    let current = last;
    // Optional fields the form offers are skipped by typing "skip" until it asks to save.
    while (!/Save this change/.test(text(current.args.blocks)) && guard++ < 8) {
      const next = await after(() => bot.sender.dm('skip', ADA));
      current = next[next.length - 1];
    }
    expect(text(current.args.blocks)).toMatch(/Save this change/);
    const [saved] = await after(() => bot.sender.dm('save', ADA));
    expect(saved.args).toMatchObject({ channel: 'DUADA' });
    expect(saved.args.text).toMatch(/^Saved C-\d+ Add SSO to scope$/);
    expect(await ChangeRequestModel.findOne({ title: 'Add SSO to scope' }).lean()).toMatchObject({ projectKey: 'APOLLO', raisedById: 'UADA' });
  });

  it('leaves a dialog on "cancel", saving nothing', async () => {
    await after(() => bot.sender.dm('issue', ADA));
    const [cancelled] = await after(() => bot.sender.dm('cancel', ADA));
    expect(cancelled.args.text).toBe('Cancelled — nothing was saved.');
    expect(await IssueModel.countDocuments({})).toBe(1);
  });

  it('continues a dialog in the thread of an @mention, from the form’s own Save button', async () => {
    let ts = '';
    const [form] = await after(async () => {
      ({ ts } = await bot.sender.mention('risk', { ...ADA, channel: 'CAPOLLO' }));
    });
    expect(form.args).toMatchObject({ channel: 'CAPOLLO', thread_ts: ts });
    const [confirm] = await after(() => bot.sender.click(IN_APOLLO, button(form.args.blocks as Json[], 'pmo.form.submit'), {
      message: { ts: '1700000999.000001', thread_ts: ts },
      state: formState(form.args.blocks as Json[], { title: 'Supplier insolvency', probability: '2', impact: '5' }),
    }));
    expect(confirm.args).toMatchObject({ channel: 'CAPOLLO', thread_ts: ts });
    expect(text(confirm.args.blocks)).toMatch(/Save this risk\?/);
    // The typed answer in the same thread continues the same dialog.
    const [saved] = await after(() => bot.sender.mention('save', { ...ADA, channel: 'CAPOLLO' }, { threadTs: ts }));
    expect(saved.args).toMatchObject({ channel: 'CAPOLLO', thread_ts: ts });
    expect(saved.args.text).toMatch(/^Saved R-\d+ Supplier insolvency$/);
    expect(await RiskModel.findOne({ title: 'Supplier insolvency' }).lean()).toMatchObject({ probability: 2, impact: 5, projectKey: 'APOLLO' });
  });
});

describe('the status update in a modal, under the controlling policy (issue 14)', () => {
  it('re-asks the reason an amber status left empty, then saves it with the forecast', async () => {
    await bot.sender.command('settings policy=controlling', IN_APOLLO);
    await bot.slack.idle();
    const [opened] = await after(() => bot.sender.command('status', IN_APOLLO));
    expect(opened.method).toBe('views.open');
    const form = viewOf(opened, 'V-STATUS');
    stub.on('views.open', () => ({ view: { id: 'V-STATUS' } }));
    expect(inputIds(form.blocks)).toEqual(expect.arrayContaining(['rag', 'reason', 'forecast']));

    const [asked] = await after(() => bot.sender.submit(ADA, form, formState(form.blocks, { rag: 'amber', forecast: '2027-03-01' })));
    const again = viewOf(asked);
    expect(again.callback_id).toBe('pmo.form.submit');
    expect(text(again.blocks)).toMatch(/Reason \(amber\/red\) is needed here, so it cannot be left empty/);
    expect(focused(again.blocks)).toEqual(['reason']);

    const [confirm] = await after(() => bot.sender.submit(ADA, again, formState(again.blocks, { reason: 'Vendor missed the API drop' })));
    const confirmation = viewOf(confirm);
    expect(confirmation.callback_id).toBe('pmo.modal.confirm');
    const saved = await after(() => bot.sender.click(ADA, button(confirmation.blocks, 'pmo.confirm.save'), { view: { ...confirmation, type: 'modal' } }));
    const done = saved.find((c) => c.method === 'views.update');
    expect(text(done?.args.view)).toMatch(/Why amber/);
    expect(text(done?.args.view)).toMatch(/Forecast finish/);
    expect(await StatusUpdateModel.findOne({ projectKey: 'APOLLO' }).lean()).toMatchObject({ overall: 'amber', reason: 'Vendor missed the API drop', forecastFinish: '2027-03-01', baselineFinish: '2027-03-01' });
    stub.on('views.open', () => ({ view: { id: `V${Date.now()}` } }));
  });
});
