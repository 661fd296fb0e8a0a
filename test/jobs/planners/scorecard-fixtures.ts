// The PMO scorecard's in-memory data (issue 14): three projects with known gaps, shared by its planner and render tests.
import type { Policy } from '../../../core/domain';
import type { ScorecardData } from '../../../jobs/data/scorecard.data';
import { scorecardWeeks } from '../../../jobs/planners';
import { change, issue, NAMES, risk, status } from './fixtures';

export const WEEKS = scorecardWeeks('2026-W48');
export const at = (iso: string) => new Date(iso);

export function scorecardData(policy: Policy = 'controlling', overrides: Partial<ScorecardData> = {}): ScorecardData {
  return {
    policy,
    weeks: WEEKS,
    projects: [
      { key: 'APOLLO', name: 'Apollo', pmId: 'u-sam', createdAt: at('2026-01-05T09:00:00Z') },
      // Created on Wed 18 Nov (week 47): weeks 45 and 46 are not held against it.
      { key: 'ZEUS', name: 'Zeus', pmId: 'u-kim', createdAt: at('2026-11-18T09:00:00Z') },
      { key: 'HERMES', name: 'Hermes', pmId: null, createdAt: at('2026-01-05T09:00:00Z') },
    ],
    statuses: [
      ...WEEKS.map((w, i) => status('APOLLO', w, 'green', `2026-11-${String(5 + 7 * i).padStart(2, '0')}T10:00:00Z`)),
      // Week 47 ended Sun 22 Nov 24:00 in Berlin (23:00Z): Monday's update was late; Sunday 23:30 Berlin was on time.
      status('ZEUS', '2026-W47', 'amber', '2026-11-23T08:00:00Z'),
      status('ZEUS', '2026-W48', 'amber', '2026-11-29T22:30:00Z'),
    ],
    items: [
      risk('R-1', 'APOLLO', 'u-jane', { due: '2026-11-20' }), // overdue 10 days
      risk('R-2', 'APOLLO', 'u-sam', { due: '2026-12-10', reviewDate: '2026-11-25' }), // past its review: overdue too
      risk('R-3', 'ZEUS', 'u-jane', { reviewDate: '2026-12-05' }),
      issue('I-1', 'HERMES', '', { due: null }), // no owner, no due date
      issue('I-2', 'ZEUS', 'u-kim', { due: '2026-11-26' }), // overdue 4 days
      issue('I-3', 'ZEUS', 'u-jane', { due: null }), // no due date
      change('C-1', 'HERMES', 'u-olly', { createdAt: '2026-11-20T10:00:00Z' }), // pending 10 days
      change('C-2', 'APOLLO', 'u-jane', { createdAt: '2026-11-26T10:00:00Z' }), // pending 4 days
    ],
    admins: [{ id: 'u-ada', name: 'Ada Admin' }, { id: 'u-zed', name: 'Zed Lead' }],
    names: new Map([...NAMES, ['u-zed', 'Zed Lead']]),
    ...overrides,
  };
}

