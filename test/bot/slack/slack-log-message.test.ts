// "Log in PMO register" on a Slack message, at the wire, in two presses (the shortcut, then Save):
// a signed message_action opens ONE modal that is already the risk's whole form, prefilled; its
// "Log it as" select (dispatch_action) switches the modal to another kind's form keeping what was
// typed; Save runs the runner (a bad field asked again in the modal), the item keeps the message's
// permalink and author, and the confirmation goes in the message's thread.
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
interface View { id: string; private_metadata: string; title: unknown; callback_id: string; blocks: Json[]; notify_on_close?: boolean; submit?: unknown }

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
/** What an input shows: its text, its chosen option or its date. */
function shown(view: View, field: string): string | undefined {
  const element = view.blocks.find((b) => b.block_id === field)?.element as Json | undefined;
  return (element?.initial_value ?? (element?.initial_option as Json | undefined)?.value ?? element?.initial_date) as string | undefined;
}
let hashes = 0;
/** The "Log it as" select changed in the modal: block_actions with the view (its hash and its inputs' state) as Slack sends it. */
function pickKind(where: Where, view: View, kind: string, answers: Record<string, string> = {}): Json {
  hashes += 1;
  return {
    type: 'block_actions',
    team: { id: where.team, domain: 'team-one' },
    user: { id: where.user, username: where.user.toLowerCase(), name: where.user.toLowerCase(), team_id: where.team },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    trigger_id: `trig.pick.${hashes}`,
    container: { type: 'view', view_id: view.id },
    view: {
      id: view.id, team_id: where.team, type: 'modal', callback_id: view.callback_id, private_metadata: view.private_metadata, title: view.title,
      hash: `hash-${hashes}`, state: { values: formState(view.blocks, { ...answers, logKind: kind }) }, blocks: view.blocks,
    },
    actions: [{
      type: 'static_select', block_id: 'logKind', action_id: 'logKind', action_ts: `1796638900.00${hashes}`,
      selected_option: { text: { type: 'plain_text', text: kind }, value: kind },
    }],
  };
}

