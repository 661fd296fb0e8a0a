// approve/reject C-n (SPEC §3, §4): who may decide by policy, directive's impacts, history, and who is told.
import type { Actor } from '../../../core/domain';
import type { JobCommands, Notice, RunContext } from '../../../core/runner';
import { runCommand } from '../../../core/runner';
import { getItem, updateSettings } from '../../../core/services';
import type { Policy } from '../../../core/domain';
import { useTestDatabase } from '../../support/db';
import { expectType, makeWorld, NOW, parse, runContext, type World } from './world';

useTestDatabase();

/** The job runtime's on-demand side, recording the notices it is asked to send. */
function recordingJobs(): JobCommands & { notices: Notice[] } {
  const notices: Notice[] = [];
  const none = async () => ({ planned: 0, sent: 0, failed: [], sentByKind: {} });
  return {
    notices,
    digestNow: none,
    remindersNow: none,
    scorecardNow: none,
    notify: async (_request, sent) => {
      notices.push(...sent);
      return { planned: sent.length, sent: sent.length, failed: [], sentByKind: { notice: sent.length } };
    },
  };
}

async function worldWith(policy: Policy): Promise<World & { jobs: ReturnType<typeof recordingJobs> }> {
  const world = await makeWorld();
  if (policy !== 'controlling') await updateSettings(world.ws, world.admin, { policy });
  return { ...world, jobs: recordingJobs() };
}

function say(world: World & { jobs: JobCommands }, actor: Actor, text: string, now = NOW) {
  const ctx: RunContext = { ...runContext(world, actor, { now }), jobs: world.jobs };
  return runCommand(parse(text, actor, now), ctx);
}

const RAISE = 'change Add SSO to the portal project=APOLLO';

describe('deciding a change request, by policy', () => {
  it('supportive: the project’s PM approves with a comment; history says who, when and why; the requester is told', async () => {
    const world = await worldWith('supportive');
    await say(world, world.owner, RAISE);
    world.jobs.notices.length = 0;
    const when = new Date('2026-11-27T09:00:00Z');
    const reply = expectType(await say(world, world.pm, 'approve C-1 Fits the Q3 budget', when), 'saved');
    expect(reply.view).toMatchObject({ outcome: 'approved', item: { key: 'C-1', actions: ['update', 'close'] }, told: 'Jane (who raised it) was told.' });
    const { item, history } = await getItem(world.ws, 'C-1');
    expect(item).toMatchObject({ decision: 'approved', decidedById: 'u-pm', decidedAt: when });
    expect(history.at(-1)).toMatchObject({ byId: 'u-pm', at: when, field: 'decision', from: 'pending', to: 'approved', note: 'Fits the Q3 budget' });
    expect(world.jobs.notices).toEqual([
      {
        userId: 'u-owner',
        displayName: 'Jane',
        view: { title: 'C-1 was approved', lines: ['C-1 Add SSO to the portal (APOLLO)', 'Approved by Sam on 2026-11-27.', 'Comment: Fits the Q3 budget'] },
      },
    ]);
  });

  it('supportive: a member is refused by name of who may; nothing changes and nobody is told', async () => {
    const world = await worldWith('supportive');
    await say(world, world.owner, RAISE);
    world.jobs.notices.length = 0;
    const refused = expectType(await say(world, world.other, 'reject C-1 no'), 'error');
    expect(refused.view.message).toBe("Only the project's PM (Sam) or a PMO admin can approve or reject C-1 (this workspace's PMO policy is supportive).");
    expect((await getItem(world.ws, 'C-1')).item).toMatchObject({ decision: 'pending' });
    expect(world.jobs.notices).toEqual([]);
  });

  it.each(['controlling', 'directive'] as const)('%s: the PM is refused, a PMO admin decides', async (policy) => {
    const world = await worldWith(policy);
    await say(world, world.owner, RAISE);
    const refused = expectType(await say(world, world.pm, 'reject C-1'), 'error');
    expect(refused.view.message).toBe(`Only a PMO admin can approve or reject C-1 (this workspace's PMO policy is ${policy}).`);
    const rejected = expectType(await say(world, world.admin, 'reject C-1 Not in this release'), 'saved');
    expect(rejected.view).toMatchObject({ outcome: 'rejected', item: { key: 'C-1' } });
    expect((await getItem(world.ws, 'C-1')).item).toMatchObject({ decision: 'rejected', decidedById: 'u-admin' });
  });

  it('directive: approving needs the impact on time, cost and scope; the missing ones are named; given with the approval, they are kept', async () => {
    const world = await worldWith('directive');
    await say(world, world.owner, RAISE);
    const missing = expectType(await say(world, world.admin, 'approve C-1 time="+2 weeks"'), 'error');
    expect(missing.view.message).toMatch(/^Under the directive policy an approved change needs its impact on time, cost and scope; C-1 has none on cost and scope\./);
    expect(missing.view.message).toContain('approve C-1 cost="…" scope="…"');
    expect((await getItem(world.ws, 'C-1')).item).toMatchObject({ decision: 'pending' });
    expectType(await say(world, world.admin, 'approve C-1 time="+2 weeks" cost="+10k" scope="adds SSO" OK by the board'), 'saved');
    const { item, history } = await getItem(world.ws, 'C-1');
    expect(item).toMatchObject({ decision: 'approved', impactTime: '+2 weeks', impactCost: '+10k', impactScope: 'adds SSO' });
    expect(history.slice(-4)).toMatchObject([
      { field: 'impactTime', from: '', to: '+2 weeks' },
      { field: 'impactCost', from: '', to: '+10k' },
      { field: 'impactScope', from: '', to: 'adds SSO' },
      { field: 'decision', to: 'approved', note: 'OK by the board' },
    ]);
  });

  it('controlling: rejecting needs no impacts; a decided change cannot be decided again', async () => {
    const world = await worldWith('controlling');
    await say(world, world.owner, RAISE);
    expectType(await say(world, world.admin, 'approve C-1'), 'saved');
    const again = expectType(await say(world, world.admin, 'reject C-1'), 'error');
    expect(again.view.message).toBe('C-1 is already approved (by Ada on 2026-11-26); nothing changed.');
  });

  it('`update C-1 decision=approved` is held to the same rule', async () => {
    const world = await worldWith('controlling');
    await say(world, world.owner, RAISE);
    const refused = expectType(await say(world, world.pm, 'update C-1 decision=approved'), 'error');
    expect(refused.view.message).toBe("Only a PMO admin can approve or reject C-1 (this workspace's PMO policy is controlling).");
  });

  it('approve takes only a change request key', async () => {
    const world = await worldWith('supportive');
    await say(world, world.owner, 'risk Vendor API may slip p=4 i=5 project=APOLLO');
    expect(() => parse('approve R-1', world.admin)).toThrow(/did not parse/);
  });
});

