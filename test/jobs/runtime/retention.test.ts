// Retention: finished runs and their rows go once old, once a day, by one instance; nothing a run still needs, and nothing is re-sent.
import { Types } from 'mongoose';
import type { JobName, JobRunStatus } from '../../../core/domain';
import { tryClaim } from '../../../core/services/claims';
import { DailySweep } from '../../../jobs/runtime/daily-sweep';
import { JOB_RECORD_RETENTION_MS, sweepJobRecords, type SweepOptions } from '../../../jobs/runtime/retention';
import { listSweeps } from '../../../core/services';
import { ClaimModel, JobRecordModel, NO_WORKSPACE, WorkspaceModel } from '../../../models';
import { useTestDatabase } from '../../support/db';
import { at, countRuns, getJobRun, plannerFor, RecordingSender, resetJobs, schedulerFor, silent, TestClock, workspaceWith } from './support';

useTestDatabase();
beforeEach(resetJobs);

const DAY = 24 * 60 * 60_000;
/** Monday 30 Nov 2026 at noon: nothing is due in workspaces made by workspaceWith({}), so ticks are quiet. */
const NOON = at('12:00');
const daysBefore = (days: number, from = NOON) => new Date(from.getTime() - days * DAY);

interface Seeded {
  workspaceId: Types.ObjectId;
  job: JobName;
  period: string;
}

/** A run as the runtime leaves it, with `rows` deliveries. */
async function seedRun(workspaceId: Types.ObjectId, job: JobName, period: string, status: JobRunStatus, at: Date, rows = 2): Promise<Seeded> {
  const run = { workspaceId, job, period };
  const lease = status === 'claimed' ? { leaseUntil: at } : { finishedAt: at };
  await JobRecordModel.create({ ...run, type: 'run', status, claimedBy: 'bot-old/1', claimedAt: at, ...lease });
  await addRows(run, rows);
  return run;
}

async function addRows(run: Seeded, rows: number, from = 0): Promise<void> {
  for (let i = from; i < from + rows; i += 1) {
    const recipient = { kind: 'user', platform: 'teams', userId: `u-${i}` };
    await JobRecordModel.create({ ...run, type: 'delivery', key: `k-${i}`, seq: i, platform: 'teams', recipient, status: 'sent', attempts: 1 });
  }
}

async function rowsOf(run: Seeded): Promise<number[]> {
  return Promise.all(['run', 'delivery'].map((type) => JobRecordModel.countDocuments({ ...run, type })));
}

const sweepOptions = (extra: Partial<SweepOptions> = {}): SweepOptions => ({
  cutoff: new Date(NOON.getTime() - JOB_RECORD_RETENTION_MS),
  clock: new TestClock(NOON),
  isStopping: () => false,
  ...extra,
});

describe('the retention rule', () => {
  it('deletes runs finished more than 35 days ago with all their rows, in every workspace, and keeps the recent ones', async () => {
    const [a, b] = [await workspaceWith({}), await workspaceWith({}, 'Europe/London', 'slack')];
    const oldDone = await seedRun(a._id, 'digest', '2026-W41', 'done', daysBefore(50));
    const oldFailed = await seedRun(a._id, 'nudge', '2026-W42', 'failed', daysBefore(40)); // abandoned past its window
    const otherWorkspace = await seedRun(b._id, 'digest', '2026-W41', 'done', daysBefore(50));
    const recent = await seedRun(a._id, 'digest', '2026-W44', 'done', daysBefore(34));
    const lastWeek = await seedRun(a._id, 'reminders', '2026-W48', 'done', daysBefore(7));
    await tryClaim(a._id, 'escalate:R-1', 'u-1', NOON); // another collection, never touched

    const scheduler = schedulerFor(new TestClock(NOON), new RecordingSender(), plannerFor(() => []));
    const report = await scheduler.tick();

    expect(report.swept).toEqual({ runs: 3, deliveries: 6 });
    for (const gone of [oldDone, oldFailed, otherWorkspace]) expect(await rowsOf(gone)).toEqual([0, 0]);
    for (const kept of [recent, lastWeek]) expect(await rowsOf(kept)).toEqual([1, 2]);
    expect(await ClaimModel.countDocuments({})).toBe(1);
    expect(await WorkspaceModel.countDocuments({ _id: { $in: [a._id, b._id] } })).toBe(2);
    expect(await listSweeps()).toMatchObject([{ period: '2026-11-30', status: 'done', finishedAt: NOON, deleted: report.swept }]);
  });

  it('never deletes a claimed run or its rows, however old, nor the rows of a kept run in a swept period', async () => {
    const [a, b, c] = [await workspaceWith({}, 'Europe/London', 'slack'), await workspaceWith({}), await workspaceWith({})];
    // Interleaved, as a sweep of one period meets them.
    const claimed = await seedRun(a._id, 'reminders', '2026-W41', 'claimed', daysBefore(50), 0);
    const done = await seedRun(b._id, 'reminders', '2026-W41', 'done', daysBefore(50), 0);
    const lateFinish = await seedRun(c._id, 'reminders', '2026-W41', 'done', daysBefore(20), 0); // finished within the window
    for (let i = 0; i < 5; i += 1) for (const run of [claimed, done, lateFinish]) await addRows(run, 1, i);

    const counts = await sweepJobRecords(sweepOptions({ batch: 2 }));

    expect(counts).toEqual({ runs: 1, deliveries: 5 });
    expect(await rowsOf(claimed)).toEqual([1, 5]);
    expect(await rowsOf(lateFinish)).toEqual([1, 5]);
    expect(await rowsOf(done)).toEqual([0, 0]);
  });

  it('leaves a sweep cut short so that the next one finishes it', async () => {
    const ws = await workspaceWith({});
    const run = await seedRun(ws._id, 'digest', '2026-W41', 'done', daysBefore(50), 5);
    let batches = 0;
    const first = await sweepJobRecords(sweepOptions({ batch: 2, isStopping: () => (batches += 1) > 2 }));
    expect(first.runs).toBe(0);
    expect((await rowsOf(run))[0]).toBe(1); // the run stays while any of its rows may
    expect(await sweepJobRecords(sweepOptions({ batch: 2 }))).toMatchObject({ runs: 1 });
    expect(await rowsOf(run)).toEqual([0, 0]);
  });

  it('refuses a retention too short to be sure a delivered period is never claimed again', () => {
    const options = { holder: 'h', clock: new TestClock(NOON), logger: silent, isStopping: () => false };
    expect(() => new DailySweep({ ...options, retentionMs: 7 * DAY })).toThrow(/at least 14 days/);
    expect(new DailySweep(options).retentionMs).toBe(35 * DAY);
  });
});

