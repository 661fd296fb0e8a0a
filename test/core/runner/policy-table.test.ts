// SPEC §4 "PMO policy", cell by cell, for the rows "change request decided by" and "a change is overdue
// when pending for": the policy set as a PMO admin sets it (`settings policy=...`), fixed instants.
import type { Actor, Policy } from '../../../core/domain';
import { runCommand } from '../../../core/runner';
import { getItem, getSettings } from '../../../core/services';
import { planJob } from '../../../jobs/planners';
import { WorkspaceModel, type WorkspaceDoc } from '../../../models';
import { useTestDatabase } from '../../support/db';
import { expectType, makeWorld, parse, runContext, type World } from './world';

useTestDatabase();

function say(world: World, actor: Actor, text: string, now: Date) {
  return runCommand(parse(text, actor, now), runContext(world, actor, { now }));
}

async function withPolicy(policy: Policy, now: Date): Promise<World> {
  const world = await makeWorld();
  if (policy !== 'controlling') expectType(await say(world, world.admin, `settings policy=${policy}`, now), 'text');
  return world;
}

const RAISED = new Date('2026-11-02T10:00:00Z'); // Monday 2 Nov 2026, 10:00 in London

describe('change request decided by', () => {
  type Who = 'admin' | 'pm' | 'requester' | 'member';
  // [policy, who, may approve (impacts given)]: the PM only under supportive; the requester and a member never.
  const cells: [Policy, Who, boolean][] = [
    ['supportive', 'admin', true], ['supportive', 'pm', true], ['supportive', 'requester', false], ['supportive', 'member', false],
    ['controlling', 'admin', true], ['controlling', 'pm', false], ['controlling', 'requester', false], ['controlling', 'member', false],
    ['directive', 'admin', true], ['directive', 'pm', false], ['directive', 'requester', false], ['directive', 'member', false],
  ];
  const actorOf = (world: World, who: Who): Actor => ({ admin: world.admin, pm: world.pm, requester: world.owner, member: world.other })[who];

  it.each(cells)('%s: %s may decide: %s (buttons shown alike)', async (policy, who, may) => {
    const world = await withPolicy(policy, RAISED);
    await say(world, world.owner, 'change Add SSO project=APOLLO', RAISED);
    const actor = actorOf(world, who);
    const shown = expectType(await say(world, actor, 'show C-1', RAISED), 'item');
    expect(shown.view.actions?.includes('approve') ?? false).toBe(may);
    const reply = await say(world, actor, 'approve C-1 time="+1w" cost="+5k" scope="SSO" ok', RAISED);
    expect(reply.type).toBe(may ? 'saved' : 'error');
    expect((await getItem(world.ws, 'C-1')).item).toMatchObject({ decision: may ? 'approved' : 'pending' });
  });

  // [policy, an approval without impacts goes through]: directive alone asks for time, cost and scope.
  it.each([['supportive', true], ['controlling', true], ['directive', false]] as const)('%s: approved without impacts: %s', async (policy, goes) => {
    const world = await withPolicy(policy, RAISED);
    await say(world, world.owner, 'change Add SSO project=APOLLO', RAISED);
    const reply = await say(world, world.admin, 'approve C-1', RAISED);
    if (goes) expect(reply.type).toBe('saved');
    else expect(expectType(reply, 'error').view.message).toContain('needs its impact on time, cost and scope; C-1 has none on time, cost and scope');
    // Rejecting never needs them.
    if (!goes) expect(expectType(await say(world, world.admin, 'reject C-1', RAISED), 'saved').view.outcome).toBe('rejected');
  });
});

describe('a change is overdue when pending for', () => {
  const DAY = 86_400_000;
  // [policy, days]: pending that many days is allowed; one day more is overdue, in lists and in the reminders.
  it.each([['supportive', 14], ['controlling', 7], ['directive', 3]] as const)('%s: %i days', async (policy, days) => {
    const world = await withPolicy(policy, RAISED);
    await say(world, world.owner, 'change Add SSO project=APOLLO', RAISED);
    const lastAllowed = new Date(RAISED.getTime() + days * DAY + 2 * 3_600_000); // raised + N days, 12:00 in London
    const firstOverdue = new Date(lastAllowed.getTime() + DAY);
    const listed = async (now: Date) => expectType(await say(world, world.pm, 'list changes overdue', now), 'list').view.items.map((i) => i.key);
    const reminded = async (now: Date) => {
      const workspace = (await WorkspaceModel.findById(world.ws).lean<WorkspaceDoc>())!;
      const plan = await planJob('reminders', workspace, now);
      return plan.deliveries.flatMap((d) => (d.message.kind === 'pm_reminder' || d.message.kind === 'owner_reminder' ? d.message.view.items.map((i) => i.item.key) : []));
    };
    expect(await listed(lastAllowed)).toEqual([]);
    expect(await reminded(lastAllowed)).toEqual([]);
    expect(await listed(firstOverdue)).toEqual(['C-1']);
    expect(await reminded(firstOverdue)).toEqual(['C-1', 'C-1']); // to the PM and to the owner
    // Decided, it is no longer overdue.
    await say(world, world.admin, 'reject C-1', firstOverdue);
    expect(await listed(firstOverdue)).toEqual([]);
  });

  it('switching the policy brings its allowance; settings says so', async () => {
    const world = await makeWorld();
    const reply = expectType(await say(world, world.admin, 'settings policy=directive', RAISED), 'text');
    expect(reply.text).toContain('• A change is overdue when pending for: 7 days → 3 days');
    const back = expectType(await say(world, world.admin, 'settings policy=supportive', RAISED), 'text');
    expect(back.text).toContain('• A change is overdue when pending for: 3 days → 14 days');
    expect((await getSettings(world.ws)).changePendingDays).toBe(14);
  });
});
