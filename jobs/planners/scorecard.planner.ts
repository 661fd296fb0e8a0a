// The PMO scorecard (SPEC §4): per project, on-time status updates over four weeks, overdue items,
// risks past review, items with no owner or due date, changes pending too long; the workspace's compliance share.
import { ITEM_KINDS, type IsoWeek, type ItemKind } from '../../core/domain';
import type { ScorecardProjectLine, ScorecardView } from '../../core/job-views';
import { policyRules } from '../../core/policy';
import { logFields } from '../../core/registers';
import type { RegisterItem } from '../../core/services/item-store';
import { isOverdue, overdueContext, type OverdueContext } from '../../core/services/overdue';
import { addDays } from '../../core/services/time';
import type { ScorecardData } from '../data/scorecard.data';
import { periodRange, shiftWeek } from '../schedule';
import type { JobWorkspace, PlannedDelivery, Recipient } from '../types';
import { dateIn } from './dates';
import { recipientKey, userRecipient } from './recipients';

/** Weeks of status updates scored. */
export const SCORECARD_WEEKS = 4;
/** Project rows in one scorecard: the least compliant first; the rest are counted in the totals. */
export const SCORECARD_PROJECTS_SHOWN = 25;
/** Owners listed with their overdue counts (controlling and directive). */
export const SCORECARD_OWNERS_SHOWN = 10;

/** The SCORECARD_WEEKS status weeks ending with `last`, oldest first. */
export function scorecardWeeks(last: IsoWeek): IsoWeek[] {
  return Array.from({ length: SCORECARD_WEEKS }, (_, i) => shiftWeek(last, i - SCORECARD_WEEKS + 1));
}

const hasField = (kind: ItemKind, name: string): boolean => logFields(kind).some((f) => f.name === name);
const OWNED = new Set(ITEM_KINDS.filter((k) => hasField(k, 'owner')));
const DATED = new Set(ITEM_KINDS.filter((k) => hasField(k, 'due')));

function dated(item: RegisterItem): boolean {
  if (item.due) return true;
  if (item.kind === 'risk') return !!item.reviewDate;
  return item.kind === 'change' && item.decision === 'pending'; // its decision deadline is the policy's
}

function pendingTooLong(item: RegisterItem, ctx: OverdueContext): boolean {
  return item.kind === 'change' && item.decision === 'pending' && addDays(dateIn(ctx.zone, item.createdAt), ctx.changePendingDays) < ctx.today;
}

interface Scored {
  line: ScorecardProjectLine;
  share: number;
}

/** The scorecard's view as of `now`: the same for every recipient. */
export function scorecardView(now: Date, period: IsoWeek, workspace: JobWorkspace, data: ScorecardData): ScorecardView {
  const rules = policyRules(data.policy);
  // The policy's allowance, not the workspace's older changePendingDays (SPEC §4 policy table).
  const ctx: OverdueContext = { ...overdueContext(workspace, now), changePendingDays: rules.changeOverdueDays };
  const weekEnds = new Map(data.weeks.map((w) => [w, periodRange(w, ctx.zone).end.getTime()]));
  const onTime = new Set(
    data.statuses.filter((s) => s.submittedAt.getTime() < (weekEnds.get(s.period) ?? 0)).map((s) => `${s.projectKey} ${s.period}`),
  );
  const itemsOf = new Map<string, RegisterItem[]>();
  for (const item of data.items) itemsOf.set(item.projectKey, [...(itemsOf.get(item.projectKey) ?? []), item]);
  const overdue = data.items.filter((i) => isOverdue(i, ctx));

  const scored: Scored[] = data.projects.map((p) => {
    const created = p.createdAt ? new Date(p.createdAt).getTime() : 0;
    const due = data.weeks.filter((w) => (weekEnds.get(w) ?? 0) > created);
    const items = itemsOf.get(p.key) ?? [];
    const line: ScorecardProjectLine = {
      key: p.key,
      name: p.name,
      ...(p.pmId ? { pmName: data.names.get(p.pmId) ?? p.pmId } : {}),
      onTime: due.filter((w) => onTime.has(`${p.key} ${w}`)).length,
      weeksDue: due.length,
      overdueItems: items.filter((i) => isOverdue(i, ctx)).length,
      risksPastReview: items.filter((i) => i.kind === 'risk' && !!i.reviewDate && i.reviewDate < ctx.today).length,
      noOwner: items.filter((i) => OWNED.has(i.kind) && !i.ownerId).length,
      noDueDate: items.filter((i) => DATED.has(i.kind) && !dated(i)).length,
      changesPendingTooLong: items.filter((i) => pendingTooLong(i, ctx)).length,
    };
    return { line, share: line.weeksDue === 0 ? 1 : line.onTime / line.weeksDue };
  });
  scored.sort((a, b) => a.share - b.share || b.line.overdueItems - a.line.overdueItems || a.line.key.localeCompare(b.line.key));

  const sum = (pick: (l: ScorecardProjectLine) => number) => scored.reduce((n, s) => n + pick(s.line), 0);
  const onTimeAll = sum((l) => l.onTime);
  const dueAll = sum((l) => l.weeksDue);
  return {
    period,
    weeks: data.weeks,
    asOf: ctx.today,
    zone: ctx.zone,
    policy: data.policy,
    changeOverdueDays: rules.changeOverdueDays,
    compliance: { onTime: onTimeAll, due: dueAll, share: dueAll === 0 ? null : Math.round((100 * onTimeAll) / dueAll) },
    totals: {
      overdueItems: sum((l) => l.overdueItems),
      risksPastReview: sum((l) => l.risksPastReview),
      noOwner: sum((l) => l.noOwner),
      noDueDate: sum((l) => l.noDueDate),
      changesPendingTooLong: sum((l) => l.changesPendingTooLong),
    },
    projects: scored.slice(0, SCORECARD_PROJECTS_SHOWN).map((s) => s.line),
    totalProjects: scored.length,
    overdueByOwner: rules.overdueCountPerOwner ? byOwner(overdue, data.names) : null,
  };
}

function byOwner(overdue: readonly RegisterItem[], names: ReadonlyMap<string, string>): { name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const item of overdue) counts.set(item.ownerId ?? '', (counts.get(item.ownerId ?? '') ?? 0) + 1);
  return [...counts.entries()]
    .map(([id, count]) => ({ name: id ? (names.get(id) ?? id) : 'No owner', count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .slice(0, SCORECARD_OWNERS_SHOWN);
}

/** To each PMO admin (scheduled), or to `recipient` alone (on demand); no admin, no message. */
export function planScorecard(now: Date, period: IsoWeek, workspace: JobWorkspace, data: ScorecardData, recipient?: Recipient): PlannedDelivery[] {
  const view = scorecardView(now, period, workspace, data);
  if (recipient) return [{ key: `scorecard:${recipientKey(recipient)}`, recipient, message: { kind: 'scorecard', view } }];
  return data.admins.map((admin) => ({
    key: `scorecard:admin:${admin.id}`,
    recipient: userRecipient(workspace, admin.id, data.names),
    message: { kind: 'scorecard', view },
  }));
}
