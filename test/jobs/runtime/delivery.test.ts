// Fan-out: quick retries honouring Retry-After, later passes for what still fails, never blocking the others.
import { MAX_PASSES, RETRY_BACKOFF_MS, type Planner } from '../../../jobs/runtime/run-job';
import { latestDue } from '../../../jobs/schedule';
import type { PlannedDelivery } from '../../../jobs/types';
import { useTestDatabase } from '../../support/db';
import {
  at, deferred, deliveriesOf, getJobRun, httpError, nudgeTo, plannerFor, RecordingSender, resetJobs, schedulerFor, TestClock, workspaceWith,
} from './support';

useTestDatabase();
beforeEach(resetJobs);

const PERIOD = '2026-W49';

describe('delivering a run', () => {
  it('waits out a 429 Retry-After and then delivers, in the same pass', async () => {
    const ws = await workspaceWith({ nudge: 'Mon 10:00' });
    const clock = new TestClock(at('10:00'));
    const sender = new RecordingSender('teams', (r, _m, call) => {
      if (r.kind === 'user' && r.userId === 'u-bob' && call === 1) throw httpError(429, '2');
      return {};
    });
    await schedulerFor(clock, sender, plannerFor(() => ['u-ann', 'u-bob'])).tick();
    expect(sender.calls.filter((c) => c === 'u-bob')).toHaveLength(2);
    expect(sender.to('u-bob')).toHaveLength(1);
    expect(clock.sleeps).toContain(2000);
    const bob = (await deliveriesOf(ws._id, 'nudge', PERIOD)).find((d) => d.key === 'nudge:user:u-bob');
    expect(bob).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await getJobRun(ws._id, 'nudge', PERIOD)).toMatchObject({ status: 'done', deliveries: 2, error: null });
  });

  it('leaves a long Retry-After to a later pass instead of holding the fan-out', async () => {
    const ws = await workspaceWith({ nudge: 'Mon 10:00' });
    const clock = new TestClock(at('10:00'));
    const sender = new RecordingSender('teams', (r, _m, call) => {
      if (r.kind === 'user' && r.userId === 'u-bob' && call === 1) throw httpError(429, '120');
      return {};
    });
    const scheduler = schedulerFor(clock, sender, plannerFor(() => ['u-ann', 'u-bob']));
    await scheduler.tick();
    expect(clock.sleeps.filter((ms) => ms >= 120_000)).toEqual([]);
    const bob = (await deliveriesOf(ws._id, 'nudge', PERIOD)).find((d) => d.key === 'nudge:user:u-bob');
    expect(bob).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: new Date(at('10:00').getTime() + 120_000) });
    clock.set(new Date(at('10:00').getTime() + 121_000));
    expect((await scheduler.tick()).continued).toHaveLength(1);
    expect(sender.to('u-bob')).toHaveLength(1);
    expect(await getJobRun(ws._id, 'nudge', PERIOD)).toMatchObject({ status: 'done', deliveries: 2 });
  });

  it('delivers to everyone else while one recipient keeps failing, retries it later with backoff, then gives up', async () => {
    const ws = await workspaceWith({ reminders: 'Mon 09:00' });
    const clock = new TestClock(at('09:00'));
    const sender = new RecordingSender('teams', (r) => {
      if (r.kind === 'user' && r.userId === 'u-bob') throw httpError(503);
      return {};
    });
    const scheduler = schedulerFor(clock, sender, plannerFor(() => ['u-ann', 'u-bob', 'u-cat']));
    await scheduler.tick();
    expect(sender.sent.map((s) => s.to).sort()).toEqual(['u-ann', 'u-cat']);
    const triesPerPass = sender.calls.filter((c) => c === 'u-bob').length;
    expect(triesPerPass).toBeGreaterThan(1);
    const key = 'reminders:user:u-bob';
    const bob = async () => (await deliveriesOf(ws._id, 'reminders', PERIOD)).find((d) => d.key === key);
    expect(await bob()).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringMatching(/503/) });
    expect(await getJobRun(ws._id, 'reminders', PERIOD)).toMatchObject({ status: 'claimed' });

    // Not before its retry time…
    clock.advance(30_000);
    await scheduler.tick();
    expect(sender.calls.filter((c) => c === 'u-bob')).toHaveLength(triesPerPass);
    // …then once per pass, further apart each time, until MAX_PASSES.
    for (let pass = 2; pass <= MAX_PASSES; pass++) {
      const next = (await bob())?.nextAttemptAt as Date;
      expect(next.getTime() - clock.now().getTime()).toBeGreaterThanOrEqual(RETRY_BACKOFF_MS[pass - 2] - 60_000);
      clock.set(next);
      await scheduler.tick();
      expect(sender.calls.filter((c) => c === 'u-bob')).toHaveLength(triesPerPass * pass);
    }
    expect(await bob()).toMatchObject({ status: 'failed', attempts: MAX_PASSES, nextAttemptAt: null });
    expect(await getJobRun(ws._id, 'reminders', PERIOD)).toMatchObject({ status: 'done', deliveries: 2, error: '1 of 3 deliveries failed' });
    expect(sender.sent.map((s) => s.to).sort()).toEqual(['u-ann', 'u-cat']);
  });

  it('fails a refused message at once, without retrying it', async () => {
    const ws = await workspaceWith({ nudge: 'Mon 10:00' });
    const sender = new RecordingSender('teams', (r) => {
      if (r.kind === 'user' && r.userId === 'u-gone') throw httpError(403);
      return {};
    });
    await schedulerFor(new TestClock(at('10:00')), sender, plannerFor(() => ['u-ann', 'u-gone'])).tick();
    expect(sender.calls.filter((c) => c === 'u-gone')).toHaveLength(1);
    const gone = (await deliveriesOf(ws._id, 'nudge', PERIOD)).find((d) => d.key === 'nudge:user:u-gone');
    expect(gone).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringMatching(/refused it \(403\)/) });
    expect(await getJobRun(ws._id, 'nudge', PERIOD)).toMatchObject({ status: 'done', deliveries: 1, error: '1 of 2 deliveries failed' });
  });

  it('keeps to a few messages in flight at once', async () => {
    await workspaceWith({ nudge: 'Mon 10:00' });
    const people = Array.from({ length: 12 }, (_, i) => `u-${i}`);
    // The first send is held until a second one starts (or 5 s pass, when nothing runs beside it).
    const second = deferred();
    let started = 0;
    const sender = new RecordingSender('teams', async () => {
      started += 1;
      if (started === 2) second.resolve();
      if (started === 1) await Promise.race([second.promise, new Promise((resolve) => setTimeout(resolve, 5000))]);
      return {};
    });
    await schedulerFor(new TestClock(at('10:00')), sender, plannerFor(() => people), { concurrency: 3 }).tick();
    expect(sender.sent).toHaveLength(12);
    expect(sender.maxInFlight).toBeGreaterThan(1);
    expect(sender.maxInFlight).toBeLessThanOrEqual(3);
  });
});

