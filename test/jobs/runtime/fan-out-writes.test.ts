// What the fan-out asks of the database: conversation references read once per pass, the lease
// renewed every few seconds rather than per message, and the 'sending' state that keeps a resumed
// run from sending twice. Round trips per message are the bench's (bench/jobs.ts).
import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';
import { Types } from 'mongoose';
import { ConversationBook, TeamsJobSender } from '../../../bot/teams/job-sender';
import { getConversationRef, insertDeliveries, listConversationRefs, saveConversationRef } from '../../../core/services';
import { markSending, runDeliveries, type StoredDelivery } from '../../../jobs/runtime/delivery-store';
import { RateLimiter } from '../../../jobs/runtime/rate-limiter';
import { RENEW_EVERY_MS, RunLease } from '../../../jobs/runtime/run-lease';
import type { Recipient } from '../../../jobs/types';
import { JobRecordModel, type WorkspaceDoc } from '../../../models';
import { useTestDatabase } from '../../support/db';
import { monitorRoundTrips, type RoundTrips } from '../round-trips';
import { at, deliveriesOf, getJobRun, plannerFor, RecordingSender, resetJobs, schedulerFor, TestClock, workspaceWith } from './support';

useTestDatabase();

let wire: RoundTrips;
beforeAll(async () => {
  wire = await monitorRoundTrips();
});
beforeEach(resetJobs);

const PERIOD = '2026-W49';
const people = (n: number) => Array.from({ length: n }, (_, i) => `29:u-${i}`);

/** A Bot Framework adapter that posts into `sent` (conversation ids) without HTTP. */
function adapterInto(sent: string[]): CloudAdapter {
  const client = {
    conversations: {
      sendToConversation: async (conversationId: string, activity: Activity) => {
        sent.push(`${conversationId}:${String(activity.text)}`);
        return { id: `m-${sent.length}` };
      },
    },
  };
  const adapter = {
    ConnectorClientKey: Symbol('client'),
    async continueConversationAsync(_appId: string, _ref: Partial<ConversationReference>, logic: (context: unknown) => Promise<void>) {
      await logic({ adapter, turnState: new Map([[adapter.ConnectorClientKey, client]]) });
    },
  };
  return adapter as unknown as CloudAdapter;
}

async function personalChats(ws: WorkspaceDoc, userIds: readonly string[]): Promise<void> {
  for (const userId of userIds) {
    const conversation = { id: `a:${userId}`, conversationType: 'personal' };
    await saveConversationRef(ws._id, {
      platform: 'teams', kind: 'personal', conversationId: conversation.id, userId, channelId: null, serviceUrl: 'http://connector/',
      reference: { channelId: 'msteams', serviceUrl: 'http://connector/', conversation, user: { id: userId } },
    });
  }
}

describe('the fan-out on the database', () => {
  it('sends 40 messages with the conversation references read once for the pass', async () => {
    const ws = await workspaceWith({ nudge: 'Mon 10:00' });
    await personalChats(ws, people(40));
    const sent: string[] = [];
    const sender = new TeamsJobSender({ adapter: adapterInto(sent), appId: '', render: (m) => ({ type: 'message', text: m.kind }) });
    const { commands } = await wire.during(() => schedulerFor(new TestClock(at('10:00')), sender, plannerFor(() => people(40))).tick());
    expect(sent).toHaveLength(40);
    expect(await getJobRun(ws._id, 'nudge', PERIOD)).toMatchObject({ status: 'done', deliveries: 40 });
    expect((await deliveriesOf(ws._id, 'nudge', PERIOD)).map((d) => d.status)).toEqual(Array(40).fill('sent'));
    // The conversation references of the pass: one query, not one per message (round trips per message: bench/jobs.ts).
    expect(commands.filter((c) => c.collection === 'conversation_refs')).toHaveLength(1);
  });

  it('reads every delivery of a run, past a first batch, with its state', async () => {
    const ws = await workspaceWith({ nudge: 'Mon 10:00' });
    // 150: past FerretDB's first batch of 101. Every other one fails for now: the run stays open, half of it sent.
    const sender = new RecordingSender('teams', (r) => {
      if (r.kind === 'user' && Number(r.userId.split('-').pop()) % 2 === 0) throw Object.assign(new Error('busy'), { statusCode: 503 });
      return {};
    });
    await schedulerFor(new TestClock(at('10:00')), sender, plannerFor(() => people(150))).tick();
    const deliveries = await runDeliveries({ workspaceId: ws._id, job: 'nudge', period: PERIOD });
    expect(deliveries).toHaveLength(150);
    expect(deliveries.filter((d) => d.status === 'sent')).toHaveLength(75);
    expect(deliveries.filter((d) => d.status === 'pending' && d.nextAttemptAt && d.attempts === 1)).toHaveLength(75);
    expect(await getJobRun(ws._id, 'nudge', PERIOD)).toMatchObject({ status: 'claimed' });
  });

  it('closes a finished run keeping one record per delivery, without its planned message', async () => {
    const ws = await workspaceWith({ nudge: 'Mon 10:00' });
    await schedulerFor(new TestClock(at('10:00')), new RecordingSender(), plannerFor(() => people(4))).tick();
    expect(await getJobRun(ws._id, 'nudge', PERIOD)).toMatchObject({ status: 'done', deliveries: 4 });
    const records = await deliveriesOf(ws._id, 'nudge', PERIOD);
    expect(records.map((d) => [d.status, d.attempts, d.message])).toEqual(Array(4).fill(['sent', 1, undefined]));
  });
});