describe('the daily sweep', () => {
  it('is done by one of two instances once a day, each trying once, and again the next day', async () => {
    const ws = await workspaceWith({});
    await seedRun(ws._id, 'digest', '2026-W41', 'done', daysBefore(50));
    const [clockA, clockB] = [new TestClock(NOON), new TestClock(NOON)];
    const a = schedulerFor(clockA, new RecordingSender(), plannerFor(() => []), { instanceId: 'bot-a' });
    const b = schedulerFor(clockB, new RecordingSender(), plannerFor(() => []), { instanceId: 'bot-b' });

    const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
    expect([ra.swept, rb.swept].filter(Boolean)).toEqual([{ runs: 1, deliveries: 2 }]);
    const winner = (await listSweeps())[0]?.claimedBy;
    expect([a.holder, b.holder]).toContain(winner);

    // Later the same day neither tries again, even with the day's claim gone.
    await seedRun(ws._id, 'digest', '2026-W42', 'done', daysBefore(45));
    await JobRecordModel.deleteMany({ type: 'sweep' });
    clockA.advance(6 * 60 * 60_000);
    clockB.advance(6 * 60 * 60_000);
    expect([(await a.tick()).swept, (await b.tick()).swept]).toEqual([undefined, undefined]);
    expect(await countRuns({ period: '2026-W42' })).toBe(1);

    // The next day (UTC) one does, and the day's claim of over 35 days ago goes with it.
    await JobRecordModel.create({ workspaceId: NO_WORKSPACE, type: 'sweep', job: 'retention', period: '2026-10-01', status: 'done', claimedBy: 'bot-gone', claimedAt: daysBefore(60) });
    clockA.set(at('00:01', '2026-12-01'));
    expect((await a.tick()).swept).toMatchObject({ runs: 1 });
    expect((await listSweeps()).map((d) => d.period)).toEqual(['2026-12-01']);
  });

  it('waits for a tick with nothing of its own to deliver', async () => {
    await workspaceWith({ nudge: 'Mon 12:00' });
    const scheduler = schedulerFor(new TestClock(NOON), new RecordingSender(), plannerFor(() => ['u-1']));
    const busy = await scheduler.tick();
    expect(busy.started).toHaveLength(1);
    expect(busy.swept).toBeUndefined();
    expect((await scheduler.tick()).swept).toEqual({ runs: 0, deliveries: 0 });
  });
});

describe('after a sweep', () => {
  it('does not send a swept period again, and the following weeks go out as usual', async () => {
    const ws = await workspaceWith({ digest: 'Mon 09:30' });
    const clock = new TestClock(at('09:30'));
    const sender = new RecordingSender();
    const plan = plannerFor(() => ['u-exec']);
    const scheduler = schedulerFor(clock, sender, plan);
    expect((await scheduler.tick()).started).toEqual([`${ws._id}:digest:2026-W49`]);

    // Every two hours through the week after the window: W49's run is swept, W49 is not sent again, the new weeks are.
    clock.set(new Date(at('09:30').getTime() + JOB_RECORD_RETENTION_MS)); // Monday 4 January 2027, 09:30
    let swept = 0;
    for (let hour = 2; hour <= 7 * 24; hour += 2) {
      clock.advance(2 * 60 * 60_000);
      const report = await scheduler.tick();
      swept += report.swept?.runs ?? 0;
      expect(report.started.filter((r) => r.endsWith('2026-W49'))).toEqual([]);
    }
    expect(swept).toBe(1);
    expect(await getJobRun(ws._id, 'digest', '2026-W49')).toBeNull();
    // W49, then 2027-W01 (caught up at 11:30) and 2027-W02, each planned and sent once.
    const digests = plan.calls.filter((c) => c.job === 'digest').map((c) => c.now.toISOString());
    expect(digests).toEqual(['2026-11-30T09:30:00.000Z', '2027-01-04T09:30:00.000Z', '2027-01-11T09:30:00.000Z']);
    expect(sender.sent).toHaveLength(plan.calls.length);
    const runs = await JobRecordModel.find({ workspaceId: ws._id, type: 'run', job: 'digest' }).sort({ period: 1 }).lean();
    expect(runs.map((r) => r.period)).toEqual(['2027-W01', '2027-W02']);
  });
});
