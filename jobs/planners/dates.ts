// Calendar arithmetic the planners share: whole days between dates, and when an item fell overdue.
// They run for every project and item of a run, so they avoid a luxon DateTime per call (its
// zone lookups were most of the planners' own time for a thousand projects).
import { IANAZone } from 'luxon';
import type { IsoDate } from '../../core/domain';
import { todayIn } from '../../core/services/time';
import { overdueDates, type OverdueContext } from '../../core/registers';
import type { RegisterItem } from '../../core/services/item-store';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Whole calendar days from `from` to `to` (negative when `to` is earlier); NaN for a date that is not one. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Per zone and UTC hour: the zone's offset in minutes when it is the same all hour long, else null. */
const offsets = new Map<string, Map<number, number | null>>();
const OFFSETS_KEPT = 50_000;

/**
 * The calendar date of `at` in `zone`, as todayIn. A zone's offset is looked up once per UTC hour:
 * when it is the same at both ends of the hour it holds all through it (no zone changes offset
 * twice within an hour); an hour with a change in it is left to todayIn.
 */
export function dateIn(zone: string, at: Date): IsoDate {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) return todayIn(zone, at);
  let hours = offsets.get(zone);
  if (!hours) offsets.set(zone, (hours = new Map()));
  const hour = Math.floor(ms / HOUR_MS);
  let offset = hours.get(hour);
  if (offset === undefined) {
    const iana = IANAZone.create(zone);
    if (!iana.isValid) return todayIn(zone, at);
    const start = iana.offset(hour * HOUR_MS);
    offset = start === iana.offset((hour + 1) * HOUR_MS - 1) ? start : null;
    if (hours.size >= OFFSETS_KEPT) hours.clear();
    hours.set(hour, offset);
  }
  return offset === null ? todayIn(zone, at) : new Date(ms + offset * 60_000).toISOString().slice(0, 10);
}

/** Calendar days since an instant, both dates taken in the workspace's zone. */
export function daysSince(at: Date, ctx: Pick<OverdueContext, 'today' | 'zone'>): number {
  return daysBetween(dateIn(ctx.zone, at), ctx.today);
}

/** The earliest date that makes an overdue item overdue (SPEC §2, as isOverdue): the earliest of its kind's overdue dates. */
export function overdueSince(item: RegisterItem, ctx: OverdueContext): IsoDate {
  const past = overdueDates(item, ctx).filter((d) => d < ctx.today).sort();
  return past[0] ?? ctx.today;
}
