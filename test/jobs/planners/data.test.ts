// The loaders on the real test database: a constant number of queries whatever the portfolio's
// size (one per collection, never one per project), nothing from another workspace, and planJob end to end.
import { Types } from 'mongoose';
import { ensureWorkspace, listOverdueItems } from '../../../core/services';
import { loadDigestData, loadNudgeData, loadReminderData } from '../../../jobs/data';
import { planJob } from '../../../jobs/planners';
import {
  ChangeRequestModel, IssueModel, PersonModel, PortfolioModel, ProjectModel, RiskModel, StatusUpdateModel, WorkspaceModel, type WorkspaceDoc,
} from '../../../models';
import { useTestDatabase } from '../../support/db';
import { monitorRoundTrips, summary, type Command, type RoundTrips } from '../round-trips';

useTestDatabase();

/** Monday 30 Nov 2026, 09:30 in Berlin. */
const NOW = new Date('2026-11-30T08:30:00Z');
let counter = 0;

/** A workspace with one portfolio of `n` projects, each with two updates, two risks, an issue and a change. */
async function seed(n: number): Promise<WorkspaceDoc> {
  counter += 1;
  const workspace = await ensureWorkspace('teams', `tenant-jobs-${counter}-${Date.now()}`, `Tenant ${counter}`, { timeZone: 'Europe/Berlin' });
  const workspaceId: Types.ObjectId = workspace._id;
  await PortfolioModel.create({ workspaceId, key: 'BIG', name: 'Big portfolio', execChannels: [{ platform: 'teams', channelId: `19:exec-${counter}` }] });
  const pms = ['u-pm-1', 'u-pm-2', 'u-pm-3'];
  await PersonModel.insertMany([...pms, 'u-owner'].map((id) => ({ workspaceId, platformUserId: id, displayName: `Name of ${id}`, role: 'pm' })));
  const keys = Array.from({ length: n }, (_, i) => `P${String(i + 1).padStart(3, '0')}`);
  await ProjectModel.insertMany(keys.map((key, i) => ({ workspaceId, key, name: `Project ${key}`, portfolioKey: 'BIG', pmId: pms[i % pms.length], active: true })));
  await StatusUpdateModel.insertMany(keys.flatMap((projectKey, i) => [
    { workspaceId, projectKey, period: '2026-W47', overall: 'green', authorId: 'u-pm-1', submittedAt: new Date('2026-11-19T10:00:00Z') },
    ...(i % 4 === 0 ? [] : [{ workspaceId, projectKey, period: '2026-W48', overall: (['red', 'amber', 'green'] as const)[i % 3], authorId: 'u-pm-1', submittedAt: new Date('2026-11-26T10:00:00Z') }]),
  ]));
  const item = (kind: string, seq: number, projectKey: string, extra: object) => ({ workspaceId, seq, key: `${kind}-${seq}`, title: `${kind}-${seq} on ${projectKey}`, projectKey, ownerId: 'u-owner', raisedById: 'u-pm-1', ...extra });
  await RiskModel.insertMany(keys.flatMap((k, i) => [
    item('R', 2 * i + 1, k, { probability: 4, impact: 5, score: 20, rating: 'critical', due: '2026-11-20' }),
    item('R', 2 * i + 2, k, { probability: 1, impact: 2, score: 2, rating: 'low', status: 'closed', closedAt: new Date('2026-11-25T10:00:00Z') }),
  ]));
  await IssueModel.insertMany(keys.map((k, i) => item('I', i + 1, k, { priority: 'high', due: '2026-12-20' })));
  await ChangeRequestModel.insertMany(keys.map((k, i) => item('C', i + 1, k, { decision: 'pending' })));
  return workspace;
}

/** The queries sent (a getMore continues a query: how many a server needs depends on its batch sizes). */
function queries(commands: readonly Command[]): string[] {
  return summary(commands.filter((c) => c.name !== 'getMore'));
}

/** Many projects, and more items per register than a server's first batch (101). */
const LARGE = 250;

