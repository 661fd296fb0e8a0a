// "Log in PMO register" on a Slack message, at the wire: a signed message_action opens the
// prefilled modal, the kind's form follows in it, the same runner saves (a bad field asked again
// in the modal), the item keeps the message's permalink and author, and the confirmation goes in
// the message's thread.
import { checkModal, type SlackModalView } from '../../../cards/blocks';
import { IssueModel, RiskModel } from '../../../models';
import { useTestDatabase } from '../../support/db';
import type { SlackCall } from '../../support/slack-api-stub';
import { useSlackBot } from '../../support/slack-harness';
import { closedPayload, formState, type Where } from '../../support/slack-requests';

useTestDatabase();

const ADA: Where = { team: 'T1', user: 'UADA', channel: 'CAPOLLO', channelName: 'apollo' };
/** A plain member: no role on any project, and anyone may log. */
const BEN: Where = { team: 'T1', user: 'UBEN', channel: 'CAPOLLO', channelName: 'apollo' };
const PERMALINK = 'https://team-one.slack.com/archives/CAPOLLO/p1796638320000100';
/** 7 Dec 2026 10:12 UTC (the workspace's zone). */
const MESSAGE_TS = '1796638320.000100';

type Json = Record<string, unknown>;
interface View { id: string; private_metadata: string; title: unknown; callback_id: string; blocks: Json[] }

const { stub, bot } = useSlackBot({
  users: { UADA: { name: 'Ada Admin', isAdmin: true }, UBEN: { name: 'Ben Member' }, UPRIYA: { name: 'Priya Shah' } },
  now: () => new Date('2026-12-07T11:00:00Z'),
});

beforeAll(async () => {
  await bot.sender.command('project add APOLLO "Apollo launch"', ADA);
  await bot.slack.idle();
  await bot.sender.command('link APOLLO', ADA);
  await bot.slack.idle();
});

let seq = 0;
/** A message_action payload as Slack signs and sends it for a message shortcut. */
function shortcut(where: Where, message: Json, callbackId = 'pmo.log_message'): Json {
  seq += 1;
  return {
    type: 'message_action',
    callback_id: callbackId,
    trigger_id: `trig.shortcut.${seq}`,
    response_url: stub.responseUrl(`sc${seq}`),
    message_ts: message.ts,
    message: { type: 'message', ...message },
    team: { id: where.team, domain: 'team-one' },
    user: { id: where.user, name: where.user.toLowerCase(), team_id: where.team },
    channel: { id: where.channel, name: where.channelName },
    token: 'legacy-verification-token',
    action_ts: `${Date.now() / 1000}`,
  };
}

async function after(send: () => Promise<unknown>): Promise<SlackCall[]> {
  const before = stub.calls.length;
  await send();
  await bot.slack.idle();
  return stub.calls.slice(before).filter((c) => !['users.info', 'auth.test'].includes(c.method));
}

const viewOf = (call: SlackCall | undefined, id?: string): View => ({ ...(call?.args.view as View), id: id ?? String(call?.args.view_id) });
const text = (value: unknown): string => JSON.stringify(value);
const initial = (view: View, field: string): string | undefined =>
  ((view.blocks.find((b) => b.block_id === field)?.element as Json | undefined)?.initial_value as string | undefined);
function saveButton(blocks: Json[]): { action_id: string; value: string } {
  for (const block of blocks) {
    for (const e of (block.elements as Json[] | undefined) ?? []) {
      if (e.type === 'button' && (JSON.parse(String(e.value)) as Json).verb === 'pmo.confirm.save') return { action_id: String(e.action_id), value: String(e.value) };
    }
  }
  throw new Error(`no Save button in ${text(blocks).slice(0, 300)}`);
}

