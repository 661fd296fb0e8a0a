// The policy's follow-up to the PMO admins (SPEC §4 policy table), the working day after the nudge:
// controlling and directive name the PMs still missing the week's update; directive adds the items
// overdue two weeks or more. Nothing to report, or supportive: no message.
import type { EscalationView } from '../../core/job-views';
import type { IsoWeek } from '../../core/domain';
import { SCHEDULE_OFF } from '../../core/domain';
import { policyRules } from '../../core/policy';
import { compareItems } from '../../core/services/item-list.service';
import { isOverdue, overdueContext } from '../../core/services/overdue';
import type { EscalationData } from '../data/escalation.data';
import type { JobWorkspace, PlannedDelivery } from '../types';
import { daysBetween, overdueSince } from './dates';
import { userRecipient } from './recipients';

/** Rows per list in one message; the rest are counted. */
export const ESCALATION_ROWS_SHOWN = 20;

const pmName = (id: string, data: EscalationData): string => `${data.names.get(id) ?? id}${data.away?.has(id) ? ' (away)' : ''}`;

export function escalationView(now: Date, period: IsoWeek, workspace: JobWorkspace, data: EscalationData): EscalationView {
  const rules = policyRules(data.policy);
  // A change's allowance is the policy's (SPEC §4), as in the scorecard.
  const ctx = { ...overdueContext(workspace, now), changePendingDays: rules.changeOverdueDays };
  // Missing updates follow up the nudge: with the nudge off (`settings nudge=off`) there is none to follow.
  const missing = rules.missingUpdateToAdmins && workspace.schedules?.nudge !== SCHEDULE_OFF
    ? data.missing.filter((p) => p.active).map((p) => ({ key: p.key, name: p.name, ...(p.pmId ? { pmName: pmName(p.pmId, data) } : {}) }))
    : null;
  const after = rules.escalateOverdueAfterDays;
  const overdue = after === null
    ? null
    : data.items
      .filter((item) => isOverdue(item, ctx))
      .map((item) => ({ item, days: daysBetween(overdueSince(item, ctx), ctx.today) }))
      .filter((o) => o.days >= after)
      .sort((a, b) => b.days - a.days || compareItems(a.item, b.item))
      .map(({ item, days }) => ({
        key: item.key, title: item.title, projectKey: item.projectKey, daysOverdue: days,
        ...(item.ownerId ? { ownerName: data.names.get(item.ownerId) ?? item.ownerId } : {}),
      }));
  return {
    period,
    today: ctx.today,
    zone: ctx.zone,
    policy: data.policy,
    missing: missing?.slice(0, ESCALATION_ROWS_SHOWN) ?? null,
    totalMissing: missing?.length ?? 0,
    overdue: overdue?.slice(0, ESCALATION_ROWS_SHOWN) ?? null,
    totalOverdue: overdue?.length ?? 0,
    overdueAfterDays: after,
  };
}

/** One message to each PMO admin, when there is something to escalate. */
export function planEscalation(now: Date, period: IsoWeek, workspace: JobWorkspace, data: EscalationData): PlannedDelivery[] {
  const view = escalationView(now, period, workspace, data);
  if (view.totalMissing === 0 && view.totalOverdue === 0) return [];
  return data.admins.map((admin) => ({
    key: `escalation:admin:${admin.id}`,
    recipient: userRecipient(workspace, admin.id, data.names),
    message: { kind: 'escalation', view },
  }));
}
