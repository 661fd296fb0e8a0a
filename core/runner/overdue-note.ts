// Why an item is overdue, in words: a back-filled item is overdue the moment it is saved (SPEC §2).
import { DateTime } from 'luxon';
import type { IsoDate } from '../domain';

/** The dates an item is measured by: its due date and, for a risk, its next review. */
export interface ItemDates {
  due?: IsoDate | null;
  review?: IsoDate | null;
}

/** `Fri 20 Nov`, with the year when it is not this year: `Thu 20 Nov 2025`. */
export function dayLabel(date: IsoDate, today: IsoDate): string {
  const day = DateTime.fromISO(date, { zone: 'utc' });
  return day.toFormat(date.slice(0, 4) === today.slice(0, 4) ? 'ccc d LLL' : 'ccc d LLL yyyy');
}

/** "it was due Fri 20 Nov and its review was due Wed 18 Nov": the dates already behind `today`. */
export function passedDates(dates: ItemDates, today: IsoDate): string | undefined {
  const parts: string[] = [];
  if (dates.due && dates.due < today) parts.push(`it was due ${dayLabel(dates.due, today)}`);
  if (dates.review && dates.review < today) parts.push(`its review was due ${dayLabel(dates.review, today)}`);
  return parts.length > 0 ? parts.join(' and ') : undefined;
}

/**
 * The line under "Saved I-4 …" for an item the overdue rule (isOverdue) flags; a change request
 * can be overdue with no date, when its decision has waited longer than the workspace allows.
 */
export function overdueNote(dates: ItemDates, today: IsoDate): string {
  const passed = passedDates(dates, today);
  return `Already overdue: ${passed ?? 'its decision has been pending longer than this workspace allows'}.`;
}
