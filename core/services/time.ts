import { DateTime, IANAZone } from 'luxon';
import type { IsoDate, IsoWeek } from '../domain';

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** One formatter per zone: building one is most of the cost of reading a date in a zone. */
const FAST_FROM = Date.parse('1600-01-01T00:00:00Z');
const FAST_UNTIL = Date.parse('9999-01-01T00:00:00Z');
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date of `now` in `zone`: what "today" means for overdue items. Called for every
 * item a digest or a reminder run looks at, so it reads the date with a cached Intl formatter
 * rather than building a luxon DateTime (a zone that Intl does not know goes the luxon way).
 */
export function todayIn(zone: string, now: Date): IsoDate {
  let format = dayFormats.get(zone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', calendar: 'iso8601', numberingSystem: 'latn' });
    } catch {
      return DateTime.fromJSDate(now, { zone }).toISODate() as IsoDate;
    }
    dayFormats.set(zone, format);
  }
  // Intl reads dates before the Gregorian reform as Julian ones, and four-digit years only: those go the luxon way too.
  const time = now.getTime();
  if (!(time >= FAST_FROM && time < FAST_UNTIL)) return DateTime.fromJSDate(now, { zone }).toISODate() as IsoDate;
  let year = '';
  let month = '';
  let day = '';
  for (const part of format.formatToParts(now)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year.padStart(4, '0')}-${month}-${day}` as IsoDate;
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

const DAY_MS = 86_400_000;

/** `date` moved by whole calendar days (plain UTC arithmetic: a calendar date has no zone). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const time = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  // Not a real calendar date (2026-02-30 parses as 2 March) or not whole days: luxon says what it says.
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== date || !Number.isInteger(days)) {
    return DateTime.fromISO(date).plus({ days }).toISODate() as IsoDate;
  }
  return new Date(time + days * DAY_MS).toISOString().slice(0, 10) as IsoDate;
}

/** Calendar days from `baseline` to `forecast` (positive: late); null unless both are given. */
export function slipDays(forecast: IsoDate | null | undefined, baseline: IsoDate | null | undefined): number | null {
  if (!forecast || !baseline) return null;
  return Math.round(DateTime.fromISO(forecast, { zone: 'UTC' }).diff(DateTime.fromISO(baseline, { zone: 'UTC' }), 'days').days);
}
