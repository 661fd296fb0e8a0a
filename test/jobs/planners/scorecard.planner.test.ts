// The PMO scorecard (issue 14, SPEC §4): what it counts per project and per policy, to whom it goes, and its cards.
import { jobMessageCard, renderJobMessageForSlack } from '../../../cards/jobs';
import type { ScorecardView } from '../../../core/job-views';
import type { Policy } from '../../../core/domain';
import type { ScorecardData } from '../../../jobs/data/scorecard.data';
import { planScorecard, scorecardView } from '../../../jobs/planners';
import { SCORECARD_PROJECTS_SHOWN } from '../../../jobs/planners/scorecard.planner';
import { MAX_CARD_BYTES, cardBytes } from '../../cards/card-checker';
import { allText } from '../../cards/card-query';
import { blockProblems, checkJobCard } from '../../cards/jobs/check';
import { AWKWARD } from '../../cards/jobs/fixtures';
import { MONDAY, status, workspace } from './fixtures';
import { at, scorecardData } from './scorecard-fixtures';

const ws = workspace('Europe/Berlin');
const view = (policy: Policy, extra: Partial<ScorecardData> = {}): ScorecardView => scorecardView(MONDAY, '2026-W49', ws, scorecardData(policy, extra));

describe('scorecardView', () => {
  it('scores the four weeks before this one, on time meaning before the week ended in the workspace zone', () => {
    const v = view('controlling');
    expect(v.weeks).toEqual(['2026-W45', '2026-W46', '2026-W47', '2026-W48']);
    expect(v.projects.map((p) => [p.key, p.onTime, p.weeksDue])).toEqual([['HERMES', 0, 4], ['ZEUS', 1, 2], ['APOLLO', 4, 4]]);
    expect(v.compliance).toEqual({ onTime: 5, due: 10, share: 50 });
    expect(v.projects.find((p) => p.key === 'ZEUS')).toMatchObject({ pmName: 'Kim Lee', overdueItems: 1, noOwner: 0, noDueDate: 1, risksPastReview: 0 });
    expect(v.projects.find((p) => p.key === 'HERMES')?.pmName).toBeUndefined();
  });

  it('counts overdue items, risks past review, items with no owner or due date, and changes pending too long', () => {
    const v = view('controlling');
    const apollo = v.projects.find((p) => p.key === 'APOLLO');
    expect(apollo).toMatchObject({ overdueItems: 2, risksPastReview: 1, noOwner: 0, noDueDate: 0, changesPendingTooLong: 0 });
    const hermes = v.projects.find((p) => p.key === 'HERMES');
    expect(hermes).toMatchObject({ overdueItems: 1, noOwner: 1, noDueDate: 1, changesPendingTooLong: 1 });
    expect(v.totals).toEqual({ overdueItems: 4, risksPastReview: 1, noOwner: 1, noDueDate: 2, changesPendingTooLong: 1 });
  });

  it.each([
    // policy, days a change may pend, changes pending too long (C-1 10 days, C-2 4 days), overdue per owner
    ['supportive', 14, 0, null],
    ['controlling', 7, 1, [{ name: 'Jane Doe', count: 1 }, { name: 'Kim Lee', count: 1 }, { name: 'Olly Stone', count: 1 }, { name: 'Sam Patel', count: 1 }]],
    ['directive', 3, 2, [{ name: 'Jane Doe', count: 2 }, { name: 'Kim Lee', count: 1 }, { name: 'Olly Stone', count: 1 }, { name: 'Sam Patel', count: 1 }]],
  ] as const)('under %s: changes overdue after %i days (%i too long), overdue per owner %j', (policy, days, tooLong, owners) => {
    const v = view(policy);
    expect(v.changeOverdueDays).toBe(days);
    expect(v.totals.changesPendingTooLong).toBe(tooLong);
    expect(v.overdueByOwner).toEqual(owners);
  });

  it('says so when no update was due, and shows the least compliant projects first up to the limit', () => {
    const empty = view('supportive', { projects: [], statuses: [], items: [] });
    expect(empty.compliance).toEqual({ onTime: 0, due: 0, share: null });
    const many = Array.from({ length: SCORECARD_PROJECTS_SHOWN + 5 }, (_, i) => ({ key: `P${String(i).padStart(2, '0')}`, name: `${AWKWARD} ${i}`, pmId: 'u-sam', createdAt: at('2026-01-05T09:00:00Z') }));
    const big = view('directive', { projects: many, statuses: [status('P00', '2026-W48', 'green', '2026-11-27T10:00:00Z')] });
    expect(big.projects).toHaveLength(SCORECARD_PROJECTS_SHOWN);
    expect(big.totalProjects).toBe(SCORECARD_PROJECTS_SHOWN + 5);
    expect(big.projects.map((p) => p.key)).not.toContain('P00');
    expect(big.compliance).toEqual({ onTime: 1, due: 120, share: 1 });
  });
});

