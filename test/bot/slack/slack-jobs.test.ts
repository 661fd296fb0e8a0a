// The scheduled jobs through Slack: SlackJobSender posts digests, reminders and nudges with
// chat.postMessage, and their buttons, pressed as Slack sends them, do what they do from Teams.
import pino from 'pino';
import { checkMessage } from '../../../cards/blocks';
import { createIssue, createRisk, getItem, getJobRun } from '../../../core/services';
import { planJob } from '../../../jobs/planners';
import { createScheduler, DeliveryError, toDeliveryError, type JobScheduler } from '../../../jobs/runtime';
import type { PlannedDelivery } from '../../../jobs/types';
import { WorkspaceModel, type WorkspaceDoc } from '../../../models';
import { useTestDatabase } from '../../support/db';
import type { SlackCall } from '../../support/slack-api-stub';
import { BOT_TOKEN, slackTalk, useSlackBot } from '../../support/slack-harness';
import type { Where } from '../../support/slack-requests';

useTestDatabase();

type Json = Record<string, unknown>;

/** Tuesday 1 Dec 2026, 10:00 UTC (the workspace's zone): ISO week 2026-W49. */
const NOW = new Date('2026-12-01T10:00:00Z');
const LAST_MONTH = new Date('2026-11-02T10:00:00Z');
const ADA: Where = { team: 'T1', user: 'UADA' }; // a Slack workspace admin, so a PMO admin
const SAM: Where = { team: 'T1', user: 'USAM' }; // APOLLO's PM
const JANE: Where = { team: 'T1', user: 'UJANE' }; // owns R-1 and I-1
const BOB: Where = { team: 'T1', user: 'UBOB' }; // owns R-2
const IN_EXEC: Where = { ...ADA, channel: 'CEXEC', channelName: 'exec' };

let scheduler: JobScheduler;
let ws: WorkspaceDoc;

// As bot/mount.ts wires it: the scheduler's commands into the dialogs, the Slack sender into the scheduler.
// Hooks run in the order declared, so the scheduler is made before the bot starts and stopped before it stops.
beforeAll(() => {
  scheduler = createScheduler({ senders: [], logger: pino({ level: 'silent' }), instanceId: 'slack-jobs-test', cron: false });
});
afterAll(async () => {
  await scheduler.stop();
});
const { stub, bot } = useSlackBot({
  users: {
    UADA: { name: 'Ada Admin', isAdmin: true },
    USAM: { name: 'Sam PM' },
    UJANE: { name: 'Jane Owner' },
    UBOB: { name: 'Bob Member' },
  },
  now: () => NOW,
  jobs: () => scheduler.commands,
});

beforeAll(async () => {
  scheduler.addSender(bot.slack.jobSender);

  await pmo('portfolio add DIGITAL "Digital"', ADA);
  await pmo('project add APOLLO "Apollo launch" portfolio=DIGITAL pm=<@USAM>', ADA);
  await pmo('link exec DIGITAL', IN_EXEC);
  for (const who of [SAM, JANE, BOB]) await pmo('help', who);
  ws = (await WorkspaceModel.findOne({ platform: 'slack', externalId: 'T1' }).lean<WorkspaceDoc>())!;
  const admin = { userId: 'UADA', isPlatformAdmin: true };
  await createRisk(ws._id, admin, { title: 'Vendor API may slip', projectKey: 'APOLLO', probability: 4, impact: 5, due: '2026-11-20', ownerId: 'UJANE' }, LAST_MONTH);
  await createIssue(ws._id, admin, { title: 'Build server down', projectKey: 'APOLLO', due: '2026-11-25', ownerId: 'UJANE' }, LAST_MONTH);
  await createRisk(ws._id, admin, { title: 'Licence renewal late', projectKey: 'APOLLO', probability: 2, impact: 3, due: '2026-11-24', ownerId: 'UBOB' }, LAST_MONTH);
});

const { pmo, after } = slackTalk({ stub, bot });

async function plan(job: 'digest' | 'reminders' | 'nudge'): Promise<PlannedDelivery[]> {
  return (await planJob(job, ws, NOW)).deliveries;
}

const elementsOf = (blocks: Json[]): Json[] => blocks.flatMap((b) => [...((b.elements as Json[] | undefined) ?? []), ...(b.accessory ? [b.accessory as Json] : [])]);