describe('a stopped holder’s sends', () => {
  it('fail what was being sent, once, and nothing else: the next holder sends the rest', async () => {
    const ws = await workspaceWith({ nudge: 'Mon 10:00' });
    const plan = plannerFor(() => ['u-1', 'u-2', 'u-3']);
    // A holder planned the run, marked u-1 sending, and hangs in its send (as if it died there).
    const a = schedulerFor(new TestClock(at('10:00')), new RecordingSender('teams', () => new Promise(() => undefined)), plan, { instanceId: 'bot-a', concurrency: 1 });
    void a.tick();
    const run = { workspaceId: ws._id, job: 'nudge' as const, period: PERIOD };
    for (let i = 0; i < 100 && !(await runDeliveries(run)).some((d) => d.status === 'sending'); i++) await new Promise((r) => setTimeout(r, 20));
    const [u1] = (await runDeliveries(run)).filter((d) => d.key.endsWith('u-1'));
    expect(u1.status).toBe('sending');
    // u-2 too was being sent; a second try of the same step finds it no longer pending.
    const u2 = (await runDeliveries(run)).find((d) => d.key.endsWith('u-2'))!;
    expect(await markSending(u2, 'bot-a', at('10:00'))).toBe(true);
    expect(await markSending(u2, 'bot-c', at('10:00'))).toBe(false);

    const b = new RecordingSender();
    const later = new TestClock(new Date(at('10:00').getTime() + 6 * 60_000));
    expect((await schedulerFor(later, b, plan, { instanceId: 'bot-b' }).tick()).resumed).toEqual([`${ws._id}:nudge:${PERIOD}`]);
    expect(b.sent.map((s) => s.to)).toEqual(['u-3']);
    const byKey = Object.fromEntries((await deliveriesOf(ws._id, 'nudge', PERIOD)).map((d) => [d.key.split(':').pop(), d]));
    expect(byKey['u-1']).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/interrupted while sending/) });
    expect(byKey['u-2']).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/interrupted while sending/) });
    expect(byKey['u-3']).toMatchObject({ status: 'sent', attempts: 1 });
  });
});

describe('marking deliveries sending', () => {
  it('gives each record to one holder when marks asked side by side overlap, a write per holder’s batch', async () => {
    const ws = await workspaceWith({ nudge: 'Sun 00:01' });
    const run = { workspaceId: ws._id, job: 'nudge' as const, period: PERIOD };
    const plans = people(20).map((userId, seq) => ({ key: `nudge:user:${userId}`, seq, platform: 'teams' as const, recipient: { kind: 'user', platform: 'teams', userId }, message: {} }));
    await insertDeliveries(run, plans, at('10:00'));
    const records = await runDeliveries(run);
    const ask = (holder: string, ds: StoredDelivery[]) => Promise.all(ds.map((d) => markSending(d, holder, at('10:00'))));
    // bot-a asks for the first ten while bot-b asks for all twenty: bot-b's one write moves only the ten left.
    const { result: [a, b], commands } = await wire.during(() => Promise.all([ask('bot-a', records.slice(0, 10)), ask('bot-b', records)]));
    expect(a).toEqual(Array(10).fill(true));
    expect(b).toEqual([...Array(10).fill(false), ...Array(10).fill(true)]);
    expect(commands.filter((c) => c.name === 'update' && c.collection === 'job_records')).toHaveLength(2);
    const holders = (await runDeliveries(run)).map((d) => [d.status, d.lockedBy]);
    expect(holders).toEqual([...Array(10).fill(['sending', 'bot-a']), ...Array(10).fill(['sending', 'bot-b'])]);

    // A record back to pending for a retry (an attempt counted) is marked only by a read made since.
    await JobRecordModel.updateOne({ _id: records[0]._id }, { $set: { status: 'pending', lockedBy: null }, $inc: { attempts: 1 } });
    const [fresh] = await runDeliveries(run);
    expect(await Promise.all([markSending(records[0], 'bot-c', at('10:01')), markSending(records[1], 'bot-c', at('10:01'))])).toEqual([false, false]);
    expect(await markSending(fresh, 'bot-c', at('10:01'))).toBe(true);
    expect((await runDeliveries(run))[0]).toMatchObject({ status: 'sending', lockedBy: 'bot-c', attempts: 1 });
  });
});

