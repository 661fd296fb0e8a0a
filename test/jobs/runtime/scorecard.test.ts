// The PMO scorecard job (issue 14): read from the database, sent once per week to the PMO admins, and `scorecard` on demand.
import { runCommand, type RunContext } from '../../../core/runner';
import { parseCommand } from '../../../core/commands';
import type { Actor } from '../../../core/domain';
import type { EscalationView, ScorecardView } from '../../../core/job-views';
import { createIssue, createRisk, submitStatus, updateSettings } from '../../../core/services';
import { loadWorkspace } from '../../../core/services/context';
import { planJob } from '../../../jobs/planners';
import type { JobScheduler } from '../../../jobs/runtime/scheduler';
import { JobRecordModel, ProjectModel } from '../../../models';
import { makeWorld, type World } from '../../core/services/fixtures';
import { useTestDatabase } from '../../support/db';
import { at, RecordingSender, resetJobs, schedulerFor, TestClock } from './support';

useTestDatabase();
beforeEach(resetJobs);

async function seeded(): Promise<World> {
  const world = await makeWorld({ timeZone: 'Europe/London' });
  const lastMonth = new Date('2026-11-02T10:00:00Z');
  await createRisk(world.ws, world.owner, { title: 'Vendor API may slip', projectKey: 'APOLLO', probability: 4, impact: 5, due: '2026-11-20' }, lastMonth);
  await createIssue(world.ws, world.pm, { title: 'Build server down', projectKey: 'APOLLO' }, lastMonth);
  // The project started in October (the driver, not the model, so createdAt can be set).
  await ProjectModel.collection.updateOne({ _id: world.project._id }, { $set: { createdAt: new Date('2026-10-01T09:00:00Z') } });
  // Updates for weeks 47 and 48 only, each within its week.
  for (const day of ['2026-11-18T10:00:00Z', '2026-11-25T10:00:00Z']) await submitStatus(world.ws, world.pm, 'APOLLO', { overall: 'green' }, new Date(day));
  return world;
}

function say(world: World, actor: Actor, text: string, now: Date, scheduler: JobScheduler) {
  const { command, errors } = parseCommand(text, { now, timeZone: 'Europe/London', platform: 'teams', userId: actor.userId });
  if (!command || errors.length) throw new Error(`"${text}" did not parse`);
  const ctx: RunContext = { workspaceId: world.ws, actor, now, timeZone: 'Europe/London', platform: 'teams', channelId: '19:pmo@thread.tacv2', jobs: scheduler.commands };
  return runCommand(command, ctx);
}

describe('the scorecard job', () => {
  it('reads the registers and status history of the workspace', async () => {
    const world = await seeded();
    const plan = await planJob('scorecard', await loadWorkspace(world.ws), at('09:15'));
    expect(plan.period).toBe('2026-W49');
    expect(plan.deliveries.map((d) => d.key)).toEqual(['scorecard:admin:u-admin']);
    const view = plan.deliveries[0].message.view as ScorecardView;
    expect(view.compliance).toEqual({ onTime: 2, due: 4, share: 50 });
    expect(view.weeks).toEqual(['2026-W45', '2026-W46', '2026-W47', '2026-W48']);
    expect(view.projects).toEqual([expect.objectContaining({ key: 'APOLLO', pmName: 'Sam', onTime: 2, weeksDue: 4, overdueItems: 1, noDueDate: 1 })]);
  });

  it('goes to the PMO admins at Monday 09:15, exactly once', async () => {
    const world = await seeded();
    const sender = new RecordingSender();
    const clock = new TestClock(at('09:14'));
    const scheduler = schedulerFor(clock, sender, planJob);
    expect((await scheduler.tick()).started).not.toContain(`${world.ws}:scorecard:2026-W49`);
    clock.set(at('09:15'));
    expect((await scheduler.tick()).started).toContain(`${world.ws}:scorecard:2026-W49`);
    clock.set(at('09:40'));
    expect((await scheduler.tick()).started).not.toContain(`${world.ws}:scorecard:2026-W49`);
    expect(sender.sent.filter((s) => s.kind === 'scorecard').map((s) => s.to)).toEqual(['u-admin']);
  });

  it('is posted here on demand for a PMO admin, without claiming the scheduled run, and refused to anyone else', async () => {
    const world = await seeded();
    const sender = new RecordingSender();
    const scheduler = schedulerFor(new TestClock(at('08:00')), sender, planJob);
    expect(await say(world, world.admin, 'scorecard', at('08:00'), scheduler)).toEqual({ type: 'text', text: 'Posted the PMO scorecard here.' });
    expect(sender.sent).toEqual([{ to: '19:pmo@thread.tacv2', kind: 'scorecard', workspaceId: world.ws.toString() }]);
    expect(await JobRecordModel.countDocuments({ type: 'run' })).toBe(0);
    await updateSettings(world.ws, world.admin, { scorecard: 'off' });
    expect(await say(world, world.admin, 'scorecard', at('08:00'), scheduler)).toEqual({ type: 'text', text: 'Posted the PMO scorecard here.' });
    const refused = await say(world, world.pm, 'scorecard', at('08:00'), scheduler);
    expect(refused).toMatchObject({ type: 'error', view: { message: 'Only a PMO admin can post the PMO scorecard.' } });
    expect(sender.sent).toHaveLength(2);
  });
});

describe('the escalation job (policy table: missing status update)', () => {
  it('tells the PMO admins the day after the nudge under controlling, once, and nothing under supportive', async () => {
    const world = await seeded();
    await updateSettings(world.ws, world.admin, { policy: 'supportive' });
    const sender = new RecordingSender();
    const clock = new TestClock(at('10:00', '2026-12-04'));
    const scheduler = schedulerFor(clock, sender, planJob);
    expect((await scheduler.tick()).started).not.toContain(`${world.ws}:escalation:2026-W49`);
    await updateSettings(world.ws, world.admin, { policy: 'controlling' });
    clock.set(at('10:01', '2026-12-04'));
    expect((await scheduler.tick()).started).toContain(`${world.ws}:escalation:2026-W49`);
    clock.set(at('11:00', '2026-12-04'));
    expect((await scheduler.tick()).started).not.toContain(`${world.ws}:escalation:2026-W49`);
    expect(sender.sent.filter((s) => s.kind === 'escalation').map((s) => s.to)).toEqual(['u-admin']);
    const plan = await planJob('escalation', await loadWorkspace(world.ws), at('10:00', '2026-12-04'));
    expect((plan.deliveries[0].message.view as EscalationView).missing).toEqual([{ key: 'APOLLO', name: 'Apollo', pmName: 'Sam' }]);
  });
});