/** The button on a posted message whose data has this verb (and key), as Slack will send it back. */
function button(blocks: Json[], verb: string, key?: string): { action_id: string; value: string } {
  const found = elementsOf(blocks).find((e) => {
    if (e.type !== 'button') return false;
    const data = JSON.parse(String(e.value)) as Json;
    return data.verb === verb && (key === undefined || data.key === key);
  });
  if (!found) throw new Error(`no ${verb} button${key ? ` for ${key}` : ''} on the message`);
  return { action_id: String(found.action_id), value: String(found.value) };
}

/** The date picker beside `key`'s Set due date button: its block and action ids as posted. */
function datePicker(blocks: Json[], key: string): { block_id: string; action_id: string } {
  for (const block of blocks.filter((b) => b.type === 'actions')) {
    const picker = elementsOf([block]).find((e) => e.type === 'datepicker');
    const forKey = elementsOf([block]).some((e) => e.type === 'button' && (JSON.parse(String(e.value)) as Json).key === key);
    if (picker && forKey) return { block_id: String(block.block_id), action_id: String(picker.action_id) };
  }
  throw new Error(`no date picker for ${key}`);
}

/** Slack's state.values for the message with `key`'s date picker set to `date` ('' for cleared). */
function pickedDate(blocks: Json[], key: string, date: string): Json {
  const { block_id, action_id } = datePicker(blocks, key);
  return { [block_id]: { [action_id]: { type: 'datepicker', selected_date: date || null } } };
}

const dmOf = (who: Where): Where => ({ ...who, channel: `D${who.user}`, channelName: 'directmessage' });
const text = (call: SlackCall | undefined): string => String(call?.args.text ?? '');
const shown = (call: SlackCall | undefined): string => JSON.stringify(call?.args.blocks ?? []);

describe('SlackJobSender, without the scheduler', () => {
  it('posts the digest in the exec channel (a short parent, the details in its thread) and an owner’s reminder to their DM, within Block Kit’s limits', async () => {
    const digests = await plan('digest');
    expect(digests.map((d) => [d.key, d.message.kind])).toEqual([['digest:DIGITAL:channel:CEXEC', 'digest'], ['digest:DIGITAL:channel:CEXEC:thread', 'digest_thread']]);
    const [digest, thread] = digests;
    const reminder = (await plan('reminders')).find((d) => d.message.kind === 'owner_reminder' && d.recipient.kind === 'user' && d.recipient.userId === 'UJANE')!;
    expect(digest.recipient).toMatchObject({ kind: 'channel', platform: 'slack', channelId: 'CEXEC' });

    const before = stub.calls.length;
    const sentDigest = await bot.slack.jobSender.send(ws, digest.recipient, digest.message);
    const sentThread = await bot.slack.jobSender.send(ws, thread.recipient, thread.message, { threadId: sentDigest.messageId });
    const sentReminder = await bot.slack.jobSender.send(ws, reminder.recipient, reminder.message);
    const posts = stub.callsTo('chat.postMessage', before);
    expect(posts.map((p) => [p.args.channel, p.token])).toEqual([['CEXEC', BOT_TOKEN], ['CEXEC', BOT_TOKEN], ['UJANE', BOT_TOKEN]]);
    expect(sentDigest.messageId).toMatch(/^1700000000\.\d{6}$/);
    expect(sentReminder.messageId).not.toBe(sentDigest.messageId);
    expect(sentThread.messageId).not.toBe(sentDigest.messageId);

    const [digestPost, threadPost, reminderPost] = posts;
    expect(text(digestPost)).toMatch(/DIGITAL|Digital/);
    expect(shown(digestPost)).toContain('in the thread');
    expect(digestPost.args.thread_ts).toBeUndefined();
    expect(threadPost.args.thread_ts).toBe(sentDigest.messageId);
    expect(shown(threadPost)).toContain('APOLLO');
    expect(shown(threadPost)).toContain('R-1'); // the top risk by score
    expect(shown(reminderPost)).toContain('R-1');
    expect(shown(reminderPost)).toContain('I-1');
    expect(shown(reminderPost)).not.toContain('R-2'); // Bob’s, not Jane’s
    expect(reminderPost.args.thread_ts).toBeUndefined();
    for (const post of posts) expect(checkMessage({ text: text(post), blocks: post.args.blocks as Json[] })).toEqual([]);
  });

  it('lets a 429 through at once as a rate_limited DeliveryError with its Retry-After, for the runtime to retry', async () => {
    const nudge = (await plan('nudge'))[0];
    stub.rateLimit('chat.postMessage', 7);
    const before = stub.calls.length;
    const err = await bot.slack.jobSender.send(ws, nudge.recipient, nudge.message).catch((e: unknown) => e);
    expect(toDeliveryError(err)).toMatchObject({ code: 'rate_limited', retryAfterMs: 7000, status: 429, retryable: true });
    expect(stub.callsTo('chat.postMessage', before)).toHaveLength(1); // no retry inside the sender
  });

  it('says where it could not post, and refuses for good what Slack refuses', async () => {
    const digest = (await plan('digest')).find((d) => d.message.kind === 'digest')!;
    stub.fail('chat.postMessage', 'not_in_channel');
    const notIn = await bot.slack.jobSender.send(ws, digest.recipient, digest.message).catch((e: unknown) => e);
    expect(notIn).toBeInstanceOf(DeliveryError);
    expect(notIn).toMatchObject({ code: 'no_conversation', retryable: false, message: expect.stringMatching(/not in this channel.*\/invite/) });

    stub.fail('chat.postMessage', 'invalid_blocks');
    expect(toDeliveryError(await bot.slack.jobSender.send(ws, digest.recipient, digest.message).catch((e: unknown) => e))).toMatchObject({ code: 'rejected', retryable: false });
    stub.fail('chat.postMessage', 'internal_error');
    expect(toDeliveryError(await bot.slack.jobSender.send(ws, digest.recipient, digest.message).catch((e: unknown) => e))).toMatchObject({ code: 'unavailable', retryable: true });
  });

  it('never posts a workspace’s job with another team’s token', async () => {
    const other = { ...ws, externalId: 'T2' } as WorkspaceDoc;
    const before = stub.calls.length;
    const err = await bot.slack.jobSender.send(other, { kind: 'channel', platform: 'slack', channelId: 'CEXEC' }, (await plan('nudge'))[0].message).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'rejected', message: expect.stringContaining('T2') });
    expect(stub.callsTo('chat.postMessage', before)).toEqual([]);
  });
});