describe('the job loaders', () => {
  let small: WorkspaceDoc;
  let large: WorkspaceDoc;
  let wire: RoundTrips;

  beforeAll(async () => {
    wire = await monitorRoundTrips();
    small = await seed(10);
    large = await seed(LARGE);
  }, 120_000);

  it('read a digest run in the same queries for 10 and for many projects: one per collection', async () => {
    const a = await wire.during(() => loadDigestData(small._id, '2026-W48'));
    const b = await wire.during(() => loadDigestData(large._id, '2026-W48'));
    expect(queries(a.commands)).toEqual(queries(b.commands));
    // One query per collection read (each register kind, projects, people...), however many projects.
    expect(new Set(queries(a.commands)).size).toBe(queries(a.commands).length);
    expect(queries(a.commands)).toEqual(expect.arrayContaining(['find portfolios', 'find projects', 'find risks', 'find status_updates']));
    expect(b.result.projects).toHaveLength(LARGE);
    expect(b.result.statuses).toHaveLength(2 * LARGE - Math.ceil(LARGE / 4));
    // Open risks and issues, pending changes, and the risks closed this week.
    expect(b.result.items.filter((i) => i.kind === 'risk')).toHaveLength(2 * LARGE);
    expect(b.result.items).toHaveLength(4 * LARGE);
    expect(b.result.names.get('u-owner')).toBe('Name of u-owner');
  });

  it('read a reminders run and a nudge run in constant round trips too', async () => {
    const reminders = [await wire.during(() => loadReminderData(small._id, NOW)), await wire.during(() => loadReminderData(large._id, NOW))];
    expect(queries(reminders[0].commands)).toEqual(queries(reminders[1].commands));
    expect(new Set(queries(reminders[0].commands)).size).toBe(queries(reminders[0].commands).length);
    // Each project's critical risk is overdue; its change has been pending since today, not overdue.
    expect(reminders[1].result.items.map((i) => i.key).filter((k) => k.startsWith('R-'))).toHaveLength(LARGE);
    expect(reminders[1].result.items).toHaveLength(LARGE);
    expect(reminders[1].result.projects).toHaveLength(LARGE);
    const nudges = [await wire.during(() => loadNudgeData(small._id, '2026-W48')), await wire.during(() => loadNudgeData(large._id, '2026-W48'))];
    expect(queries(nudges[0].commands)).toEqual(queries(nudges[1].commands));
    expect(new Set(queries(nudges[0].commands)).size).toBe(queries(nudges[0].commands).length);
    expect(nudges[1].result.missing).toHaveLength(Math.ceil(LARGE / 4));
  });

  it('plan a run from the workspace it is given without reading it again', async () => {
    const { commands } = await wire.during(() => planJob('reminders', small, NOW));
    expect(queries(commands)).not.toContain('find workspaces');
    expect(queries(commands)).toEqual(expect.arrayContaining(['find projects', 'find risks']));
  });

  it('never reads another workspace', async () => {
    // Both workspaces have the same keys (P001…, R-1…): only the counts tell them apart.
    const data = await loadDigestData(small._id, '2026-W48');
    expect(data.portfolios).toHaveLength(1);
    expect(data.projects).toHaveLength(10);
    expect(data.statuses).toHaveLength(10 + 7);
    expect(data.items).toHaveLength(40);
    expect((await loadNudgeData(small._id, '2026-W48')).missing).toHaveLength(3);
    expect((await loadReminderData(small._id, NOW)).items).toHaveLength(10);
  });

  it('find exactly the overdue items the register lists as overdue, in every zone and around the decision deadline', async () => {
    // Changes raised every three hours from 17 to 12 days before today: the 14-day deadline falls among them in every zone.
    for (const timeZone of ['Pacific/Kiritimati', 'Etc/GMT+12', 'Asia/Kathmandu', 'America/New_York', 'UTC']) {
      counter += 1;
      const ws = await ensureWorkspace('teams', `tenant-zones-${counter}-${Date.now()}`, 'Zones', { timeZone });
      const workspaceId = ws._id;
      // Supportive's 14 days: the changes below were raised 12 to 17 days ago, so the deadline falls among them.
      await WorkspaceModel.updateOne({ _id: workspaceId }, { $set: { policy: 'supportive' } });
      const now = new Date('2026-11-30T11:00:00Z');
      const raised = Array.from({ length: 40 }, (_, i) => new Date(now.getTime() - 17 * 86_400_000 + i * 3 * 3_600_000));
      const base = { workspaceId, projectKey: 'P1', ownerId: 'u-owner', raisedById: 'u-pm-1', title: 't', description: '', due: null, closedAt: null, resolution: null };
      await ChangeRequestModel.collection.insertMany([
        ...raised.map((at, i) => ({ ...base, seq: i + 1, key: `C-${i + 1}`, status: 'open', decision: 'pending', createdAt: at, updatedAt: at })),
        { ...base, seq: 41, key: 'C-41', status: 'open', decision: 'approved', createdAt: raised[0], updatedAt: raised[0] },
        { ...base, seq: 42, key: 'C-42', status: 'closed', decision: 'pending', due: '2026-11-01', createdAt: raised[0], updatedAt: raised[0] },
        { ...base, seq: 43, key: 'C-43', status: 'open', decision: 'approved', due: '2026-11-29', createdAt: now, updatedAt: now },
      ]);
      await RiskModel.collection.insertMany([
        { ...base, seq: 1, key: 'R-1', status: 'open', score: 4, reviewDate: '2026-11-29', createdAt: now, updatedAt: now },
        { ...base, seq: 2, key: 'R-2', status: 'open', score: 4, reviewDate: '2026-12-29', due: '2026-12-01', createdAt: now, updatedAt: now },
        { ...base, seq: 3, key: 'R-3', status: 'closed', score: 4, due: '2026-11-01', createdAt: now, updatedAt: now },
      ]);
      await IssueModel.collection.insertMany([
        { ...base, seq: 1, key: 'I-1', status: 'open', priority: 'high', due: '2026-11-29', createdAt: now, updatedAt: now },
        { ...base, seq: 2, key: 'I-2', status: 'resolved', priority: 'high', due: '2026-11-29', createdAt: now, updatedAt: now },
        { ...base, seq: 3, key: 'I-3', status: 'open', priority: 'high', createdAt: now, updatedAt: now },
      ]);
      const expected = (await listOverdueItems(workspaceId, now)).map((i) => i.key);
      const loaded = (await loadReminderData(workspaceId, now)).items.map((i) => i.key);
      expect({ timeZone, loaded }).toEqual({ timeZone, loaded: expected });
      expect(expected.filter((k) => k.startsWith('C-')).length).toBeGreaterThan(1);
      expect(expected.filter((k) => k.startsWith('C-')).length).toBeLessThan(38);
    }
  }, 60_000);

  it('refuses a portfolio the workspace does not have', async () => {
    await expect(loadDigestData(small._id, '2026-W48', { portfolioKey: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('plans each job from the database in one call', async () => {
    const digest = await planJob('digest', small, NOW);
    expect(digest).toMatchObject({ job: 'digest', period: '2026-W49' });
    expect(digest.deliveries.map((d) => d.key)).toEqual([`digest:BIG:channel:19:exec-1`]);
    const view = digest.deliveries[0].message.view as { period: string; totalProjects: number; rag: unknown; missingTotal: number };
    expect(view).toMatchObject({ period: '2026-W48', totalProjects: 10, missingTotal: 3 });
    const reminders = await planJob('reminders', small, NOW);
    expect(reminders.deliveries.map((d) => d.key)).toEqual(['reminders:pm:u-pm-1', 'reminders:pm:u-pm-2', 'reminders:pm:u-pm-3', 'reminders:owner:u-owner']);
    const nudge = await planJob('nudge', small, new Date('2026-12-03T09:00:00Z'));
    expect(nudge).toMatchObject({ job: 'nudge', period: '2026-W49' });
    expect(nudge.deliveries.map((d) => d.key)).toEqual(['nudge:pm:u-pm-1', 'nudge:pm:u-pm-2', 'nudge:pm:u-pm-3']);
  });
});
