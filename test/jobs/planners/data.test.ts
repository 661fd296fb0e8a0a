// The loaders on the real test database: a constant number of queries whatever the portfolio's
// size, nothing from another workspace, and planJob end to end.
import mongoose, { type Types } from 'mongoose';
import { ensureWorkspace } from '../../../core/services';
import { loadDigestData, loadNudgeData, loadReminderData } from '../../../jobs/data';
import { planJob } from '../../../jobs/planners';
import {
  ChangeRequestModel, IssueModel, PersonModel, PortfolioModel, ProjectModel, RiskModel, StatusUpdateModel, type WorkspaceDoc,
} from '../../../models';
import { useTestDatabase } from '../../support/db';

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

async function countQueries<T>(run: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const queries: string[] = [];
  mongoose.set('debug', (collection: string, method: string) => {
    queries.push(`${collection}.${method}`);
  });
  try {
    return { result: await run(), queries };
  } finally {
    mongoose.set('debug', false);
  }
}

describe('the job loaders', () => {
  let small: WorkspaceDoc;
  let large: WorkspaceDoc;

  beforeAll(async () => {
    small = await seed(10);
    large = await seed(200);
  }, 120_000);

  it('read a digest run in the same queries for 10 and for 200 projects', async () => {
    const a = await countQueries(() => loadDigestData(small._id, '2026-W48'));
    const b = await countQueries(() => loadDigestData(large._id, '2026-W48'));
    expect(a.queries).toEqual(b.queries);
    expect(a.queries).toEqual(['portfolios.find', 'projects.find', 'status_updates.find', 'risks.find', 'issues.find', 'change_requests.find', 'people.find']);
    expect(b.result.projects).toHaveLength(200);
    expect(b.result.statuses).toHaveLength(200 + 150);
    // Open risks and issues, pending changes, and the risks closed this week.
    expect(b.result.items.filter((i) => i.kind === 'risk')).toHaveLength(400);
    expect(b.result.items).toHaveLength(800);
    expect(b.result.names.get('u-owner')).toBe('Name of u-owner');
  });

  it('read a reminders run and a nudge run in constant queries too', async () => {
    const reminders = [await countQueries(() => loadReminderData(small._id, NOW)), await countQueries(() => loadReminderData(large._id, NOW))];
    expect(reminders[0].queries).toEqual(reminders[1].queries);
    expect(reminders[0].queries).toEqual(['workspaces.findOne', 'risks.find', 'issues.find', 'change_requests.find', 'projects.find', 'people.find']);
    // Each project's critical risk is overdue; its change has been pending since today, not overdue.
    expect(reminders[1].result.items.map((i) => i.key).filter((k) => k.startsWith('R-'))).toHaveLength(200);
    expect(reminders[1].result.items).toHaveLength(200);
    const nudges = [await countQueries(() => loadNudgeData(small._id, '2026-W48')), await countQueries(() => loadNudgeData(large._id, '2026-W48'))];
    expect(nudges[0].queries).toEqual(nudges[1].queries);
    expect(nudges[0].queries).toEqual(['status_updates.find', 'projects.find', 'people.find']);
    expect(nudges[1].result.missing).toHaveLength(50);
  });

  it('never reads another workspace', async () => {
    const data = await loadDigestData(small._id, '2026-W48');
    expect(data.projects).toHaveLength(10);
    expect(data.portfolios.map((p) => String(p.workspaceId))).toEqual([String(small._id)]);
    expect(new Set([...data.items, ...data.projects].map((d) => String(d.workspaceId)))).toEqual(new Set([String(small._id)]));
    expect((await loadReminderData(small._id, NOW)).items).toHaveLength(10);
  });

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