describe('the scheduled run, through the Slack sender', () => {
  it('posts Monday’s digest in the exec channel, the reminders and the PMO scorecard in DMs, once for the week', async () => {
    let now = new Date('2026-11-30T09:30:00Z'); // Monday: the default digest time, the reminders half an hour late
    const clock = { now: () => new Date(now), sleep: async (ms: number) => void (now = new Date(now.getTime() + ms)) };
    const scheduled = createScheduler({ senders: [bot.slack.jobSender], logger: pino({ level: 'silent' }), instanceId: 'slack-tick', cron: false, clock });
    try {
      const before = stub.calls.length;
      const report = await scheduled.tick();
      // The scorecard (default Mon 09:15) is due too, to the PMO admin (issue 14).
      expect(report.started.sort()).toEqual([`${ws._id}:digest:2026-W49`, `${ws._id}:reminders:2026-W49`, `${ws._id}:scorecard:2026-W49`]);
      const posted = stub.callsTo('chat.postMessage', before);
      expect(posted.map((c) => c.args.channel).sort()).toEqual(['CEXEC', 'CEXEC', 'UADA', 'UBOB', 'UJANE', 'USAM']);
      for (const post of posted) expect(checkMessage({ text: text(post), blocks: post.args.blocks as Json[] })).toEqual([]);
      const [parent, thread] = posted.filter((c) => c.args.channel === 'CEXEC');
      expect(parent.args.thread_ts).toBeUndefined();
      expect(thread.args.thread_ts).toBe(parent.response?.ts);
      expect(text(posted.find((c) => c.args.channel === 'UADA')!)).toMatch(/^PMO scorecard — week 49: /);
      expect(await getJobRun(ws._id, 'scorecard', '2026-W49')).toMatchObject({ status: 'done', deliveries: 1, error: null });
      expect(await getJobRun(ws._id, 'reminders', '2026-W49')).toMatchObject({ status: 'done', deliveries: 3, error: null });
      expect(await getJobRun(ws._id, 'digest', '2026-W49')).toMatchObject({ status: 'done', deliveries: 2, error: null });

      const again = stub.calls.length;
      expect((await scheduled.tick()).started).toEqual([]);
      expect(stub.callsTo('chat.postMessage', again)).toEqual([]);
    } finally {
      await scheduled.stop();
    }
  });
});

