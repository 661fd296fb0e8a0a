// Holidays and absence (issue 14): which reminders and nudges go out, and when. Pure: no clock, no database.
import { DateTime, type WeekdayNumbers } from 'luxon';
import type { IsoDate, IsoWeek, JobName } from '../core/domain';
import { localInstant, periodOf } from './schedule';

/** The jobs that skip holidays and people away; the digest and the scorecard go out regardless. */
export const HOLIDAY_JOBS: readonly JobName[] = ['reminders', 'nudge'];

const isWorkingDay = (date: DateTime, holidays: ReadonlySet<IsoDate>): boolean =>
  date.weekday <= 5 && !holidays.has(date.toISODate() as IsoDate);

/**
 * When a run scheduled at `instant` goes out, given the workspace's holidays: on a holiday it
 * moves to the next working day (Monday to Friday, not a holiday) of the same ISO week, at the
 * same wall-clock time; when the week has none left it is skipped (null), so a week never gets
 * two runs and a run never lands in the next week's period. A day that is not a holiday keeps
 * its run, weekend or not (the schedule says when).
 */
export function holidayShift(instant: Date, zone: string, holidays: readonly IsoDate[]): Date | null {
  if (holidays.length === 0) return instant;
  const set = new Set(holidays);
  const scheduled = DateTime.fromJSDate(instant, { zone });
  if (!set.has(scheduled.toISODate() as IsoDate)) return instant;
  const period: IsoWeek = periodOf(instant, zone);
  for (let day = scheduled.weekday + 1; day <= 7; day++) {
    const date = scheduled.set({ weekday: day as WeekdayNumbers });
    if (!isWorkingDay(date, set)) continue;
    const moved = localInstant(zone, { year: date.year, month: date.month, day: date.day, hour: scheduled.hour, minute: scheduled.minute });
    return periodOf(moved, zone) === period ? moved : null;
  }
  return null;
}

/** `Jane Doe (away)` for each person away, for the names shown on a PM's reminder. */
export function markAway(names: ReadonlyMap<string, string>, away: ReadonlySet<string>): Map<string, string> {
  const marked = new Map(names);
  for (const id of away) marked.set(id, `${names.get(id) ?? id} (away)`);
  return marked;
}

/**
 * The next working day (Monday to Friday, not a holiday) after `instant`'s day, at the same
 * wall-clock time in `zone` (DST-correct: a 10:00 run stays at 10:00 across a clock change).
 */
export function nextWorkingDay(instant: Date, zone: string, holidays: readonly IsoDate[]): Date {
  const set = new Set(holidays);
  const start = DateTime.fromJSDate(instant, { zone });
  for (let days = 1; ; days++) {
    const date = start.plus({ days });
    if (isWorkingDay(date, set)) {
      return localInstant(zone, { year: date.year, month: date.month, day: date.day, hour: start.hour, minute: start.minute });
    }
  }
}
