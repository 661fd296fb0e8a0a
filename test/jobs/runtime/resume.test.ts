// A run interrupted between (or during) deliveries is resumed by another instance without re-sending.
import { claimJobRun } from '../../../core/services';
import { LEASE_MS } from '../../../jobs/runtime/run-lease';
import type { SentMessage } from '../../../jobs/runtime/sender';
import { useTestDatabase } from '../../support/db';
import {
  at, deferred, deliveriesOf, getJobRun, plannerFor, RecordingSender, resetJobs, schedulerFor, TestClock, workspaceWith,
} from './support';

useTestDatabase();
beforeEach(resetJobs);

const PEOPLE = ['u-1', 'u-2', 'u-3', 'u-4', 'u-5'];
const PERIOD = '2026-W49';
const later = (ms: number) => new Date(at('09:00').getTime() + ms);

describe('resuming a run', () => {
  it('picks up after an instance stopped between deliveries, sending only what had not gone out', async () => {
    const ws = await workspaceWith({ reminders: 'Mon 09:00' });
    const plan = plannerFor(() => PEOPLE);
    let stopping: Promise<void> | undefined;
    const senderA = new RecordingSender('teams', (recipient) => {
      if (recipient.kind === 'user' && recipient.userId === 'u-2') stopping = a.stop(); // SIGTERM while u-2 is being sent
      return {};
    });
    const a = schedulerFor(new TestClock(at('09:00')), senderA, plan, { instanceId: 'bot-a', concurrency: 1 });
    await a.tick();
    await stopping;
    expect(senderA.sent.map((s) => s.to)).toEqual(['u-1', 'u-2']);
    expect(await getJobRun(ws._id, 'reminders', PERIOD)).toMatchObject({ status: 'claimed' });

    // The stop handed the run back at once: the next instance resumes it at its next tick.
    const senderB = new RecordingSender();
    const b = schedulerFor(new TestClock(at('09:01')), senderB, plan, { instanceId: 'bot-b' });
    const report = await b.tick();
    expect(report.resumed).toEqual([`${ws._id}:reminders:${PERIOD}`]);
    expect(senderB.sent.map((s) => s.to).sort()).toEqual(['u-3', 'u-4', 'u-5']);
    expect(await getJobRun(ws._id, 'reminders', PERIOD)).toMatchObject({ status: 'done', deliveries: 5 });
    expect((await deliveriesOf(ws._id, 'reminders', PERIOD)).map((d) => d.status)).toEqual(Array(5).fill('sent'));
  });

  it('takes over from an instance that died mid-send once its lease is stale, and does not send that one again', async () => {
    const ws = await workspaceWith({ reminders: 'Mon 09:00' });
    const plan = plannerFor(() => PEOPLE);
    const reached = deferred();
    const hang = deferred<SentMessage>();
    const senderA = new RecordingSender('teams', (recipient) => {
      if (recipient.kind === 'user' && recipient.userId === 'u-3') {
        reached.resolve();
        return hang.promise; // the process froze (or died) in the middle of this HTTP call
      }
      return {};
    });
    const clockA = new TestClock(at('09:00'));
    const a = schedulerFor(clockA, senderA, plan, { instanceId: 'bot-a', concurrency: 1 });
    const frozen = a.tick();
    await reached.promise;

    const clockB = new TestClock(later(3 * 60_000));
    const senderB = new RecordingSender();
    const b = schedulerFor(clockB, senderB, plan, { instanceId: 'bot-b' });
    expect((await b.tick()).resumed).toEqual([]); // the lease is still fresh: a slow holder is not robbed
    clockB.set(later(LEASE_MS + 60_000));
    expect((await b.tick()).resumed).toEqual([`${ws._id}:reminders:${PERIOD}`]);
    expect(senderB.sent.map((s) => s.to).sort()).toEqual(['u-4', 'u-5']);
    const byKey = Object.fromEntries((await deliveriesOf(ws._id, 'reminders', PERIOD)).map((d) => [d.key, d]));
    expect(byKey['reminders:user:u-3']).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/interrupted while sending/) });
    expect(await getJobRun(ws._id, 'reminders', PERIOD)).toMatchObject({ status: 'done', deliveries: 4, error: '1 of 5 deliveries failed' });

    // The frozen instance wakes up, its clock as late as everyone's (it renews the lease before a
    // message only every RENEW_EVERY_MS by its clock, and a freeze that lost the lease lasted LEASE_MS):
    // it records what it did send, learns it lost the run, and sends nothing more.
    clockA.set(later(LEASE_MS + 60_000));
    hang.resolve({});
    await frozen;
    expect(senderA.sent.map((s) => s.to)).toEqual(['u-1', 'u-2', 'u-3']);
    const all = [...senderA.sent, ...senderB.sent].map((s) => s.to).sort();
    expect(all).toEqual(PEOPLE);
  });

  it('lets exactly one of two instances take over a stale run', async () => {
    const ws = await workspaceWith({ nudge: 'Mon 09:00' });
    expect(await claimJobRun(ws._id, 'nudge', PERIOD, 'bot-dead/1', at('09:00'))).toBe(true);
    const plan = plannerFor(() => PEOPLE);
    const [senderA, senderB] = [new RecordingSender(), new RecordingSender()];
    const a = schedulerFor(new TestClock(later(LEASE_MS + 60_000)), senderA, plan, { instanceId: 'bot-a' });
    const b = schedulerFor(new TestClock(later(LEASE_MS + 60_000)), senderB, plan, { instanceId: 'bot-b' });
    const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
    expect(ra.resumed.length + rb.resumed.length).toBe(1);
    expect([...senderA.sent, ...senderB.sent].map((s) => s.to).sort()).toEqual(PEOPLE);
    expect(await getJobRun(ws._id, 'nudge', PERIOD)).toMatchObject({ status: 'done', deliveries: 5 });
  });

  it('closes a stale run found after its window without posting anything late', async () => {
    const ws = await workspaceWith({ nudge: 'Mon 09:00' });
    expect(await claimJobRun(ws._id, 'nudge', PERIOD, 'bot-dead/1', at('09:00'))).toBe(true);
    const sender = new RecordingSender();
    const scheduler = schedulerFor(new TestClock(at('09:00', '2026-12-01')), sender, plannerFor(() => PEOPLE));
    expect((await scheduler.tick()).abandoned).toEqual([`${ws._id}:nudge:${PERIOD}`]);
    expect(sender.sent).toEqual([]);
    expect(await getJobRun(ws._id, 'nudge', PERIOD)).toMatchObject({ status: 'failed', error: expect.stringMatching(/catch-up window/) });
  });
});