describe('Log in PMO register (message shortcut)', () => {
  it('opens the prefilled modal, asks the risk form in it, re-asks a bad field, saves with the link, and confirms in the thread', async () => {
    stub.on('chat.getPermalink', () => ({ channel: 'CAPOLLO', permalink: PERMALINK }));
    stub.on('views.open', () => ({ view: { id: 'V-LOG' } }));
    const message = { ts: MESSAGE_TS, user: 'UPRIYA', text: 'Vendor says the API slips two weeks\nThey need sign-off from <@UADA> &amp; legal first.' };
    let ack = 0;
    const opened = await after(async () => {
      ack = (await bot.sender.interaction(shortcut(BEN, message))).status;
    });
    expect(ack).toBe(200);
    expect(stub.callsTo('chat.getPermalink').at(-1)?.args).toMatchObject({ channel: 'CAPOLLO', message_ts: MESSAGE_TS });
    const open = opened.find((c) => c.method === 'views.open');
    expect(open?.args.trigger_id).toMatch(/^trig\.shortcut\./);
    const first = viewOf(open, 'V-LOG');
    expect(checkModal(first as unknown as SlackModalView)).toEqual([]);
    expect(first.callback_id).toBe('pmo.log_message.kind');
    expect(initial(first, 'title')).toBe('Vendor says the API slips two weeks');
    expect(initial(first, 'description')).toBe(
      'From Priya Shah, 7 Dec 2026 10:12: Vendor says the API slips two weeks\nThey need sign-off from @Ada Admin & legal first.',
    );
    expect(text(first.blocks)).toContain('Project: *APOLLO*');

    // The kind chosen: the risk form follows in the same modal, everything prefilled, asking what is missing.
    const [formCall] = await after(() => bot.sender.submit(BEN, first, formState(first.blocks, { pmo_kind: 'risk' })));
    expect(formCall).toMatchObject({ method: 'views.update', args: { view_id: 'V-LOG' } });
    const form = viewOf(formCall);
    expect(form.callback_id).toBe('pmo.form.submit');
    expect(initial(form, 'title')).toBe('Vendor says the API slips two weeks');
    expect(initial(form, 'description')).toContain('From Priya Shah, 7 Dec 2026 10:12');
    expect(text(form.blocks)).toContain('APOLLO');

    // A probability out of range is asked again, in the modal, with the reason; nothing is saved.
    const [again] = await after(() => bot.sender.submit(BEN, form, formState(form.blocks, { probability: '9', impact: '4' })));
    const asked = viewOf(again);
    expect(again.method).toBe('views.update');
    expect(asked.callback_id).toBe('pmo.form.submit');
    expect(text(asked.blocks)).toMatch(/probability/i);
    expect(await RiskModel.countDocuments({})).toBe(0);

    const [confirmCall] = await after(() => bot.sender.submit(BEN, asked, formState(asked.blocks, { probability: '4', impact: '4' })));
    const confirmation = viewOf(confirmCall);
    expect(confirmation.callback_id).toBe('pmo.modal.confirm');
    const saved = await after(() => bot.sender.click(BEN, saveButton(confirmation.blocks), { view: { ...confirmation, type: 'modal' } }));

    // The confirmation goes in the message's thread, with the key, the title and the link back.
    const posted = saved.find((c) => c.method === 'chat.postMessage');
    expect(posted?.args).toMatchObject({ channel: 'CAPOLLO', thread_ts: MESSAGE_TS, text: 'Saved R-1 Vendor says the API slips two weeks' });
    expect(text(posted?.args.blocks)).toContain(`<${PERMALINK}|the message>`);
    expect(saved.find((c) => c.method === 'views.update')?.args.view).toMatchObject({ callback_id: 'pmo.modal.done' });
    expect(await RiskModel.findOne({ key: 'R-1' }).lean()).toMatchObject({
      title: 'Vendor says the API slips two weeks', projectKey: 'APOLLO', probability: 4, impact: 4, raisedById: 'UBEN',
      sourceUrl: PERMALINK, sourceAuthor: 'Priya Shah',
    });

    // show links back to the message.
    const [shown] = await after(() => bot.sender.command('show R-1', ADA));
    expect(text(shown.args.blocks)).toContain(`<${PERMALINK}|the message>`);
    expect(text(shown.args.blocks)).toMatch(/logged from a message by Priya Shah/);
  });

  it('logs without a link when Slack gives no permalink, and answers a reply in its own thread', async () => {
    stub.fail('chat.getPermalink', 'message_not_found');
    stub.on('views.open', () => ({ view: { id: 'V-LOG2' } }));
    const reply = { ts: '1796638400.000200', thread_ts: MESSAGE_TS, user: 'UPRIYA', text: 'Test rig is down again' };
    const opened = await after(() => bot.sender.interaction(shortcut(BEN, reply)));
    const first = viewOf(opened.find((c) => c.method === 'views.open'), 'V-LOG2');
    const [next] = await after(() => bot.sender.submit(BEN, first, formState(first.blocks, { pmo_kind: 'issue' })));
    let view = viewOf(next);
    // An issue may need nothing more: its form or straight its confirmation, both in the modal.
    if (view.callback_id === 'pmo.form.submit') view = viewOf((await after(() => bot.sender.submit(BEN, view, formState(view.blocks, { priority: 'high' }))))[0]);
    expect(view.callback_id).toBe('pmo.modal.confirm');
    const saved = await after(() => bot.sender.click(BEN, saveButton(view.blocks), { view: { ...view, type: 'modal' } }));
    const posted = saved.find((c) => c.method === 'chat.postMessage');
    expect(posted?.args).toMatchObject({ channel: 'CAPOLLO', thread_ts: MESSAGE_TS });
    expect(text(posted?.args.blocks)).not.toContain('the message>');
    const issue = await IssueModel.findOne({ title: 'Test rig is down again' }).lean();
    expect(issue).toMatchObject({ projectKey: 'APOLLO', sourceAuthor: 'Priya Shah' });
    expect(issue?.sourceUrl || undefined).toBeUndefined();
  });

  it('ends the form quietly when its modal is closed, saving nothing; the shortcut then starts afresh', async () => {
    stub.on('chat.getPermalink', () => ({ channel: 'CAPOLLO', permalink: PERMALINK }));
    stub.on('views.open', () => ({ view: { id: 'V-LOG3' } }));
    const message = { ts: '1796638500.000300', user: 'UPRIYA', text: 'Budget review moved to Friday' };
    const first = viewOf((await after(() => bot.sender.interaction(shortcut(BEN, message)))).find((c) => c.method === 'views.open'), 'V-LOG3');
    const form = viewOf((await after(() => bot.sender.submit(BEN, first, formState(first.blocks, { pmo_kind: 'risk' }))))[0]);
    expect(form.callback_id).toBe('pmo.form.submit');
    expect(await after(() => bot.sender.interaction(closedPayload(BEN, form)))).toEqual([]);
    expect(await RiskModel.countDocuments({ title: 'Budget review moved to Friday' })).toBe(0);
    // The same message again: a fresh first modal, and its form starts anew (not "that form has ended").
    const again = viewOf((await after(() => bot.sender.interaction(shortcut(BEN, message)))).find((c) => c.method === 'views.open'), 'V-LOG4');
    const [next] = await after(() => bot.sender.submit(BEN, again, formState(again.blocks, { pmo_kind: 'risk' })));
    expect(viewOf(next).callback_id).toBe('pmo.form.submit');
    await after(() => bot.sender.interaction(closedPayload(BEN, viewOf(next))));
  });

  it('ignores a shortcut of another callback id', async () => {
    const calls = await after(() => bot.sender.interaction(shortcut(BEN, { ts: MESSAGE_TS, user: 'UPRIYA', text: 'x' }, 'someone.else')));
    expect(calls.filter((c) => c.method === 'views.open')).toEqual([]);
  });
});
