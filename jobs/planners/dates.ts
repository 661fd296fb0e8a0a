// Calendar arithmetic the planners share: whole days between dates, and when an item fell overdue.
import { DateTime } from 'luxon';
import type { IsoDate } from '../../core/domain';
import { addDays, todayIn } from '../../core/services/time';
import type { OverdueContext } from '../../core/services/overdue';
import type { RegisterItem } from '../../core/services/item-store';

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round(DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days);
}

/** Calendar days since an instant, both dates taken in the workspace's zone. */
export function daysSince(at: Date, ctx: Pick<OverdueContext, 'today' | 'zone'>): number {
  return daysBetween(todayIn(ctx.zone, at), ctx.today);
}

/**
 * The earliest date that makes an overdue item overdue (SPEC §2, as isOverdue): its due date, a
 * risk's review date, a pending change's decision deadline (raised + the policy's days).
 */
export function overdueSince(item: RegisterItem, ctx: OverdueContext): IsoDate {
  const dates: IsoDate[] = [];
  if (item.due) dates.push(item.due);
  if (item.kind === 'risk' && item.reviewDate) dates.push(item.reviewDate);
  if (item.kind === 'change' && item.decision === 'pending') dates.push(addDays(todayIn(ctx.zone, item.createdAt), ctx.changePendingDays));
  const past = dates.filter((d) => d < ctx.today).sort();
  return past[0] ?? ctx.today;
}
