import { DateTime, IANAZone } from 'luxon';
import type { IsoDate, IsoWeek } from '../domain';

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The calendar date of `now` in `zone`: what "today" means for overdue items. */
export function todayIn(zone: string, now: Date): IsoDate {
  return DateTime.fromJSDate(now, { zone }).toISODate() as IsoDate;
}

/** The ISO week of `now` in `zone`: `2026-W53` for 2026-12-31, `2027-W01` for 2027-01-04. */
export function isoWeekOf(now: Date, zone: string): IsoWeek {
  const dt = DateTime.fromJSDate(now, { zone });
  return `${dt.weekYear}-W${String(dt.weekNumber).padStart(2, '0')}`;
}

/** `2026-W48` → true; also checks the week exists in that year (W53 only in long years). */
export function isIsoWeek(text: string): boolean {
  return /^\d{4}-W\d{2}$/.test(text) && DateTime.fromISO(text).isValid;
}

/** A real calendar date in `YYYY-MM-DD` form (2026-02-30 is not). */
export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text).isValid;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return DateTime.fromISO(date).plus({ days }).toISODate() as IsoDate;
}

/** Calendar days from `baseline` to `forecast` (positive: late); null unless both are given. */
export function slipDays(forecast: IsoDate | null | undefined, baseline: IsoDate | null | undefined): number | null {
  if (!forecast || !baseline) return null;
  return Math.round(DateTime.fromISO(forecast, { zone: 'UTC' }).diff(DateTime.fromISO(baseline, { zone: 'UTC' }), 'days').days);
}
