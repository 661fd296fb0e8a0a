// Actions in the scheduled jobs: an overdue action is in its owner's and its PM's reminders (a done one is
// not), and the digest counts it among the project's overdue items; decisions are never overdue.
import { closeItem, createItemOf, createRisk, ensurePerson, ensureWorkspace } from '../../../core/services';
import { planJob } from '../../../jobs/planners';
import { PortfolioModel, ProjectModel, type WorkspaceDoc } from '../../../models';
import { useTestDatabase } from '../../support/db';

useTestDatabase();

/** Monday 30 Nov 2026, 09:30 in Berlin. */
const NOW = new Date('2026-11-30T08:30:00Z');
const BEFORE = new Date('2026-11-16T10:00:00Z');
/** Within the digest's week, 2026-W48. */
const LAST_WEEK = new Date('2026-11-24T10:00:00Z');
const PM = { userId: 'u-pm', displayName: 'Sam PM' };
const OWNER = { userId: 'u-owner', displayName: 'Jane Owner' };

async function seed(): Promise<WorkspaceDoc> {
  const workspace = await ensureWorkspace('teams', `tenant-raid-${Date.now()}`, 'RAID', { timeZone: 'Europe/Berlin' });
  const workspaceId = workspace._id;
  await PortfolioModel.create({ workspaceId, key: 'BIG', name: 'Big portfolio', execChannels: [{ platform: 'teams', channelId: '19:exec-raid' }] });
  await ProjectModel.create({ workspaceId, key: 'APOLLO', name: 'Apollo', portfolioKey: 'BIG', pmId: PM.userId, active: true });
  for (const p of [PM, OWNER]) await ensurePerson(workspaceId, p.userId, p.displayName);
  await createRisk(workspaceId, OWNER, { title: 'Vendor API may slip', projectKey: 'APOLLO', probability: 2, impact: 2, due: '2026-12-20' }, BEFORE);
  await createItemOf('action', workspaceId, OWNER, { title: 'Call the vendor', projectKey: 'APOLLO', itemKey: 'R-1', due: '2026-11-20' }, BEFORE);
  await createItemOf('action', workspaceId, OWNER, { title: 'Book the room', projectKey: 'APOLLO', due: '2026-11-18' }, BEFORE);
  await createItemOf('action', workspaceId, OWNER, { title: 'Send the minutes', projectKey: 'APOLLO', due: '2026-12-18' }, BEFORE);
  await closeItem(workspaceId, OWNER, 'A-2', undefined, BEFORE);
  await createItemOf('decision', workspaceId, OWNER, { title: 'Use vendor B', projectKey: 'APOLLO', items: ['R-1'] }, BEFORE);
  await createItemOf('action', workspaceId, OWNER, { title: 'Order the parts', projectKey: 'APOLLO' }, LAST_WEEK);
  await closeItem(workspaceId, OWNER, 'A-4', undefined, LAST_WEEK);
  return workspace;
}

interface ReminderView { role: string; items: { item: { key: string; kind: string; itemKey?: string }; daysOverdue: number }[]; totalItems: number }
interface DigestView {
  totals: { overdueItems: number };
  projects: { key: string; overdueItems: number }[];
  opened: { byKind: Record<string, number> };
  closed: { byKind: Record<string, number> };
}

describe('actions in the jobs', () => {
  let workspace: WorkspaceDoc;
  beforeAll(async () => {
    workspace = await seed();
  });

  it('remind the owner and the PM of an overdue open action, not of a done one or one not yet due', async () => {
    const { deliveries } = await planJob('reminders', workspace, NOW);
    expect(deliveries.map((d) => d.key)).toEqual(['reminders:pm:u-pm', 'reminders:owner:u-owner']);
    for (const delivery of deliveries) {
      const view = delivery.message.view as ReminderView;
      expect(view.totalItems).toBe(1);
      expect(view.items).toMatchObject([{ item: { key: 'A-1', kind: 'action', itemKey: 'R-1' }, daysOverdue: 10 }]);
    }
  });

  it('count the overdue action in the digest, and the actions opened and closed this week', async () => {
    const { deliveries } = await planJob('digest', workspace, NOW);
    const view = deliveries[0].message.view as DigestView;
    expect(view.totals.overdueItems).toBe(1);
    expect(view.projects).toMatchObject([{ key: 'APOLLO', overdueItems: 1 }]);
    expect(view.opened.byKind).toMatchObject({ action: 1, decision: 0 });
    expect(view.closed.byKind).toMatchObject({ action: 1 });
  });
});
