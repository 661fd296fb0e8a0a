import { DateTime } from 'luxon';
import type { WorkspaceDoc } from '../../models';
import type { IsoDate } from '../domain';
import { isDone } from '../registers';
import type { RegisterItem } from './item-store';
import { addDays, todayIn } from './time';

/** What "overdue" is measured against: today in the workspace's zone and its change policy. */
export interface OverdueContext {
  today: IsoDate;
  zone: string;
  changePendingDays: number;
}

export function overdueContext(workspace: Pick<WorkspaceDoc, 'timeZone' | 'changePendingDays'>, now: Date): OverdueContext {
  return { today: todayIn(workspace.timeZone, now), zone: workspace.timeZone, changePendingDays: workspace.changePendingDays };
}

/**
 * SPEC §2: an item is overdue when it is not closed/resolved and its due date is before today in
 * the workspace's zone; a risk also when its review date is; a change request also when its
 * decision has been pending longer than the workspace allows (raised + N days < today).
 */
export function isOverdue(item: RegisterItem, ctx: OverdueContext): boolean {
  if (isDone(item.kind, item.status)) return false;
  if (item.due && item.due < ctx.today) return true;
  if (item.kind === 'risk') return !!item.reviewDate && item.reviewDate < ctx.today;
  if (item.kind === 'change' && item.decision === 'pending') {
    const raised = DateTime.fromJSDate(item.createdAt, { zone: ctx.zone }).toISODate() as IsoDate;
    return addDays(raised, ctx.changePendingDays) < ctx.today;
  }
  return false;
}