describe('the digest thread, retried', () => {
  it('a thread reply that fails is retried in a later pass under the parent posted before; the parent is never posted again', async () => {
    let now = new Date('2026-12-07T09:30:00Z'); // the next Monday: a run of its own (2026-W50)
    const clock = { now: () => new Date(now), sleep: async (ms: number) => void (now = new Date(now.getTime() + ms)) };
    const scheduled = createScheduler({ senders: [bot.slack.jobSender], logger: pino({ level: 'silent' }), instanceId: 'slack-thread-retry', cron: false, clock });
    // Slack fails every threaded post of this pass (all its quick tries): the delivery waits for a later pass.
    let seq = 0;
    stub.on('chat.postMessage', (args) => (args.thread_ts ? { ok: false, error: 'internal_error' } : { channel: args.channel, ts: `1800000000.${String(++seq).padStart(6, '0')}` }));
    try {
      const before = stub.calls.length;
      await scheduled.tick();
      const first = stub.callsTo('chat.postMessage', before).filter((c) => c.args.channel === 'CEXEC');
      const parents = first.filter((c) => !c.args.thread_ts);
      expect(parents).toHaveLength(1);
      expect(first.filter((c) => c.args.thread_ts).length).toBeGreaterThan(0);
      expect((await getJobRun(ws._id, 'digest', '2026-W50'))?.status).not.toBe('done');

      stub.off('chat.postMessage');
      now = new Date(now.getTime() + 10 * 60_000);
      const again = stub.calls.length;
      await scheduled.tick();
      const second = stub.callsTo('chat.postMessage', again).filter((c) => c.args.channel === 'CEXEC');
      expect(second.map((c) => c.args.thread_ts)).toEqual([parents[0].response?.ts]);
      expect(await getJobRun(ws._id, 'digest', '2026-W50')).toMatchObject({ status: 'done', deliveries: 2, error: null });
    } finally {
      stub.off('chat.postMessage');
      await scheduled.stop();
    }
  });
});

describe('digest and reminders on demand, through the Slack sender', () => {
  it('/pmo digest in the exec channel posts the digest there and tells the asker', async () => {
    const calls = await pmo('digest', IN_EXEC);
    const posted = calls.filter((c) => c.method === 'chat.postMessage');
    expect(posted.map((c) => c.args.channel)).toEqual(['CEXEC', 'CEXEC']);
    expect(posted[1].args.thread_ts).toBe(posted[0].response?.ts);
    expect(shown(posted[1])).toContain('Vendor API may slip');
    const reply = calls.find((c) => c.method === 'response_url');
    expect(reply?.args).toMatchObject({ text: 'Posted the portfolio digest here.', response_type: 'ephemeral' });
  });

  it('/pmo reminders DMs the PM and each owner their overdue items', async () => {
    const calls = await pmo('reminders', ADA);
    const posted = calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel !== 'DUADA');
    expect(posted.map((c) => c.args.channel).sort()).toEqual(['UBOB', 'UJANE', 'USAM']);
    const sam = posted.find((c) => c.args.channel === 'USAM');
    for (const key of ['R-1', 'I-1', 'R-2']) expect(shown(sam)).toContain(key);
    const reply = calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === 'DUADA');
    expect(text(reply)).toBe('Sent 3 overdue reminders: 1 to a PM and 2 to owners.');
  });
});