/** Several messages to one channel: a digest and its continuation pages. */
function pagesTo(channelId: string, count: number, platform: 'teams' | 'slack'): Planner {
  return async (job, workspace, now) => {
    const one = nudgeTo('x', platform);
    const deliveries: PlannedDelivery[] = Array.from({ length: count }, (_, i) => ({
      ...one,
      key: `${job}:${channelId}:page:${i + 1}`,
      recipient: { kind: 'channel', platform, channelId },
      message: { ...one.message, view: { ...(one.message.view as object), pmName: `page ${i + 1}` } } as PlannedDelivery['message'],
    }));
    return { job, period: latestDue(workspace.schedules[job === 'escalation' ? 'nudge' : job], workspace.timeZone, now).period, deliveries };
  };
}

describe('rate limits', () => {
  it('paces Slack to one message a second per channel, in plan order', async () => {
    await workspaceWith({ digest: 'Mon 09:30' }, 'Europe/London', 'slack');
    const clock = new TestClock(at('09:30'));
    const order: string[] = [];
    const sender = new RecordingSender('slack', (_r, m) => {
      order.push(`${(m.view as { pmName: string }).pmName}@${clock.now().getTime()}`);
      return {};
    });
    await schedulerFor(clock, sender, pagesTo('C-exec', 3, 'slack')).tick();
    const times = order.map((o) => Number(o.split('@')[1]));
    expect(order.map((o) => o.split('@')[0])).toEqual(['page 1', 'page 2', 'page 3']);
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(1000);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(1000);
  });

  it('lets Teams post up to seven a second in one conversation before it waits', async () => {
    await workspaceWith({ digest: 'Mon 09:30' });
    const clock = new TestClock(at('09:30'));
    const sender = new RecordingSender('teams');
    await schedulerFor(clock, sender, pagesTo('19:exec', 9, 'teams')).tick();
    expect(sender.sent).toHaveLength(9);
    expect(clock.sleeps.filter((ms) => ms > 0)).toHaveLength(1);
  });
});
