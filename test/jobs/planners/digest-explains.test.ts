// The digest explains (issue 14): each amber or red line's reason and slip, and the risks that rose
// since the period began (score now against the risk's history at the period start).
import { planDigest } from '../../../jobs/planners';
import type { DigestView } from '../../../core/job-views';
import { loadDigestData, type ScoreChange } from '../../../jobs/data';
import { ensureWorkspace } from '../../../core/services';
import { ItemHistoryModel, PortfolioModel, ProjectModel, RiskModel, StatusUpdateModel } from '../../../models';
import { useTestDatabase } from '../../support/db';
import { MONDAY, digestData, workspace } from './fixtures';

const ws = workspace('Europe/Berlin');
const digestOf = (data = digestData()): DigestView => {
  const found = planDigest(MONDAY, ws, data).find((d) => d.key.startsWith('digest:DIGITAL:channel:19:exec-a'));
  if (!found || found.message.kind !== 'digest') throw new Error('no DIGITAL digest');
  return found.message.view;
};
const change = (itemKey: string, at: string, from: number): ScoreChange => ({ itemKey, at: new Date(at), from });

describe('digest lines explain amber and red', () => {
  it('carries the reason and the slip of a red line, never of a green one', () => {
    const data = digestData();
    data.statuses = data.statuses.map((s) =>
      s.period !== '2026-W48' ? s
        : s.projectKey === 'APOLLO' ? { ...s, reason: 'Vendor missed the API drop', forecastFinish: '2027-03-22', baselineFinish: '2027-03-01' }
          : { ...s, reason: 'Stale reason', forecastFinish: '2027-01-15', baselineFinish: '2027-01-01' });
    const lines = digestOf(data).projects;
    expect(lines.find((l) => l.key === 'APOLLO')).toMatchObject({ rag: 'red', reason: 'Vendor missed the API drop', slipDays: 21 });
    const zeus = lines.find((l) => l.key === 'ZEUS');
    expect(zeus?.rag).toBe('green');
    expect(zeus).not.toHaveProperty('reason');
    expect(zeus).not.toHaveProperty('slipDays');
  });

  it('leaves both out when the update gave neither', () => {
    expect(digestOf().projects.find((l) => l.key === 'APOLLO')).not.toHaveProperty('reason');
  });
});

describe('risks that rose this week', () => {
  // W48 starts Monday 23 Nov 00:00 in Berlin = 22 Nov 23:00 UTC.
  it('compares the score now with the score at the period start; new risks and falls are not rises', () => {
    const data = digestData({
      scoreChanges: [
        change('R-1', '2026-11-25T10:00:00Z', 4), // R-1 was raised this week: new, not risen
        change('R-2', '2026-11-22T22:30:00Z', 2), // before the start (Berlin): the score then was the later change's from
        change('R-2', '2026-11-22T23:30:00Z', 6), // the first change after the start: R-2 was 6, is 12 now
        change('R-2', '2026-11-26T09:00:00Z', 9),
        change('R-3', '2026-11-24T09:00:00Z', 9), // fell from 9 to 6
      ],
    });
    const view = digestOf(data);
    expect(view.risksRose).toEqual([{ key: 'R-2', title: expect.any(String), project: 'APOLLO', from: 6, to: 12, fromRating: 'medium', rating: 'high' }]);
    expect(view.risksRoseTotal).toBe(1);
  });

  it('is empty without score changes since the start', () => {
    const view = digestOf(digestData({ scoreChanges: [change('R-2', '2026-11-20T10:00:00Z', 4)] }));
    expect(view.risksRose).toEqual([]);
    expect(view.risksRoseTotal).toBe(0);
  });
});

describe('loadDigestData: what the digest explains with, from the database', () => {
  useTestDatabase();

  it('reads the reason and finish of the updates, and the score changes of open risks since the period began', async () => {
    const workspace = await ensureWorkspace('teams', `tenant-explains-${Date.now()}`, 'Explains', { timeZone: 'Europe/Berlin' });
    const workspaceId = workspace._id;
    await PortfolioModel.create({ workspaceId, key: 'DIGITAL', name: 'Digital', execChannels: [] });
    await ProjectModel.create({ workspaceId, key: 'APOLLO', name: 'Apollo', portfolioKey: 'DIGITAL', active: true });
    await StatusUpdateModel.create({ workspaceId, projectKey: 'APOLLO', period: '2026-W48', overall: 'red', reason: 'Vendor late', forecastFinish: '2027-03-22', baselineFinish: '2027-03-01', authorId: 'u-pm', submittedAt: new Date('2026-11-26T10:00:00Z') });
    const risk = { workspaceId, projectKey: 'APOLLO', ownerId: 'u-owner', raisedById: 'u-pm', createdAt: new Date('2026-10-01T10:00:00Z') };
    await RiskModel.insertMany([
      { ...risk, seq: 1, key: 'R-1', title: 'Rose', probability: 4, impact: 3, score: 12, rating: 'high' },
      { ...risk, seq: 2, key: 'R-2', title: 'Closed', probability: 4, impact: 3, score: 12, rating: 'high', status: 'closed', closedAt: new Date('2026-11-25T10:00:00Z') },
    ]);
    const entry = { workspaceId, kind: 'risk', byId: 'u-pm', action: 'updated', field: 'score' };
    await ItemHistoryModel.insertMany([
      { ...entry, itemKey: 'R-1', at: new Date('2026-11-01T10:00:00Z'), from: 4, to: 6 }, // long before the period
      { ...entry, itemKey: 'R-1', at: new Date('2026-11-24T10:00:00Z'), from: 6, to: 12 },
      { ...entry, itemKey: 'R-2', at: new Date('2026-11-24T10:00:00Z'), from: 2, to: 12 }, // closed: not read
    ]);
    const data = await loadDigestData(workspaceId, '2026-W48');
    expect(data.statuses).toEqual([expect.objectContaining({ reason: 'Vendor late', forecastFinish: '2027-03-22', baselineFinish: '2027-03-01' })]);
    expect(data.scoreChanges).toEqual([{ itemKey: 'R-1', at: new Date('2026-11-24T10:00:00Z'), from: 6 }]);
    const view = digestOf({ ...data, portfolios: data.portfolios.map((p) => ({ ...p, execChannels: [{ platform: 'teams', channelId: '19:exec-a' }] })) });
    expect(view.risksRose).toEqual([expect.objectContaining({ key: 'R-1', from: 6, to: 12 })]);
    expect(view.projects[0]).toMatchObject({ key: 'APOLLO', reason: 'Vendor late', slipDays: 21 });
  });
});

describe('the Slack digest plan: a parent, then its thread', () => {
  it('plans a brief parent and a thread reply keyed apart, each its own delivery; Teams keeps one card', () => {
    const data = digestData({ portfolios: [{ key: 'DIGITAL', name: 'Digital', execChannels: [{ platform: 'slack', channelId: 'CEXEC' }, { platform: 'teams', channelId: '19:exec-a' }] }] });
    const deliveries = planDigest(MONDAY, ws, data, { allProjects: true });
    expect(deliveries.map((d) => [d.key, d.message.kind, 'brief' in d.message ? d.message.brief : undefined, 'threadOf' in d.message ? d.message.threadOf : undefined])).toEqual([
      ['digest:DIGITAL:channel:CEXEC', 'digest', true, undefined],
      ['digest:DIGITAL:channel:CEXEC:thread', 'digest_thread', undefined, 'digest:DIGITAL:channel:CEXEC'],
      ['digest:DIGITAL:channel:19:exec-a', 'digest', undefined, undefined],
    ]);
  });
});
