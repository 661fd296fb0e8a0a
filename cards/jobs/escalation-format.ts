// Words the Teams and Slack escalation messages share.
import type { EscalationView } from '../../core/job-views';
import { plural, weekLabel } from './format';

export function escalationTitle(view: EscalationView): string {
  return `PMO follow-up — ${weekLabel(view.period).toLowerCase()}`;
}

export function escalationSummary(view: EscalationView): string {
  const parts: string[] = [];
  if (view.totalMissing > 0) parts.push(`${plural(view.totalMissing, 'project')} without a status update`);
  if (view.totalOverdue > 0) parts.push(`${plural(view.totalOverdue, 'item')} overdue ${view.overdueAfterDays ?? 0}+ days`);
  return `${escalationTitle(view)}: ${parts.join(', ') || 'nothing to escalate'}`;
}

export function missingHeading(view: EscalationView): string {
  return `No status update for ${weekLabel(view.period).toLowerCase()} after the nudge (${view.totalMissing})`;
}

export function overdueHeading(view: EscalationView): string {
  return `Overdue ${view.overdueAfterDays ?? 0} days or more (${view.totalOverdue})`;
}

export function moreLine(shown: number, total: number, command: string): string | null {
  return total > shown ? `…and ${total - shown} more — type ${command}.` : null;
}

export function escalationNote(view: EscalationView): string {
  const policy = view.policy === 'directive' ? 'Directive' : view.policy === 'controlling' ? 'Controlling' : 'Supportive';
  return `${policy} PMO policy: sent to PMO admins the working day after the nudge. As of ${view.today} (${view.zone}).`;
}
