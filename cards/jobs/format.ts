// Words and numbers the Teams and Slack job messages share: weeks, ages, trends, counts.
import { DateTime } from 'luxon';
import { ITEM_KINDS, type IsoDate, type IsoWeek, type ItemKind, type Rag } from '../../core/domain';
import { nounsOf } from '../../core/registers';
import type { RagCounts, Trend } from '../../core/job-views';

/** `2026-W48` → `Week 48`. */
export function weekLabel(period: IsoWeek): string {
  return `Week ${Number(period.slice(6))}`;
}

const day = (date: IsoDate) => DateTime.fromISO(date, { zone: 'utc' });

/** `23–29 Nov 2026`, `30 Nov – 6 Dec 2026`, `28 Dec 2026 – 3 Jan 2027`. */
export function rangeLabel(start: IsoDate, end: IsoDate): string {
  const a = day(start);
  const b = day(end);
  if (a.year !== b.year) return `${a.toFormat('d LLL yyyy')} – ${b.toFormat('d LLL yyyy')}`;
  if (a.month !== b.month) return `${a.toFormat('d LLL')} – ${b.toFormat('d LLL yyyy')}`;
  return `${a.toFormat('d')}–${b.toFormat('d LLL yyyy')}`;
}

/** `Mon 30 Nov 2026`. */
export function dateLabel(date: IsoDate): string {
  return day(date).toFormat('ccc d LLL yyyy');
}

/** Directive policy: the line under a project missing its update (SPEC §4 policy table). */
export const MISSING_LISTED = '⚠ Status update missing — escalated to the PMO';

export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}

/** How long ago the last status update was. */
export function ageLabel(days: number | null): string {
  if (days === null) return 'no recent update';
  if (days === 0) return 'updated today';
  if (days === 1) return 'updated yesterday';
  return `updated ${plural(days, 'day')} ago`;
}

export const TREND_LABEL: Record<Trend, string> = { up: '▲ better', down: '▼ worse', same: '= same', new: 'new' };

export const RAG_NAME: Record<Rag | 'none', string> = { red: 'Red', amber: 'Amber', green: 'Green', none: 'No update' };
export const RAG_KEYS = ['red', 'amber', 'green', 'none'] as const satisfies readonly (keyof RagCounts)[];

/** `+2`, `−1`, `±0` against last week. */
export function deltaLabel(now: number, before: number): string {
  const d = now - before;
  return d > 0 ? `+${d}` : d < 0 ? `−${-d}` : '±0';
}

/** `2 high risks · 1 overdue`, or '' when there is neither. */
export function flagsLabel(highRisks: number, overdue: number): string {
  const parts: string[] = [];
  if (highRisks > 0) parts.push(plural(highRisks, 'high risk'));
  if (overdue > 0) parts.push(`${overdue} overdue`);
  return parts.join(' · ');
}


/** `3 risks, 1 issue` from counts by kind (kinds with none are left out). */
export function kindsLabel(byKind: Record<ItemKind, number>): string {
  return ITEM_KINDS
    .filter((k) => (byKind[k] ?? 0) > 0)
    .map((k) => plural(byKind[k], nounsOf(k).singular, nounsOf(k).plural))
    .join(', ');
}

/** `10 days overdue`, `1 day overdue`. */
export function overdueLabel(days: number): string {
  return `${plural(Math.max(1, days), 'day')} overdue`;
}
