// Words the Teams and Slack scorecards share: the headline, the compliance line and each project's gaps.
import type { ScorecardProjectLine, ScorecardView } from '../../core/job-views';
import { plural, weekLabel } from './format';

export function scorecardTitle(view: ScorecardView): string {
  return `PMO scorecard — ${weekLabel(view.period).toLowerCase()}`;
}

/** `Weeks 45–48`. */
export function weeksLabel(view: ScorecardView): string {
  const first = Number(view.weeks[0]?.slice(6));
  const last = Number(view.weeks[view.weeks.length - 1]?.slice(6));
  return first === last ? `Week ${first}` : `Weeks ${first}–${last}`;
}

export function complianceLine(view: ScorecardView): string {
  const { onTime, due, share } = view.compliance;
  if (share === null) return `No status updates were due in ${weeksLabel(view).toLowerCase()}.`;
  return `${share}% of status updates on time in ${weeksLabel(view).toLowerCase()} (${onTime} of ${due}).`;
}

export function scorecardSummary(view: ScorecardView): string {
  const share = view.compliance.share === null ? 'no updates due' : `${view.compliance.share}% updates on time`;
  return `${scorecardTitle(view)}: ${share}, ${view.totals.overdueItems} overdue items`;
}

/** What a project lacks, in words: `2 overdue · 1 risk past review · 1 with no owner`; '' when nothing. */
export function gapsLabel(line: ScorecardProjectLine, changeOverdueDays: number): string {
  const parts: string[] = [];
  if (line.overdueItems > 0) parts.push(`${line.overdueItems} overdue`);
  if (line.risksPastReview > 0) parts.push(plural(line.risksPastReview, 'risk past review', 'risks past review'));
  if (line.noOwner > 0) parts.push(`${line.noOwner} with no owner`);
  if (line.noDueDate > 0) parts.push(`${line.noDueDate} with no due date`);
  if (line.changesPendingTooLong > 0) parts.push(`${plural(line.changesPendingTooLong, 'change')} pending over ${changeOverdueDays} days`);
  return parts.join(' · ');
}

export const POLICY_NAME = { supportive: 'Supportive', controlling: 'Controlling', directive: 'Directive' } as const;

export function policyNote(view: ScorecardView): string {
  return `${POLICY_NAME[view.policy]} PMO: a change is overdue after ${plural(view.changeOverdueDays, 'day')} pending. As of ${view.asOf} (${view.zone}).`;
}