describe('the lease', () => {
  it('is renewed in the database at most every RENEW_EVERY_MS before messages, and not trusted once lost', async () => {
    const ws = await workspaceWith({ nudge: 'Sun 00:01' });
    const { claimJobRun } = await import('../../../core/services');
    expect(await claimJobRun(ws._id, 'nudge', PERIOD, 'me', at('10:00'))).toBe(true);
    const clock = new TestClock(at('10:00'));
    const lease = new RunLease({ workspaceId: ws._id, job: 'nudge', period: PERIOD }, 'me', clock);
    const renewals = async (work: () => Promise<unknown>) => (await wire.during(work)).commands.filter((c) => c.collection === 'job_records').length;
    expect(await renewals(() => lease.renew())).toBe(1);
    expect(await renewals(async () => {
      for (let i = 0; i < 20; i++) {
        expect(await lease.renewIfDue()).toBe(true);
        clock.advance(RENEW_EVERY_MS / 20 - 1);
      }
    })).toBe(0);
    clock.advance(20);
    // Lanes sending side by side share one renewal.
    expect(await renewals(() => Promise.all(Array.from({ length: 8 }, () => lease.renewIfDue())))).toBe(1);
    // Another holder has it now: the next due renewal finds out, and nothing is trusted after.
    await JobRecordModel.updateOne({ workspaceId: ws._id, type: 'run', job: 'nudge', period: PERIOD }, { $set: { claimedBy: 'other' } });
    expect(await lease.renewIfDue()).toBe(true); // still within RENEW_EVERY_MS of the last renewal
    clock.advance(RENEW_EVERY_MS);
    expect(await lease.renewIfDue()).toBe(false);
    clock.set(at('10:00'));
    expect(await lease.renewIfDue()).toBe(false);
  });
});

describe('the rate limiter', () => {
  it('counts a message in flight until its send ends, and as sent when it ended', async () => {
    const clock = new TestClock(at('10:00'));
    const limiter = new RateLimiter(clock);
    const window = { max: 2, perMs: 1000 };
    const first = await limiter.acquire([{ key: 'k', window }]);
    await limiter.acquire([{ key: 'k', window }]);
    clock.advance(5_000); // long past the window: both are still in flight
    let third = false;
    const waiting = limiter.acquire([{ key: 'k', window }]).then(() => (third = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(third).toBe(false);
    first(); // ends at 10:00:05, so it counts until 10:00:06
    await waiting;
    expect(clock.now().getTime()).toBe(at('10:00').getTime() + 6_000);
  });
});

describe('the Teams conversation book', () => {
  it('finds what the per-message lookups find, in one query', async () => {
    const ws = await workspaceWith({ nudge: 'Sun 00:01' });
    const save = (platform: 'teams' | 'slack', kind: 'personal' | 'channel', conversationId: string, who: { userId?: string; channelId?: string }) =>
      saveConversationRef(ws._id, { platform, kind, conversationId, userId: who.userId ?? null, channelId: who.channelId ?? null, serviceUrl: null, reference: { conversation: { id: conversationId } } });
    await save('teams', 'personal', 'a:ann-1', { userId: 'ann' });
    await save('teams', 'personal', 'a:ann-2', { userId: 'ann' });
    await save('slack', 'personal', 'D-bob', { userId: 'bob' });
    await save('teams', 'channel', '19:exec;messageid=1', { channelId: '19:exec' });
    const slackChannel = await save('slack', 'channel', 'C-exec', { channelId: 'C-exec' });
    const recipients: Recipient[] = [
      { kind: 'user', platform: 'teams', userId: 'ann' },
      { kind: 'user', platform: 'teams', userId: 'bob' }, // only on Slack
      { kind: 'user', platform: 'teams', userId: 'nobody' },
      { kind: 'channel', platform: 'teams', channelId: '19:exec' },
      { kind: 'channel', platform: 'teams', channelId: '19:other', conversationRefId: String(slackChannel._id) }, // by id, any platform
      { kind: 'channel', platform: 'teams', channelId: '19:exec', conversationRefId: String(new Types.ObjectId()) }, // unknown id: by channel
      { kind: 'channel', platform: 'teams', channelId: '19:gone' },
    ];
    const perMessage = async (r: Recipient) => {
      if (r.kind === 'user') return (await listConversationRefs(ws._id, { platform: 'teams', kind: 'personal', userId: r.userId }))[0] ?? null;
      const byId = r.conversationRefId ? await getConversationRef(ws._id, r.conversationRefId) : null;
      return byId ?? (await listConversationRefs(ws._id, { platform: 'teams', channelId: r.channelId }))[0] ?? null;
    };
    for (const many of [false, true]) {
      // However many recipients, the book reads them in one query.
      const padding: Recipient[] = many ? Array.from({ length: 300 }, (_, i) => ({ kind: 'user', platform: 'teams', userId: `pad-${i}` })) : [];
      const { result: book, commands } = await wire.during(() => ConversationBook.read(ws._id, 'teams', [...recipients, ...padding]));
      expect(commands.map((c) => `${c.name} ${c.collection}`)).toEqual(['find conversation_refs']);
      for (const r of recipients) {
        const found = book.find(ws._id, r);
        expect([r, found?.conversationId ?? null]).toEqual([r, (await perMessage(r))?.conversationId ?? null]);
      }
      expect(book.find(new Types.ObjectId(), recipients[0])).toBeUndefined(); // another workspace: not this book's to say
      expect(book.find(ws._id, { kind: 'user', platform: 'teams', userId: 'not-asked' })).toBeUndefined();
    }
  });
});
