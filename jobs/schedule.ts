// When each job is due: pure functions of (schedule, zone, instant), DST-correct, never the wall clock.
import { DateTime, IANAZone, type WeekdayNumbers } from 'luxon';
import { parseSchedule, type IsoWeek, type WeeklySchedule } from '../core/domain';
import { invalid } from '../core/services/errors';
import { isIsoWeek, isoWeekOf } from '../core/services/time';

/** One scheduled run: when it is due and the ISO week (in the workspace's zone) it covers. */
export interface DueRun {
  instant: Date;
  period: IsoWeek;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** `Mon 09:30` (the stored form) or an already parsed schedule. */
export function toSchedule(schedule: string | WeeklySchedule): WeeklySchedule {
  if (typeof schedule !== 'string') return schedule;
  const parsed = parseSchedule(schedule);
  if (!parsed) throw invalid('schedule', `"${schedule}" is not a weekly schedule like "Mon 09:30".`);
  return parsed;
}

/** The node-cron expression of a schedule (`Mon 09:30` → `30 9 * * 1`), to be run in the workspace's zone. */
export function cronFor(schedule: string | WeeklySchedule): string {
  const { weekday, hour, minute } = toSchedule(schedule);
  return `${minute} ${hour} * * ${weekday % 7}`;
}

/** The ISO week an instant falls in, in the workspace's zone (2027-01-01 is in 2026-W53). */
export function periodOf(instant: Date, zone: string): IsoWeek {
  return isoWeekOf(instant, zone);
}

function weekParts(period: IsoWeek): { weekYear: number; weekNumber: number } {
  if (!isIsoWeek(period)) throw invalid('period', `"${period}" is not an ISO week like 2026-W48.`);
  return { weekYear: Number(period.slice(0, 4)), weekNumber: Number(period.slice(6)) };
}

/** The ISO week `weeks` after (or before, when negative) `period`: 2026-W53 + 1 → 2027-W01. */
export function shiftWeek(period: IsoWeek, weeks: number): IsoWeek {
  const monday = DateTime.fromObject({ ...weekParts(period), weekday: 1 }, { zone: 'utc' }).plus({ weeks });
  return `${monday.weekYear}-W${String(monday.weekNumber).padStart(2, '0')}`;
}

/** The calendar date (`YYYY-MM-DD`) of an ISO weekday (1 = Monday) in an ISO week. */
export function dateInWeek(period: IsoWeek, weekday: WeekdayNumbers): string {
  return DateTime.fromObject({ ...weekParts(period), weekday }, { zone: 'utc' }).toISODate() as string;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function wallOf(ms: number, zone: string): WallTime {
  const dt = DateTime.fromMillis(ms, { zone });
  return { year: dt.year, month: dt.month, day: dt.day, hour: dt.hour, minute: dt.minute };
}

const sameWall = (a: WallTime, b: WallTime): boolean =>
  a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;

/**
 * The instant a wall-clock time happens in `zone`. A time skipped by a spring-forward change is
 * moved to the first instant after the gap (02:30 → 03:00); a time repeated by an autumn change
 * is its first occurrence. (Luxon alone would give 03:30 and the second occurrence.)
 */
export function localInstant(zone: string, wall: WallTime): Date {
  const tz = IANAZone.create(zone);
  if (!tz.isValid) throw invalid('timezone', `"${zone}" is not an IANA time zone.`);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const offsets = new Set([tz.offset(asUtc - DAY), tz.offset(asUtc), tz.offset(asUtc + DAY)]);
  const candidates = [...offsets].map((offset) => asUtc - offset * MINUTE).sort((a, b) => a - b);
  const exact = candidates.find((ms) => sameWall(wallOf(ms, zone), wall));
  if (exact !== undefined) return new Date(exact);
  // In a gap: the offset changes between the first and last candidate; find the minute it does.
  let before = candidates[0];
  let after = candidates[candidates.length - 1];
  const offsetBefore = tz.offset(before);
  while (after - before > MINUTE) {
    const mid = before + Math.floor((after - before) / MINUTE / 2) * MINUTE;
    if (tz.offset(mid) === offsetBefore) before = mid;
    else after = mid;
  }
  return new Date(after);
}

/** When the schedule fires in a given ISO week, in the workspace's zone. */
export function scheduledInstant(schedule: string | WeeklySchedule, zone: string, period: IsoWeek): Date {
  const { weekday, hour, minute } = toSchedule(schedule);
  const date = DateTime.fromObject({ ...weekParts(period), weekday: weekday as WeekdayNumbers }, { zone: 'utc' });
  return localInstant(zone, { year: date.year, month: date.month, day: date.day, hour, minute });
}

/** The most recent scheduled run at or before `now`: the one to run (or catch up) now. */
export function latestDue(schedule: string | WeeklySchedule, zone: string, now: Date): DueRun {
  const parsed = toSchedule(schedule);
  const current = periodOf(now, zone);
  const instant = scheduledInstant(parsed, zone, current);
  if (instant.getTime() <= now.getTime()) return { instant, period: current };
  const previous = shiftWeek(current, -1);
  return { instant: scheduledInstant(parsed, zone, previous), period: previous };
}

/** The first scheduled run strictly after `now`. */
export function nextDue(schedule: string | WeeklySchedule, zone: string, now: Date): DueRun {
  const parsed = toSchedule(schedule);
  const current = periodOf(now, zone);
  const instant = scheduledInstant(parsed, zone, current);
  if (instant.getTime() > now.getTime()) return { instant, period: current };
  const next = shiftWeek(current, 1);
  return { instant: scheduledInstant(parsed, zone, next), period: next };
}

/** An ISO week as instants in the workspace's zone: from its Monday 00:00 to the next Monday 00:00. */
export function periodRange(period: IsoWeek, zone: string): { start: Date; end: Date } {
  const midnight = (p: IsoWeek): Date => scheduledInstant({ weekday: 1, hour: 0, minute: 0 }, zone, p);
  return { start: midnight(period), end: midnight(shiftWeek(period, 1)) };
}

/**
 * The status week a digest at `at` reports on: the latest week whose status nudge has passed.
 * With the defaults (digest Monday, nudge Thursday) that is last week, so a Monday-morning digest
 * does not show every project as missing this week's update; a Friday digest reports this week.
 */
export function reportedPeriod(nudgeSchedule: string | WeeklySchedule, zone: string, at: Date): IsoWeek {
  const current = periodOf(at, zone);
  return at.getTime() >= scheduledInstant(nudgeSchedule, zone, current).getTime() ? current : shiftWeek(current, -1);
}
