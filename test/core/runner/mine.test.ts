// `mine` (issue 14): my overdue and due-this-week items, my projects' missing updates, and the changes I
// may decide under the policy; rendered as a valid Adaptive Card, Block Kit message and App Home.
import { mineCard } from '../../../cards';
import { checkLimits, checkMessage, homeTab, mineMessage } from '../../../cards/blocks';
import { homeViewFor } from '../../../core/runner';
import type { MineView } from '../../../core/mine-view';
import { createChange, createIssue, createRisk, submitStatus, updateSettings } from '../../../core/services';
import { loadWorkspace } from '../../../core/services/context';
import { checkCard } from '../../cards/card-checker';
import { allText, nodes } from '../../cards/card-query';
import { useTestDatabase } from '../../support/db';
import { makeWorld, runFor, type World } from './world';

useTestDatabase();

const EARLIER = new Date('2026-11-02T10:00:00Z');

async function seeded(): Promise<World> {
  const world = await makeWorld();
  // Supportive first (the default is controlling): the tests switch the policy to see who may decide.
  await updateSettings(world.ws, world.admin, { policy: 'supportive' });
  await createRisk(world.ws, world.owner, { title: 'Vendor API may slip', projectKey: 'APOLLO', probability: 4, impact: 5, due: '2026-11-20' }, EARLIER);
  await createIssue(world.ws, world.owner, { title: 'Test rig booked', projectKey: 'APOLLO', due: '2026-11-28' }, EARLIER);
  await createIssue(world.ws, world.owner, { title: 'Next week only', projectKey: 'APOLLO', due: '2026-12-02' }, EARLIER);
  await createIssue(world.ws, world.other, { title: 'Not mine', projectKey: 'APOLLO', due: '2026-11-20' }, EARLIER);
  await createChange(world.ws, world.owner, { title: 'Add SSO to scope', projectKey: 'APOLLO' }, EARLIER);
  return world;
}

const mine = async (world: World, who: World['owner']): Promise<MineView> => (await runFor(world, who, 'mine', 'mine')).view;
const keysOf = (items: { key: string }[]) => items.map((i) => i.key);

describe('mine', () => {
  it("shows an owner their overdue items and those due by Sunday, and nothing that is someone else's", async () => {
    const world = await seeded();
    const view = await mine(world, world.owner);
    expect(view).toMatchObject({ today: '2026-11-26', weekEnd: '2026-11-29', period: '2026-W48', overdueTotal: 2, dueThisWeekTotal: 1, missingUpdates: [], decisionsTotal: 0 });
    // C-1 is Jane's too: pending since 2 Nov, over the 14 days a change may pend under supportive.
    expect([keysOf(view.overdue), keysOf(view.dueThisWeek)]).toEqual([['R-1', 'C-1'], ['I-1']]);
  });

  it("shows a PM their projects' missing update until it is in, and the changes they may decide under supportive only", async () => {
    const world = await seeded();
    const supportive = await mine(world, world.pm);
    expect(supportive.missingUpdates).toEqual([{ key: 'APOLLO', name: 'Apollo' }]);
    expect(keysOf(supportive.decisions)).toEqual(['C-1']);
    await updateSettings(world.ws, world.admin, { policy: 'controlling' });
    const controlling = await mine(world, world.pm);
    expect(controlling.decisionsTotal).toBe(0);
    expect(keysOf((await mine(world, world.admin)).decisions)).toEqual(['C-1']);
    expect((await mine(world, world.other)).decisionsTotal).toBe(0);
    await submitStatus(world.ws, world.pm, 'APOLLO', { overall: 'green' }, new Date('2026-11-26T09:00:00Z'));
    expect((await mine(world, world.pm)).missingUpdates).toEqual([]);
  });

  it('renders a valid card and Block Kit message with buttons to open each item and start the missing update', async () => {
    const world = await seeded();
    const view = await mine(world, world.pm);
    const card = mineCard(view);
    expect(checkCard(card)).toEqual([]);
    const titles = nodes(card).filter((n) => n.type === 'Action.Submit').map((n) => n.title);
    expect(titles).toEqual(['Update APOLLO', 'Open C-1']);
    expect(allText(card)).toContain('Status updates missing for 2026-W48 (1)');
    const message = mineMessage(view);
    expect(checkMessage(message)).toEqual([]);
    expect(message.text).toBe('What needs you, Sam: 1 status update missing, 1 change to decide');
    const owner = mineCard(await mine(world, world.owner));
    expect(nodes(owner).filter((n) => n.type === 'Action.Submit').map((n) => n.title)).toEqual(['Open R-1', 'Open C-1', 'Open I-1']);
    const nobody = await mine(world, world.other);
    expect(allText(mineCard({ ...nobody, overdue: [], overdueTotal: 0 }))).toContain('Nothing needs you right now');
  });

  it('puts the same view at the top of the Slack App Home', async () => {
    const world = await seeded();
    const view = await homeViewFor(await loadWorkspace(world.ws), { id: 'u-owner', displayName: 'Jane' }, new Date('2026-11-26T10:00:00Z'));
    expect(keysOf(view.mine?.overdue ?? [])).toEqual(['R-1', 'C-1']);
    const tab = homeTab(view);
    expect(checkLimits('modal', tab.blocks)).toEqual([]);
    const text = JSON.stringify(tab.blocks);
    expect(text.indexOf('What needs you, Jane')).toBeGreaterThan(0);
    expect(text.indexOf('What needs you, Jane')).toBeLessThan(text.indexOf('Your projects'));
    expect(text).toContain('Due this week, to 2026-11-29 (1)');
  });
});