describe('planScorecard', () => {
  it('goes to each PMO admin when scheduled, or only to the asking conversation on demand', () => {
    const scheduled = planScorecard(MONDAY, '2026-W49', ws, scorecardData());
    expect(scheduled.map((d) => [d.key, d.recipient])).toEqual([
      ['scorecard:admin:u-ada', { kind: 'user', platform: 'teams', userId: 'u-ada', displayName: 'Ada Admin' }],
      ['scorecard:admin:u-zed', { kind: 'user', platform: 'teams', userId: 'u-zed', displayName: 'Zed Lead' }],
    ]);
    expect(planScorecard(MONDAY, '2026-W49', ws, scorecardData('controlling', { admins: [] }))).toEqual([]);
    const here = { kind: 'channel', platform: 'teams', channelId: '19:pmo', conversationRefId: null } as const;
    const onDemand = planScorecard(MONDAY, '2026-W49', ws, scorecardData(), here);
    expect(onDemand.map((d) => d.recipient)).toEqual([here]);
  });
});

describe('the scorecard card and blocks', () => {
  const messages = (): [string, ScorecardView][] => [
    ['controlling', view('controlling')],
    ['supportive with no projects', view('supportive', { projects: [], statuses: [], items: [] })],
    ['directive with 30 awkward projects', view('directive', { projects: Array.from({ length: 30 }, (_, i) => ({ key: `P${i}`, name: `${AWKWARD} ${i}`, pmId: 'u-sam', createdAt: at('2026-01-05T09:00:00Z') })) })],
  ];

  it.each(messages())('%s: a valid Adaptive Card under 28 KB, and Block Kit inside every limit', (_what, v) => {
    const card = jobMessageCard({ kind: 'scorecard', view: v });
    expect(checkJobCard(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
    const { text, blocks } = renderJobMessageForSlack({ kind: 'scorecard', view: v });
    expect(blockProblems(blocks)).toEqual([]);
    expect(text).toMatch(/^PMO scorecard/);
  });

  it('reads at a glance: the share, the gaps, each project, and the owners under controlling', () => {
    const text = allText(jobMessageCard({ kind: 'scorecard', view: view('controlling') }));
    for (const expected of ['PMO scorecard — week 49', '50%', '50% of status updates on time in weeks 45–48 (5 of 10).', 'overdue items',
      '**HERMES** Hermes', '1 overdue · 1 with no owner · 1 with no due date · 1 change pending over 7 days · no PM', '0/4',
      '**ZEUS** Zeus', '1/2', 'changes pending over 7 days', 'Overdue items per owner', 'Controlling PMO: a change is overdue after 7 days pending.']) {
      expect(text).toContain(expected);
    }
    expect(JSON.stringify(jobMessageCard({ kind: 'scorecard', view: view('controlling') }))).toContain('{"title":"Jane Doe","value":"1"}');
    expect(allText(jobMessageCard({ kind: 'scorecard', view: view('supportive') }))).not.toContain('Overdue items per owner');
    const slack = JSON.stringify(renderJobMessageForSlack({ kind: 'scorecard', view: view('controlling') }).blocks);
    expect(slack).toContain('*HERMES* Hermes — 0/4 on time');
    expect(slack).toContain('• Jane Doe: 1');
  });
});