describe('Log in PMO register (message shortcut)', () => {
  it('opens the risk form prefilled, switches kind in place keeping what was typed, re-asks a bad field, saves on Save, confirms in the thread', async () => {
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
    // One modal, already the risk's whole form: nothing to press before it but Save.
    const risk = viewOf(open, 'V-LOG');
    expect(checkModal(risk as unknown as SlackModalView)).toEqual([]);
    expect(risk.callback_id).toBe('pmo.log_message.kind');
    expect(risk.submit).toMatchObject({ text: 'Save' });
    expect(risk.notify_on_close).toBeUndefined();
    expect(risk.blocks.find((b) => b.block_id === 'logKind')).toMatchObject({ type: 'input', dispatch_action: true, element: { type: 'static_select' } });
    expect(shown(risk, 'logKind')).toBe('risk');
    expect(shown(risk, 'title')).toBe('Vendor says the API slips two weeks');
    expect(shown(risk, 'description')).toBe(
      'Vendor says the API slips two weeks\nThey need sign-off from @Ada Admin & legal first.\n\n— Priya Shah, 7 Dec 2026 10:12',
    );
    expect(shown(risk, 'project')).toBe('APOLLO');
    expect(risk.blocks.map((b) => b.block_id)).toEqual(expect.arrayContaining(['probability', 'impact']));

    // "Log it as" → issue: the same modal (its id and hash) becomes the issue's form, the edited title and the rest kept.
    let pickAck = 0;
    const switched = await after(async () => {
      pickAck = (await bot.sender.interaction(pickKind(BEN, risk, 'issue', { title: 'API slips two weeks' }))).status;
    });
    expect(pickAck).toBe(200);
    expect(switched.map((c) => c.method)).toEqual(['views.update']);
    expect(switched[0].args).toMatchObject({ view_id: 'V-LOG', hash: `hash-${hashes}` });
    const issue = viewOf(switched[0]);
    expect(checkModal(issue as unknown as SlackModalView)).toEqual([]);
    expect(issue.callback_id).toBe('pmo.log_message.kind');
    expect(shown(issue, 'logKind')).toBe('issue');
    expect(shown(issue, 'title')).toBe('API slips two weeks');
    expect(shown(issue, 'description')).toContain('— Priya Shah, 7 Dec 2026 10:12');
    expect(shown(issue, 'project')).toBe('APOLLO');
    expect(issue.blocks.map((b) => b.block_id)).not.toContain('probability');
    expect(await IssueModel.countDocuments({})).toBe(0);

    // And back to risk: its form again, the title still the edited one.
    const [back] = await after(() => bot.sender.interaction(pickKind(BEN, issue, 'risk')));
    const form = viewOf(back);
    expect(shown(form, 'logKind')).toBe('risk');
    expect(shown(form, 'title')).toBe('API slips two weeks');

    // A probability out of range: the form again in the modal, the reason under that field, what was typed kept; nothing saved.
    const [again] = await after(() => bot.sender.submit(BEN, form, formState(form.blocks, { probability: '9', impact: '4' })));
    expect(again).toMatchObject({ method: 'views.update', args: { view_id: 'V-LOG' } });
    const asked = viewOf(again);
    expect(asked.callback_id).toBe('pmo.log_message.kind');
    const probabilityAt = asked.blocks.findIndex((b) => b.block_id === 'probability');
    expect(asked.blocks[probabilityAt + 1]).toMatchObject({ type: 'context' });
    expect(text(asked.blocks[probabilityAt + 1])).toContain('Probability must be a whole number from 1 to 5');
    expect(shown(asked, 'impact')).toBe('4');
    expect(shown(asked, 'title')).toBe('API slips two weeks');
    expect(await RiskModel.countDocuments({})).toBe(0);

    // Save: saved at once (the modal is the confirmation), the outcome in the modal, the confirmation in the message's thread.
    const saved = await after(() => bot.sender.submit(BEN, asked, formState(asked.blocks, { probability: '4', impact: '4' })));
    const posted = saved.find((c) => c.method === 'chat.postMessage');
    expect(posted?.args).toMatchObject({ channel: 'CAPOLLO', thread_ts: MESSAGE_TS, text: 'Saved R-1 API slips two weeks' });
    expect(text(posted?.args.blocks)).toContain(`<${PERMALINK}|the message>`);
    expect(saved.find((c) => c.method === 'views.update')?.args.view).toMatchObject({ callback_id: 'pmo.modal.done' });
    expect(await RiskModel.findOne({ key: 'R-1' }).lean()).toMatchObject({
      title: 'API slips two weeks', projectKey: 'APOLLO', probability: 4, impact: 4, raisedById: 'UBEN',
      sourceUrl: PERMALINK, sourceAuthor: 'Priya Shah',
    });
    expect(await RiskModel.countDocuments({})).toBe(1);

    // show links back to the message.
    const [showReply] = await after(() => bot.sender.command('show R-1', ADA));
    expect(text(showReply.args.blocks)).toContain(`<${PERMALINK}|the message>`);
    expect(text(showReply.args.blocks)).toMatch(/logged from a message by Priya Shah/);
  });

  it('logs without a link when Slack gives no permalink, and answers a reply in its own thread', async () => {
    stub.fail('chat.getPermalink', 'message_not_found');
    stub.on('views.open', () => ({ view: { id: 'V-LOG2' } }));
    const reply = { ts: '1796638400.000200', thread_ts: MESSAGE_TS, user: 'UPRIYA', text: 'Test rig is down again' };
    const opened = await after(() => bot.sender.interaction(shortcut(BEN, reply)));
    const risk = viewOf(opened.find((c) => c.method === 'views.open'), 'V-LOG2');
    const issue = viewOf((await after(() => bot.sender.interaction(pickKind(BEN, risk, 'issue'))))[0]);
    expect(shown(issue, 'logKind')).toBe('issue');
    const saved = await after(() => bot.sender.submit(BEN, issue, formState(issue.blocks)));
    const posted = saved.find((c) => c.method === 'chat.postMessage');
    expect(posted?.args).toMatchObject({ channel: 'CAPOLLO', thread_ts: MESSAGE_TS });
    expect(text(posted?.args.blocks)).not.toContain('the message>');
    const logged = await IssueModel.findOne({ title: 'Test rig is down again' }).lean();
    expect(logged).toMatchObject({ projectKey: 'APOLLO', sourceAuthor: 'Priya Shah' });
    expect(logged?.sourceUrl || undefined).toBeUndefined();
  });

  it('where the bot may not post, the confirmation goes to the asker alone, never to the channel outside the thread', async () => {
    stub.on('chat.getPermalink', () => ({ channel: 'COTHER', permalink: PERMALINK }));
    stub.on('views.open', () => ({ view: { id: 'V-LOG6' } }));
    const elsewhere: Where = { ...BEN, channel: 'COTHER', channelName: 'other' };
    const message = { ts: '1796638700.000500', user: 'UPRIYA', text: 'Supplier invoice disputed' };
    const form = viewOf((await after(() => bot.sender.interaction(shortcut(elsewhere, message)))).find((c) => c.method === 'views.open'), 'V-LOG6');
    stub.fail('chat.postMessage', 'not_in_channel');
    const saved = await after(() => bot.sender.submit(elsewhere, form, formState(form.blocks, { probability: '2', impact: '3', project: 'APOLLO' })));
    const answered = saved.filter((c) => c.method === 'response_url');
    expect(answered.map((c) => [c.args.response_type, c.args.text])).toEqual([['ephemeral', expect.stringMatching(/^Saved R-\d+ Supplier invoice disputed$/)]]);
    expect(await RiskModel.countDocuments({ title: 'Supplier invoice disputed', sourceUrl: PERMALINK })).toBe(1);
  });

  it('saves nothing when the modal is closed, and picking the kind already shown changes nothing', async () => {
    stub.on('chat.getPermalink', () => ({ channel: 'CAPOLLO', permalink: PERMALINK }));
    stub.on('views.open', () => ({ view: { id: 'V-LOG3' } }));
    const message = { ts: '1796638500.000300', user: 'UPRIYA', text: 'Budget review moved to Friday' };
    const risk = viewOf((await after(() => bot.sender.interaction(shortcut(BEN, message)))).find((c) => c.method === 'views.open'), 'V-LOG3');
    expect(await after(() => bot.sender.interaction(pickKind(BEN, risk, 'risk', { probability: '2', impact: '2' })))).toEqual([]);
    expect(await after(() => bot.sender.interaction(closedPayload(BEN, risk)))).toEqual([]);
    expect(await RiskModel.countDocuments({ title: 'Budget review moved to Friday' })).toBe(0);
    // The same message again: a fresh modal with the risk's form.
    stub.on('views.open', () => ({ view: { id: 'V-LOG4' } }));
    const again = viewOf((await after(() => bot.sender.interaction(shortcut(BEN, message)))).find((c) => c.method === 'views.open'), 'V-LOG4');
    expect(shown(again, 'title')).toBe('Budget review moved to Friday');
  });

  it('opens the form within Slack\'s 3 seconds when the look-ups are slow: no link and mentions as Slack labelled them', async () => {
    stub.delay('chat.getPermalink', 2_500);
    stub.delay('users.info', 2_500);
    stub.on('views.open', () => ({ view: { id: 'V-LOG5' } }));
    const message = { ts: '1796638600.000400', user: 'UNEW', text: 'Ask <@UNOBODY|nobody> about the rig' };
    const calls = await after(() => bot.sender.interaction(shortcut(BEN, message)));
    const form = viewOf(calls.find((c) => c.method === 'views.open'), 'V-LOG5');
    // Opened without waiting for them: the mention as Slack labelled it, and no link in the form's metadata.
    expect(shown(form, 'title')).toBe('Ask @nobody about the rig');
    expect(form.private_metadata).not.toContain(PERMALINK);
    stub.delay('chat.getPermalink', 0);
    stub.delay('users.info', 0);
  }, 20_000);

  it('ignores a shortcut of another callback id', async () => {
    const calls = await after(() => bot.sender.interaction(shortcut(BEN, { ts: MESSAGE_TS, user: 'UPRIYA', text: 'x' }, 'someone.else')));
    expect(calls.filter((c) => c.method === 'views.open')).toEqual([]);
  });
});
