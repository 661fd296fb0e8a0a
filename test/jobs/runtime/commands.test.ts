// `digest [PORTFOLIO]` and `reminders` run the real planners now, through the runtime's senders, and
// leave the scheduled run's claim alone.
import { runCommand, type JobCommands, type RunContext } from '../../../core/runner';
import { parseCommand } from '../../../core/commands';
import type { Actor } from '../../../core/domain';
import { addPortfolio, createIssue, createRisk, updateProject } from '../../../core/services';
import { planJob } from '../../../jobs/planners';
import { DeliveryError } from '../../../jobs/runtime/delivery-error';
import type { JobScheduler } from '../../../jobs/runtime/scheduler';
import { JobRecordModel } from '../../../models';
import { makeWorld, type World } from '../../core/services/fixtures';
import { useTestDatabase } from '../../support/db';
import { at, RecordingSender, resetJobs, schedulerFor, TestClock } from './support';

useTestDatabase();
beforeEach(resetJobs);

/** Monday 30 Nov 2026, 08:00 in London: before the scheduled reminders (09:00) and digest (09:30). */
const EARLY = at('08:00');

async function seeded(): Promise<World> {
  const world = await makeWorld({ timeZone: 'Europe/London' });
  await addPortfolio(world.ws, world.admin, { key: 'DIGITAL', name: 'Digital' });
  await updateProject(world.ws, world.admin, 'APOLLO', { portfolioKey: 'DIGITAL' });
  const lastMonth = new Date('2026-11-02T10:00:00Z');
  await createRisk(world.ws, world.owner, { title: 'Vendor API may slip', projectKey: 'APOLLO', probability: 4, impact: 5, due: '2026-11-20' }, lastMonth);
  await createIssue(world.ws, world.pm, { title: 'Build server down', projectKey: 'APOLLO', due: '2026-11-25' }, lastMonth);
  return world;
}

function contextOf(world: World, actor: Actor, scheduler?: JobScheduler): RunContext {
  return { workspaceId: world.ws, actor, now: EARLY, timeZone: 'Europe/London', platform: 'teams', channelId: '19:asking@thread.tacv2', jobs: scheduler?.commands };
}

function say(world: World, actor: Actor, text: string, scheduler?: JobScheduler) {
  const { command, errors } = parseCommand(text, { now: EARLY, timeZone: 'Europe/London', platform: 'teams', userId: actor.userId });
  if (!command || errors.length) throw new Error(`"${text}" did not parse`);
  return runCommand(command, contextOf(world, actor, scheduler));
}

describe('digest now', () => {
  it('posts the portfolio digest in the asking channel, without claiming the scheduled run', async () => {
    const world = await seeded();
    const sender = new RecordingSender();
    const scheduler = schedulerFor(new TestClock(EARLY), sender, planJob);
    expect(await say(world, world.admin, 'digest', scheduler)).toEqual({ type: 'text', text: 'Posted the portfolio digest here.' });
    expect(sender.sent).toEqual([{ to: '19:asking@thread.tacv2', kind: 'digest', workspaceId: world.ws.toString() }]);
    expect(await JobRecordModel.countDocuments({ type: 'run' })).toBe(0);
  });

  it('posts one portfolio by key, and refuses an unknown one by name', async () => {
    const world = await seeded();
    const sender = new RecordingSender();
    const scheduler = schedulerFor(new TestClock(EARLY), sender, planJob);
    expect(await say(world, world.admin, 'digest digital', scheduler)).toEqual({ type: 'text', text: 'Posted the DIGITAL digest here.' });
    const unknown = await say(world, world.admin, 'digest NOPE', scheduler);
    expect(unknown).toMatchObject({ type: 'error', view: { message: 'There is no portfolio NOPE in this workspace.' } });
    expect(sender.sent).toHaveLength(1);
  });

  it('counts a full digest\'s continuation pages as part of it', async () => {
    const world = await seeded();
    const jobs: JobCommands = {
      digestNow: async () => ({ planned: 3, sent: 3, failed: [], sentByKind: { digest: 1, digest_projects: 2 } }),
      remindersNow: async () => ({ planned: 0, sent: 0, failed: [], sentByKind: {} }),
      scorecardNow: async () => ({ planned: 0, sent: 0, failed: [], sentByKind: {} }),
    };
    const reply = await runCommand({ name: 'digest', portfolio: 'DIGITAL' }, { ...contextOf(world, world.admin), jobs });
    expect(reply).toEqual({ type: 'text', text: 'Posted the DIGITAL digest here, with every project line in 2 more messages.' });
  });

  it('says when there is nothing to digest', async () => {
    const world = await makeWorld();
    const scheduler = schedulerFor(new TestClock(EARLY), new RecordingSender(), planJob);
    expect(await say(world, world.admin, 'digest', scheduler)).toMatchObject({ type: 'text', text: expect.stringMatching(/no portfolio to digest yet/) });
  });
});

describe('reminders now', () => {
  it('sends each PM and owner their overdue items and says how many went out', async () => {
    const world = await seeded();
    const sender = new RecordingSender();
    const scheduler = schedulerFor(new TestClock(EARLY), sender, planJob);
    expect(await say(world, world.admin, 'reminders', scheduler)).toEqual({
      type: 'text',
      text: 'Sent 2 overdue reminders: 1 to a PM and 1 to an owner.',
    });
    expect(sender.sent.map((s) => `${s.kind} ${s.to}`).sort()).toEqual(['owner_reminder u-owner', 'pm_reminder u-pm']);
  });

  it('names who could not be reached, and why', async () => {
    const world = await seeded();
    const sender = new RecordingSender('teams', (r) => {
      if (r.kind === 'user' && r.userId === 'u-owner') throw new DeliveryError('no_conversation', 'no conversation with this person yet');
      return {};
    });
    const scheduler = schedulerFor(new TestClock(EARLY), sender, planJob);
    const reply = await say(world, world.pm, 'reminders', scheduler);
    expect(reply).toEqual({
      type: 'text',
      text: 'Sent 1 overdue reminder: 1 to a PM. 1 could not be delivered: Jane (no conversation with this person yet).',
    });
  });

  it('is for PMs and PMO admins only', async () => {
    const world = await seeded();
    const sender = new RecordingSender();
    const scheduler = schedulerFor(new TestClock(EARLY), sender, planJob);
    const reply = await say(world, world.other, 'reminders', scheduler);
    expect(reply).toMatchObject({ type: 'error', view: { message: 'Only a PM or a PMO admin can send the overdue reminders now.' } });
    expect(sender.sent).toEqual([]);
  });

  it('leaves the scheduled run to run at its time', async () => {
    const world = await seeded();
    const sender = new RecordingSender();
    const clock = new TestClock(EARLY);
    const scheduler = schedulerFor(clock, sender, planJob);
    await say(world, world.admin, 'reminders', scheduler);
    expect(await JobRecordModel.countDocuments({ type: 'run' })).toBe(0);
    clock.set(at('09:00'));
    const report = await scheduler.tick();
    expect(report.started).toEqual([`${world.ws}:reminders:2026-W49`]);
    expect(sender.sent.filter((s) => s.kind === 'pm_reminder')).toHaveLength(2);
  });
});
