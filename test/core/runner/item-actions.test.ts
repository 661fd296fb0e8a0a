// Which buttons the runner puts on an item's view: what this viewer may do with it now (SPEC §3).
import type { Actor } from '../../../core/domain';
import { useTestDatabase } from '../../support/db';
import { makeWorld, runFor, type World } from './world';

useTestDatabase();

const actionsOf = async (world: World, viewer: Actor, key: string) => (await runFor(world, viewer, `show ${key}`, 'item')).view.actions;

describe('the actions on an item view', () => {
  it('owner, PM and PMO admin get Update, Close and Escalate on an open risk; anyone else none', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, 'risk Vendor API may slip p=4 i=5 project=APOLLO', 'saved');
    for (const viewer of [world.owner, world.pm, world.admin]) expect(await actionsOf(world, viewer, 'R-1')).toEqual(['update', 'close', 'escalate']);
    expect(await actionsOf(world, world.other, 'R-1')).toEqual([]);
  });

  it('follow the item: a mitigating risk may still escalate, a closed one only be updated', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, 'risk Vendor API may slip p=4 i=5 project=APOLLO', 'saved');
    await runFor(world, world.owner, 'update R-1 status=mitigating', 'saved');
    expect(await actionsOf(world, world.owner, 'R-1')).toEqual(['update', 'close', 'escalate']);
    const closed = await runFor(world, world.owner, 'close R-1', 'saved');
    expect(closed.view.item.actions).toEqual(['update']);
    expect(await actionsOf(world, world.owner, 'R-1')).toEqual(['update']);
  });

  it('an escalated risk offers no second escalation; the new issue may escalate on into a change request, once', async () => {
    const world = await makeWorld({ policy: 'supportive' });
    await runFor(world, world.owner, 'risk Supplier insolvency p=4 i=4 project=APOLLO', 'saved');
    const escalated = await runFor(world, world.pm, 'escalate R-1', 'saved');
    expect(escalated.view.item).toMatchObject({ key: 'I-1', actions: ['update', 'close', 'escalate'] });
    expect(await actionsOf(world, world.owner, 'R-1')).toEqual(['update']);
    const change = await runFor(world, world.pm, 'escalate I-1', 'saved');
    // The supportive policy lets the project's PM decide a pending change request.
    expect(change.view.item).toMatchObject({ key: 'C-1', escalatedFrom: 'I-1', actions: ['approve', 'reject', 'update', 'close'] });
    expect(await actionsOf(world, world.owner, 'I-1')).toEqual(['update', 'close']);
  });

  it('issues: Update, Close and Escalate while open, Update once resolved; change requests never escalate', async () => {
    const world = await makeWorld({ policy: 'supportive' }); // the PM may decide the change
    const issue = await runFor(world, world.other, 'issue Build server down project=APOLLO', 'saved');
    expect(issue.view.item.actions).toEqual(['update', 'close', 'escalate']);
    await runFor(world, world.other, 'update I-1 status=in_progress', 'saved');
    expect(await actionsOf(world, world.other, 'I-1')).toEqual(['update', 'close', 'escalate']);
    await runFor(world, world.other, 'update I-1 status=resolved', 'saved');
    expect(await actionsOf(world, world.other, 'I-1')).toEqual(['update']);
    expect(await actionsOf(world, world.owner, 'I-1')).toEqual([]);
    await runFor(world, world.owner, 'change Add SSO to scope project=APOLLO', 'saved');
    expect(await actionsOf(world, world.pm, 'C-1')).toEqual(['approve', 'reject', 'update', 'close']);
    expect(await actionsOf(world, world.other, 'C-1')).toEqual([]);
  });
});
