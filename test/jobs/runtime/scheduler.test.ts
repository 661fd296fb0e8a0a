// The scheduler: exactly once per workspace, job and period; catch-up on start-up; settings live.
import cron from 'node-cron';
import { updateSettings } from '../../../core/services';
import { CATCH_UP_WINDOW_MS } from '../../../jobs/runtime/due';
import { useTestDatabase } from '../../support/db';
import { at, countRuns, getJobRun, plannerFor, RecordingSender, resetJobs, schedulerFor, TestClock, workspaceWith } from './support';

useTestDatabase();
beforeEach(resetJobs);

const PEOPLE = ['u-ann', 'u-bob', 'u-cat'];

describe('the minute tick', () => {
  it('runs a job once its time has come, and not before', async () => {
    const ws = await workspaceWith({ nudge: 'Mon 10:00' });
    const clock = new TestClock(at('09:59'));
    const sender = new RecordingSender();
    const scheduler = schedulerFor(clock, sender, plannerFor(() => PEOPLE));
    expect((await scheduler.tick()).started).toEqual([]);
    clock.set(at('10:00'));
    expect((await scheduler.tick()).started).toEqual([`${ws._id}:nudge:2026-W49`]);
    expect(sender.sent.map((s) => s.to).sort()).toEqual(PEOPLE);
    expect(await getJobRun(ws._id, 'nudge', '2026-W49')).toMatchObject({ status: 'done', deliveries: 3, error: null });
    clock.set(at('10:05'));
    expect((await scheduler.tick()).started).toEqual([]);
    expect(sender.sent).toHaveLength(3);
  });

  it('posts once when two schedulers race over the same database', async () => {
    const ws = await workspaceWith({ reminders: 'Mon 09:00' });
    const plan = plannerFor(() => PEOPLE);
    const [senderA, senderB] = [new RecordingSender(), new RecordingSender()];
    const a = schedulerFor(new TestClock(at('09:00')), senderA, plan, { instanceId: 'bot-a' });
    const b = schedulerFor(new TestClock(at('09:00')), senderB, plan, { instanceId: 'bot-b' });
    const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
    expect(ra.started.length + rb.started.length).toBe(1);
    const all = [...senderA.sent, ...senderB.sent];
    expect(all.map((s) => s.to).sort()).toEqual(PEOPLE);
    expect(plan.calls).toHaveLength(1);
    expect(await countRuns({ workspaceId: ws._id, job: 'reminders' })).toBe(1);
    // Both keep ticking through the morning: still one message each.
    await Promise.all([a.tick(), b.tick()]);
    expect(senderA.sent.length + senderB.sent.length).toBe(3);
  });

  it('takes a settings change at the next tick, with no restart', async () => {
    const ws = await workspaceWith({ digest: 'Tue 09:30' });
    const clock = new TestClock(at('11:00'));
    const sender = new RecordingSender();
    const scheduler = schedulerFor(clock, sender, plannerFor(() => ['u-exec']));
    expect((await scheduler.tick()).started).toEqual([]);
    await updateSettings(ws._id, { userId: 'u-admin', isPlatformAdmin: true }, { digest: 'Mon 11:30' });
    clock.set(at('11:29'));
    expect((await scheduler.tick()).started).toEqual([]);
    clock.set(at('11:30'));
    expect((await scheduler.tick()).started).toEqual([`${ws._id}:digest:2026-W49`]);
    expect(sender.to('u-exec')).toHaveLength(1);
  });

  it('follows the workspace zone: Monday 09:00 in Auckland is Sunday 20:00 in UTC', async () => {
    const ws = await workspaceWith({ reminders: 'Mon 09:00' }, 'Pacific/Auckland');
    const clock = new TestClock(at('19:59', '2026-11-29'));
    const sender = new RecordingSender();
    const scheduler = schedulerFor(clock, sender, plannerFor(() => ['u-kiri']));
    expect((await scheduler.tick()).started).toEqual([]);
    clock.set(at('20:00', '2026-11-29'));
    expect((await scheduler.tick()).started).toEqual([`${ws._id}:reminders:2026-W49`]);
  });

  it('leaves workspaces of a platform it has no sender for alone (another instance may)', async () => {
    await workspaceWith({ nudge: 'Mon 10:00' });
    const scheduler = schedulerFor(new TestClock(at('10:00')), new RecordingSender('slack'), plannerFor(() => PEOPLE));
    expect((await scheduler.tick()).started).toEqual([]);
    expect(await countRuns()).toBe(0);
  });

  it('never throws out of a tick: a broken schedule skips that job only', async () => {
    const ws = await workspaceWith({ nudge: 'Mon 10:00', digest: 'someday' });
    const sender = new RecordingSender();
    const scheduler = schedulerFor(new TestClock(at('10:00')), sender, plannerFor(() => ['u-ann']));
    const report = await scheduler.tick();
    expect(report.started).toEqual([`${ws._id}:nudge:2026-W49`]);
    expect(report.errors).toBe(0);
  });
});

describe('start and stop', () => {
  it('registers one minute tick with node-cron and removes it on stop', async () => {
    const scheduler = schedulerFor(new TestClock(at('10:00')), new RecordingSender(), plannerFor(() => []), { cron: true });
    await scheduler.start();
    const ours = () => [...cron.getTasks().values()].filter((t) => t.name === 'pmo-jobs');
    expect(ours().map((t) => t.getPattern())).toEqual(['* * * * *']);
    await scheduler.stop();
    expect(ours()).toEqual([]);
    expect((await scheduler.tick()).started).toEqual([]); // stopped: ticks do nothing
  });
});

describe('catching up on start-up', () => {
  it('posts a run missed while the bot was down when it starts within the window', async () => {
    const ws = await workspaceWith({ digest: 'Mon 09:30' });
    const sender = new RecordingSender();
    const scheduler = schedulerFor(new TestClock(at('15:00')), sender, plannerFor(() => ['u-exec']));
    const report = await scheduler.start();
    expect(report.started).toEqual([`${ws._id}:digest:2026-W49`]);
    expect(sender.to('u-exec')).toHaveLength(1);
    await scheduler.stop();
  });

  it('does not post it when the bot comes back after the window has closed', async () => {
    const ws = await workspaceWith({ digest: 'Mon 09:30' });
    const late = new Date(at('09:30').getTime() + CATCH_UP_WINDOW_MS + 60_000);
    const sender = new RecordingSender();
    const scheduler = schedulerFor(new TestClock(late), sender, plannerFor(() => ['u-exec']));
    expect((await scheduler.start()).started).toEqual([]);
    expect(sender.sent).toEqual([]);
    expect(await getJobRun(ws._id, 'digest', '2026-W49')).toBeNull();
    await scheduler.stop();
  });

  it('plans the missed run as of its scheduled time, so it covers its own period', async () => {
    await workspaceWith({ nudge: 'Sun 23:00' });
    const plan = plannerFor(() => ['u-pm']);
    const scheduler = schedulerFor(new TestClock(at('02:00')), new RecordingSender(), plan);
    const report = await scheduler.tick();
    expect(report.started[0]).toMatch(/:nudge:2026-W48$/);
    expect(plan.calls[0].now).toEqual(at('23:00', '2026-11-29'));
  });
});
