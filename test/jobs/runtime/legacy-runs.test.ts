// Upgrading from job_runs: a period the previous version posted is not posted again, and its run
// still in progress is taken over only when that version's lease has run out.
import mongoose, { type Types } from 'mongoose';
import pino from 'pino';
import { JobRecordModel } from '../../../models';
import { useTestDatabase } from '../../support/db';
import { at, countRuns, getJobRun, plannerFor, RecordingSender, resetJobs, schedulerFor, TestClock, workspaceWith } from './support';

useTestDatabase();

/** The previous version's collection, written as its models/job-run.model.ts did (git show 66f3fbf^:models/job-run.model.ts). */
const jobRuns = () => mongoose.connection.collection('job_runs');

beforeEach(async () => {
  await resetJobs();
  await jobRuns().deleteMany({});
  // That version's indexes, built by its ensureIndexes.
  await jobRuns().createIndex({ workspaceId: 1, job: 1, period: 1 }, { unique: true });
  await jobRuns().createIndex({ workspaceId: 1, status: 1 });
  await jobRuns().createIndex({ status: 1, finishedAt: 1, claimedAt: 1 });
});

type OldStatus = 'claimed' | 'done' | 'failed';

async function oldRun(workspaceId: Types.ObjectId, job: string, period: string, status: OldStatus, claimedAt: Date, deliveries: number | null = null): Promise<void> {
  const finishedAt = status === 'claimed' ? null : new Date(claimedAt.getTime() + 60_000);
  await jobRuns().insertOne({
    workspaceId, job, period, status, claimedBy: 'old-bot/1a2b-xyz', claimedAt, finishedAt, deliveries, error: null,
    createdAt: claimedAt, updatedAt: finishedAt ?? claimedAt, __v: 0,
  });
}

/** A logger whose info lines the test reads. */
function capturingLogger(): { logger: pino.Logger; lines: () => string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push((JSON.parse(line) as { msg: string }).msg) });
  return { logger, lines: () => lines };
}

const PEOPLE = ['u-ann', 'u-bob'];

describe('job runs of the previous version (job_runs)', () => {
  it('does not post again a period that version finished, and posts where it had not', async () => {
    const upgraded = await workspaceWith({ digest: 'Mon 09:30' });
    const fresh = await workspaceWith({ digest: 'Mon 09:30' });
    await oldRun(upgraded._id, 'digest', '2026-W49', 'done', at('09:30'), 2);
    // Two weeks back: out of range, not copied.
    await oldRun(upgraded._id, 'digest', '2026-W47', 'done', at('09:30', '2026-11-16'), 2);
    const { logger, lines } = capturingLogger();
    const sender = new RecordingSender();
    const scheduler = schedulerFor(new TestClock(at('09:45')), sender, plannerFor(() => PEOPLE), { logger });

    const report = await scheduler.start();
    await scheduler.stop();

    expect(report.started).toEqual([`${fresh._id}:digest:2026-W49`]);
    expect(sender.sent.map((s) => s.workspaceId)).toEqual([String(fresh._id), String(fresh._id)]);
    expect(await getJobRun(upgraded._id, 'digest', '2026-W49')).toMatchObject({
      type: 'run', key: '', status: 'done', deliveries: 2, claimedBy: 'old-bot/1a2b-xyz', finishedAt: at('09:31'), leaseUntil: null,
    });
    expect(await getJobRun(upgraded._id, 'digest', '2026-W47')).toBeNull();
    expect(lines()).toContain('job runs of the previous version (job_runs): 1 of 1 copied into job_records, the rest were there already');
    // The old collection is left as it was.
    expect(await jobRuns().countDocuments({})).toBe(2);
  });

  it('copies the previous week too (a Sunday schedule seen on Monday)', async () => {
    const ws = await workspaceWith({ nudge: 'Sun 23:00' });
    await oldRun(ws._id, 'nudge', '2026-W48', 'done', at('23:00', '2026-11-29'), 1);
    const sender = new RecordingSender();
    const scheduler = schedulerFor(new TestClock(at('00:30')), sender, plannerFor(() => PEOPLE));
    expect((await scheduler.start()).started).toEqual([]);
    await scheduler.stop();
    expect(sender.sent).toEqual([]);
    expect(await getJobRun(ws._id, 'nudge', '2026-W48')).toMatchObject({ status: 'done' });
  });

  it('copies each run once: two instances starting together, then a restart', async () => {
    const ws = await workspaceWith({ reminders: 'Mon 09:00' });
    await oldRun(ws._id, 'reminders', '2026-W49', 'failed', at('09:00'), 1);
    const plan = plannerFor(() => PEOPLE);
    const [a, b] = [capturingLogger(), capturingLogger()];
    const [senderA, senderB] = [new RecordingSender(), new RecordingSender()];
    const first = schedulerFor(new TestClock(at('09:10')), senderA, plan, { instanceId: 'bot-a', logger: a.logger });
    const second = schedulerFor(new TestClock(at('09:10')), senderB, plan, { instanceId: 'bot-b', logger: b.logger });
    await Promise.all([first.start(), second.start()]);
    await Promise.all([first.stop(), second.stop()]);
    const copied = [...a.lines(), ...b.lines()].map((l) => /^job runs of the previous version \(job_runs\): (\d+) of 1 copied/.exec(l)?.[1]).filter(Boolean);
    expect(copied.sort()).toEqual(['0', '1']);
    expect(await countRuns({ workspaceId: ws._id })).toBe(1);

    const again = capturingLogger();
    const restarted = schedulerFor(new TestClock(at('09:20')), senderA, plan, { logger: again.logger });
    expect((await restarted.start()).started).toEqual([]);
    await restarted.stop();
    expect(again.lines()).toContain('job runs of the previous version (job_runs): 0 of 1 copied into job_records, the rest were there already');
    expect(await JobRecordModel.countDocuments({ workspaceId: ws._id })).toBe(1);
    expect([...senderA.sent, ...senderB.sent]).toEqual([]);
  });

  it('takes over a run that version still held only once its lease has run out', async () => {
    const ws = await workspaceWith({ nudge: 'Mon 10:00' });
    await oldRun(ws._id, 'nudge', '2026-W49', 'claimed', at('10:00'));
    const clock = new TestClock(at('10:02'));
    const sender = new RecordingSender();
    const scheduler = schedulerFor(clock, sender, plannerFor(() => PEOPLE));
    const first = await scheduler.start();
    expect([first.started, first.resumed]).toEqual([[], []]);
    expect(await getJobRun(ws._id, 'nudge', '2026-W49')).toMatchObject({ status: 'claimed', claimedBy: 'old-bot/1a2b-xyz', leaseUntil: at('10:05') });
    expect(sender.sent).toEqual([]);

    clock.set(at('10:06'));
    expect((await scheduler.tick()).resumed).toEqual([`${ws._id}:nudge:2026-W49`]);
    await scheduler.stop();
    expect(sender.sent.map((s) => s.to).sort()).toEqual(PEOPLE);
    expect(await getJobRun(ws._id, 'nudge', '2026-W49')).toMatchObject({ status: 'done', deliveries: 2 });
  });
});