describe('the job messages’ buttons, pressed in Slack', () => {
  /** Jane’s reminder as Slack showed it, posted by the sender: every button below comes from its blocks. */
  let reminder: { ts: string; blocks: Json[] };

  beforeAll(async () => {
    const planned = (await plan('reminders')).find((d) => d.message.kind === 'owner_reminder' && d.recipient.kind === 'user' && d.recipient.userId === 'UJANE')!;
    const before = stub.calls.length;
    const { messageId } = await bot.slack.jobSender.send(ws, planned.recipient, planned.message);
    const [post] = stub.callsTo('chat.postMessage', before);
    reminder = { ts: String(messageId), blocks: post.args.blocks as Json[] };
  });

  const item = async (key: string) => getItem(ws._id, key);
  const press = (who: Where, pressed: { action_id: string; value: string }, state?: Json) =>
    after(() => bot.sender.click(dmOf(who), pressed, { message: { ts: reminder.ts }, ...(state ? { state } : {}) }));

  it('Snooze a week moves the due date a week from today, with the history saying who', async () => {
    const calls = await press(JANE, button(reminder.blocks, 'pmo.item.snooze', 'R-1'));
    expect(calls.map((c) => [c.method, c.args.channel, text(c)])).toEqual([['chat.postMessage', 'DUJANE', 'Updated R-1 Vendor API may slip']]);
    const { item: r1, history } = await item('R-1');
    expect(r1.due).toBe('2026-12-08');
    expect(history.at(-1)).toMatchObject({ field: 'due', from: '2026-11-20', to: '2026-12-08', byId: 'UJANE' });
  });

  it('Set due date reads the date picker beside it, and refuses to act without a date', async () => {
    const setDue = button(reminder.blocks, 'pmo.item.due', 'I-1');
    const picked = await press(JANE, setDue, pickedDate(reminder.blocks, 'I-1', '2026-12-18'));
    expect(text(picked[0])).toBe('Updated I-1 Build server down');
    const { item: i1, history } = await item('I-1');
    expect(i1.due).toBe('2026-12-18');
    expect(history.at(-1)).toMatchObject({ field: 'due', from: '2026-11-25', to: '2026-12-18', byId: 'UJANE' });

    // Picking a date is a block_actions of its own, with nothing to do until the button is pressed.
    const pick = await after(() => bot.sender.interaction({
      type: 'block_actions', team: { id: 'T1', domain: 't1' }, user: { id: 'UJANE', team_id: 'T1' }, api_app_id: 'A1', trigger_id: 'trig.pick',
      container: { type: 'message', message_ts: reminder.ts, channel_id: 'DUJANE', is_ephemeral: false }, channel: { id: 'DUJANE', name: 'directmessage' },
      message: { type: 'message', ts: reminder.ts }, state: { values: pickedDate(reminder.blocks, 'I-1', '2026-12-24') },
      actions: [{ type: 'datepicker', ...datePicker(reminder.blocks, 'I-1'), selected_date: '2026-12-24', initial_date: '2026-12-08', action_ts: '1.2' }],
    }));
    expect(pick).toEqual([]);

    const refused = await press(JANE, setDue, pickedDate(reminder.blocks, 'I-1', ''));
    expect(text(refused[0])).toMatch(/Pick a new due date for I-1/);
    expect((await item('I-1')).item.due).toBe('2026-12-18');
  });

  it('Mark done closes the item for its owner, and is refused to someone who is neither owner, PM nor admin', async () => {
    const done = button(reminder.blocks, 'pmo.item.done', 'R-1');
    const refused = await press(BOB, done);
    expect(text(refused[0])).toMatch(/^Only the owner \(Jane Owner\).* can close R-1\./);
    expect((await item('R-1')).item.status).toBe('open');

    const closed = await press(JANE, done);
    expect(text(closed[0])).toBe('Closed R-1 Vendor API may slip');
    const { item: r1, history } = await item('R-1');
    expect(r1.status).toBe('closed');
    expect(history.at(-1)).toMatchObject({ action: 'closed', byId: 'UJANE', to: 'closed' });
  });

  it('the nudge’s button opens the status update for its project in a modal', async () => {
    const nudge = (await plan('nudge')).find((d) => d.recipient.kind === 'user' && d.recipient.userId === 'USAM')!;
    const before = stub.calls.length;
    const { messageId } = await bot.slack.jobSender.send(ws, nudge.recipient, nudge.message);
    const [post] = stub.callsTo('chat.postMessage', before);
    expect(post.args.channel).toBe('USAM');

    const start = button(post.args.blocks as Json[], 'pmo.start');
    expect(JSON.parse(start.value)).toEqual({ verb: 'pmo.start', command: 'status', project: 'APOLLO' });
    const calls = await after(() => bot.sender.click(dmOf(SAM), start, { message: { ts: String(messageId) } }));
    const [opened] = calls;
    expect(opened).toMatchObject({ method: 'views.open', args: { trigger_id: expect.stringMatching(/^trig\./), view: { type: 'modal' } } });
    const view = opened.args.view as Json;
    expect(JSON.stringify(view)).toContain('APOLLO');
    expect(JSON.stringify(view)).toMatch(/overall/i);

    const cancelled = await after(() => bot.sender.dm('cancel', SAM));
    expect(text(cancelled[0])).toMatch(/Cancelled/);
  });
});
