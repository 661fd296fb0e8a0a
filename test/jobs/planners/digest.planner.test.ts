// The digest plan for a small fixture portfolio: recipients, keys, roll-up, lines, risks, activity.
import { planDigest } from '../../../jobs/planners';
import { DIGEST_PAGE_SIZE, DIGEST_TOP_PROJECTS } from '../../../jobs/planners/digest.planner';
import type { DigestProjectsView, DigestView } from '../../../core/job-views';
import { MONDAY, digestData, portfolio, project, status, workspace } from './fixtures';

const digestOf = (deliveries: ReturnType<typeof planDigest>, key: string): DigestView => {
  const found = deliveries.find((d) => d.key === key);
  if (!found || found.message.kind !== 'digest') throw new Error(`no digest ${key}`);
  return found.message.view;
};

describe('planDigest', () => {
  const ws = workspace('Europe/Berlin');

  it("sends one digest per portfolio to each exec channel once, skipping portfolios with no active projects", () => {
    const deliveries = planDigest(MONDAY, ws, digestData());
    expect(deliveries.map((d) => d.key)).toEqual([
      'digest:DIGITAL:channel:19:exec-a',
      'digest:DIGITAL:channel:19:exec-b',
      'digest:OPS:channel:19:exec-ops',
    ]);
    expect(deliveries[0].recipient).toEqual({ kind: 'channel', platform: 'teams', channelId: '19:exec-a', conversationRefId: null });
    expect(deliveries.every((d) => d.message.kind === 'digest')).toBe(true);
    // Re-planning the same run gives the same keys and content.
    expect(planDigest(MONDAY, ws, digestData())).toEqual(deliveries);
  });

  it('rolls up RAG against last week and orders project lines by the attention they need', () => {
    const view = digestOf(planDigest(MONDAY, ws, digestData()), 'digest:DIGITAL:channel:19:exec-a');
    expect(view).toMatchObject({
      portfolioKey: 'DIGITAL', period: '2026-W48', periodStart: '2026-11-23', periodEnd: '2026-11-29', asOf: '2026-11-30', zone: 'Europe/Berlin',
      rag: { now: { red: 1, amber: 0, green: 1, none: 1 }, lastWeek: { red: 0, amber: 1, green: 1, none: 1 } },
      totals: { openHighRisks: 2, overdueItems: 3 },
      totalProjects: 3, shownProjects: 3, moreCommand: 'digest DIGITAL', restFollows: false,
      missingUpdates: [{ key: 'HERMES', name: 'Hermes', pmName: 'Sam Patel' }], missingTotal: 1,
    });
    expect(view.projects).toEqual([
      { key: 'APOLLO', name: 'Apollo', pmName: 'Sam Patel', rag: 'red', trend: 'down', lastUpdateDays: 3, openHighRisks: 2, overdueItems: 2, missingUpdate: false },
      { key: 'HERMES', name: 'Hermes', pmName: 'Sam Patel', rag: null, trend: null, lastUpdateDays: null, openHighRisks: 0, overdueItems: 1, missingUpdate: true },
      { key: 'ZEUS', name: 'Zeus', pmName: 'Kim Lee', rag: 'green', trend: 'same', lastUpdateDays: 4, openHighRisks: 0, overdueItems: 0, missingUpdate: false },
    ]);
  });

  it('lists top open risks by score and the items opened and closed during the period', () => {
    const view = digestOf(planDigest(MONDAY, ws, digestData()), 'digest:DIGITAL:channel:19:exec-a');
    expect(view.topRisks.map((r) => [r.key, r.score, r.rating, r.ownerName, r.overdue])).toEqual([
      ['R-1', 20, 'critical', 'Jane Doe', true],
      ['R-2', 12, 'high', 'Sam Patel', true],
      ['R-3', 6, 'medium', 'Jane Doe', false],
    ]);
    expect(view.opened).toEqual({ total: 1, byKind: { risk: 1, issue: 0, change: 0, decision: 0, action: 0 }, items: [{ key: 'R-1', kind: 'risk', title: expect.any(String), project: 'APOLLO' }] });
    expect(view.closed).toMatchObject({ total: 1, byKind: { risk: 1, issue: 0, change: 0, decision: 0, action: 0 }, items: [{ key: 'R-4' }] });
    const ops = digestOf(planDigest(MONDAY, ws, digestData()), 'digest:OPS:channel:19:exec-ops');
    expect(ops.projects).toEqual([expect.objectContaining({ key: 'ATLAS', rag: 'amber', trend: 'new', overdueItems: 1 })]);
  });

  it('ignores updates after the reported week and counts a carried-forward RAG as unchanged', () => {
    const data = digestData();
    data.statuses = [...data.statuses, status('ZEUS', '2026-W49', 'red', '2026-11-30T07:00:00Z'), status('APOLLO', '2026-W46', 'green', '2026-11-13T10:00:00Z')];
    data.statuses = data.statuses.filter((s) => !(s.projectKey === 'APOLLO' && s.period === '2026-W47'));
    const view = digestOf(planDigest(MONDAY, ws, data), 'digest:DIGITAL:channel:19:exec-a');
    expect(view.projects.find((l) => l.key === 'ZEUS')).toMatchObject({ rag: 'green', trend: 'same' });
    // APOLLO: green in W46, nothing in W47, red in W48: down against the carried-forward green.
    expect(view.projects.find((l) => l.key === 'APOLLO')).toMatchObject({ rag: 'red', trend: 'down' });
  });

  it('posts only the named portfolio to the asking channel, even when it has no projects', () => {
    const here = { kind: 'channel' as const, platform: 'teams' as const, channelId: '19:asking' };
    expect(planDigest(MONDAY, ws, digestData(), { portfolioKey: 'empty', recipient: here }).map((d) => d.key)).toEqual(['digest:EMPTY:channel:19:asking']);
    expect(planDigest(MONDAY, ws, digestData(), { portfolioKey: 'OPS' }).map((d) => d.key)).toEqual(['digest:OPS:channel:19:exec-ops']);
  });

  describe('a large portfolio', () => {
    const keys = Array.from({ length: 300 }, (_, i) => `P${String(i + 1).padStart(3, '0')}`);
    const data = digestData({
      portfolios: [portfolio('BIG', ['19:exec-big'])],
      projects: keys.map((k) => project(k, 'BIG', 'u-sam')),
      statuses: keys.map((k, i) => status(k, '2026-W48', (['red', 'amber', 'green'] as const)[i % 3], '2026-11-26T10:00:00Z')),
      items: [],
    });

    it('shows the top projects and says how many more, with the command to see them all', () => {
      const deliveries = planDigest(MONDAY, ws, data);
      expect(deliveries).toHaveLength(1);
      const view = digestOf(deliveries, 'digest:BIG:channel:19:exec-big');
      expect(view).toMatchObject({ totalProjects: 300, shownProjects: DIGEST_TOP_PROJECTS, moreCommand: 'digest BIG', restFollows: false });
      expect(view.projects).toHaveLength(DIGEST_TOP_PROJECTS);
      expect(view.projects.every((l) => l.rag === 'red')).toBe(true);
      expect(view.rag.now).toEqual({ red: 100, amber: 100, green: 100, none: 0 });
    });

    it('sends every line in continuation pages when all projects are asked for', () => {
      const deliveries = planDigest(MONDAY, ws, data, { portfolioKey: 'BIG', allProjects: true });
      const pages = Math.ceil((300 - DIGEST_TOP_PROJECTS) / DIGEST_PAGE_SIZE);
      expect(deliveries.map((d) => d.key)).toEqual([
        'digest:BIG:channel:19:exec-big',
        ...Array.from({ length: pages }, (_, i) => `digest:BIG:channel:19:exec-big:page:${i + 2}`),
      ]);
      expect(digestOf(deliveries, 'digest:BIG:channel:19:exec-big').restFollows).toBe(true);
      const rest = deliveries.slice(1).map((d) => d.message.view as DigestProjectsView);
      expect(rest.map((p) => [p.page, p.pages, p.firstRank])).toEqual(rest.map((_, i) => [i + 1, pages, DIGEST_TOP_PROJECTS + i * DIGEST_PAGE_SIZE + 1]));
      const all = [...digestOf(deliveries, 'digest:BIG:channel:19:exec-big').projects, ...rest.flatMap((p) => p.projects)].map((l) => l.key);
      expect(new Set(all)).toEqual(new Set(keys));
    });
  });
});