describe('the notice to those who decide, when a change is raised', () => {
  it('supportive: the project’s PM and the PMO admins, with Approve/Reject; not whoever raised it', async () => {
    const world = await worldWith('supportive');
    const saved = expectType(await say(world, world.owner, RAISE), 'saved');
    expect(world.jobs.notices.map((n) => n.userId).sort()).toEqual(['u-admin', 'u-pm']);
    expect(world.jobs.notices[0].view).toMatchObject({ title: 'C-1 needs your decision', decide: { key: 'C-1' } });
    expect(world.jobs.notices[0].view.lines[0]).toBe('C-1 Add SSO to the portal (APOLLO)');
    expect(saved.view.told).toMatch(/^Sent to (Sam, Ada|Ada, Sam) to decide\.$/);
  });

  it('controlling: the PMO admins only; an admin raising it is not told about their own change', async () => {
    const world = await worldWith('controlling');
    await say(world, world.pm, RAISE);
    expect(world.jobs.notices.map((n) => n.userId)).toEqual(['u-admin']);
    world.jobs.notices.length = 0;
    const saved = expectType(await say(world, world.admin, 'change Second change project=APOLLO'), 'saved');
    expect(world.jobs.notices).toEqual([]);
    expect(saved.view.told).toBeUndefined();
  });

  it('an issue escalated into a change request tells its deciders too', async () => {
    const world = await worldWith('controlling');
    await say(world, world.owner, 'issue Build server down project=APOLLO');
    await say(world, world.pm, 'escalate I-1');
    expect(world.jobs.notices).toMatchObject([{ userId: 'u-admin', view: { decide: { key: 'C-1' } } }]);
  });
});

describe('Approve and Reject on the change’s card: only for who may decide', () => {
  const actionsOf = async (world: World & { jobs: JobCommands }, viewer: Actor) => expectType(await say(world, viewer, 'show C-1'), 'item').view.actions;

  it('supportive: PM and admin get them; the requester and a member do not', async () => {
    const world = await worldWith('supportive');
    await say(world, world.owner, RAISE);
    expect(await actionsOf(world, world.pm)).toEqual(['approve', 'reject', 'update', 'close']);
    expect(await actionsOf(world, world.admin)).toEqual(['approve', 'reject', 'update', 'close']);
    expect(await actionsOf(world, world.owner)).toEqual(['update', 'close']);
    expect(await actionsOf(world, world.other)).toEqual([]);
  });

  it('controlling: the admin only; once decided, nobody', async () => {
    const world = await worldWith('controlling');
    await say(world, world.owner, RAISE);
    expect(await actionsOf(world, world.pm)).toEqual(['update', 'close']);
    expect(await actionsOf(world, world.admin)).toEqual(['approve', 'reject', 'update', 'close']);
    await say(world, world.admin, 'reject C-1');
    expect(await actionsOf(world, world.admin)).toEqual(['update', 'close']);
  });
});

describe('when a notice cannot be delivered', () => {
  it('the decision stands and the reply says who could not be told, and why', async () => {
    const world = await worldWith('controlling');
    world.jobs.notify = async (_request, sent) => ({ planned: sent.length, sent: 0, failed: sent.map((n) => ({ to: n.displayName ?? n.userId, reason: 'no conversation with this person yet' })), sentByKind: {} });
    const raised = expectType(await say(world, world.owner, RAISE), 'saved');
    expect(raised.view.told).toBe('Could not tell Ada (no conversation with this person yet) to decide it.');
    const decided = expectType(await say(world, world.admin, 'approve C-1'), 'saved');
    expect(decided.view.told).toBe('Jane (who raised it) could not be told: no conversation with this person yet.');
    expect((await getItem(world.ws, 'C-1')).item).toMatchObject({ decision: 'approved' });
  });

  it('without a job runtime (a bot instance that sends nothing), it says so', async () => {
    const world = await makeWorld();
    const reply = expectType(await runCommand(parse(RAISE, world.owner), runContext(world, world.owner)), 'saved');
    expect(reply.view.told).toBe('Could not tell those who decide it: this bot instance does not send messages to people.');
  });
});

it('some deciders reached, some not: both said', async () => {
  const world = await worldWith('supportive');
  world.jobs.notify = async (_request, sent) => ({
    planned: sent.length, sent: 1, sentByKind: { notice: 1 }, failed: sent.filter((n) => n.userId === 'u-pm').map((n) => ({ to: n.displayName ?? n.userId, reason: 'Slack knows no DM with this person' })),
  });
  const raised = expectType(await say(world, world.owner, RAISE), 'saved');
  expect(raised.view.told).toBe('Sent to Ada to decide; could not tell Sam (Slack knows no DM with this person).');
});
