// Calendar dates from ISO or plain English, resolved in the workspace's zone relative to ctx.now.
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import type { IsoDate } from '../domain';
import { quote } from './suggest';
import type { Check, ParseContext } from './types';
import { fail, ok, weekdayIndex } from './values';

export interface DateOptions {
  label?: string; // names the field in messages: 'due date'
}

/** Dates further ahead than this are almost always a mistyped year. */
const MAX_YEARS_AHEAD = 20;
const FRIDAY = 5; // luxon weekday
const MAX_LENGTH = 80; // no date is longer; spares chrono from reading pasted paragraphs

const EXAMPLES = 'try 2026-12-04, 4 Dec, next friday, in 2 weeks, last friday, tomorrow, eow or eom';
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

type Shortcut = (today: DateTime) => DateTime;
const fridayOnOrAfter: Shortcut = (today) => today.plus({ days: (FRIDAY - today.weekday + 7) % 7 });
const SHORTCUTS: Record<string, Shortcut> = {
  today: (today) => today,
  eod: (today) => today,
  eom: (today) => today.endOf('month'),
  'end of month': (today) => today.endOf('month'),
  'end of the month': (today) => today.endOf('month'),
  // Friday of this week; at the weekend that Friday has passed, so the coming one.
  eow: fridayOnOrAfter,
  'end of week': fridayOnOrAfter,
  'end of the week': fridayOnOrAfter,
  eoy: (today) => today.endOf('year'),
  'end of year': (today) => today.endOf('year'),
  'end of the year': (today) => today.endOf('year'),
};

/** The workspace's current wall-clock time, or undefined when the context is unusable. */
export function localNow(ctx: ParseContext): DateTime | undefined {
  const now = DateTime.fromJSDate(ctx.now, { zone: ctx.timeZone });
  return now.isValid ? now : undefined;
}

/** The last due date a field takes: further ahead is almost always a mistyped year. */
export function latestDate(today: IsoDate): IsoDate {
  // Drawn with every date field of a form: the year moved in the text, unless it is 29 Feb (luxon picks the day then).
  const match = /^(\d{4})(-\d{2}-\d{2})$/.exec(today);
  if (match && match[2] !== '-02-29') return `${Number(match[1]) + MAX_YEARS_AHEAD}${match[2]}` as IsoDate;
  return DateTime.fromISO(today, { zone: 'utc' }).plus({ years: MAX_YEARS_AHEAD }).toISODate() ?? today;
}

/** Today in the workspace's zone as YYYY-MM-DD. */
export function todayIn(ctx: ParseContext): IsoDate | undefined {
  return localNow(ctx)?.toISODate() ?? undefined;
}

type Problem = 'unreadable' | 'not real' | 'ambiguous' | 'no day' | 'no date';
type Found = { date: DateTime } | { problem: Problem };

function calendarDate(year: number, month: number, day: number, zone: string): Found {
  const date = DateTime.fromObject({ year, month, day }, { zone });
  return date.isValid && year >= 1000 && year <= 9999 ? { date } : { problem: 'not real' };
}

/** A bare weekday (`friday`, `this fri`, `on wed`) is the next such day, today included. */
function weekday(s: string, today: DateTime): DateTime | undefined {
  const match = /^(?:(?:on|this|coming|this coming)\s+)?([a-z]+)$/.exec(s);
  const index = match === null ? undefined : weekdayIndex(match[1]);
  if (index === undefined) return undefined;
  return today.plus({ days: (index + 1 - today.weekday + 7) % 7 });
}

/** `feb`, `sept`, `December` → 2, 9, 12. */
function monthNumber(word: string): number | undefined {
  const index = word.length < 3 ? -1 : MONTHS.findIndex((month) => month.startsWith(word));
  return index === -1 ? undefined : index + 1;
}

/** `31 feb`, `feb 30th`, `29 Feb 2027`: a named month with a day it never has (chrono only says it cannot read them). */
function impossibleDay(s: string): boolean {
  const dayFirst = /^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?(?:,?\s+(\d{4}))?$/.exec(s);
  const monthFirst = /^(?:[a-z]+,?\s+)?([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$/.exec(s);
  const [day, word, year] = dayFirst ? [dayFirst[1], dayFirst[2], dayFirst[3]] : monthFirst ? [monthFirst[2], monthFirst[1], monthFirst[3]] : [];
  const month = word === undefined ? undefined : monthNumber(word);
  if (day === undefined || month === undefined) return false;
  // Without a year, 29 Feb exists (in leap years); with one, that year decides.
  const days = DateTime.fromObject({ year: year === undefined ? 2028 : Number(year), month }).daysInMonth ?? 31;
  return Number(day) < 1 || Number(day) > days;
}

/** `12/04/2026` is 4 Dec in New York and 12 Apr in Berlin: ask instead of guessing. */
function ambiguousNumeric(s: string): boolean {
  const match = /^(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{2}|\d{4}))?$/.exec(s);
  if (match === null) return false;
  const [a, b] = [Number(match[1]), Number(match[3])];
  return a >= 1 && a <= 12 && b >= 1 && b <= 12 && a !== b;
}

/** chrono's reading of `s`, only if one result covers the whole text and names a day. */
function viaChrono(s: string, now: DateTime, zone: string): Found {
  // chrono ignores IANA names in its reference; hand it a system-local Date showing the zone's wall clock.
  const ref = new Date(2000, 0, 1, now.hour, now.minute, now.second);
  ref.setFullYear(now.year, now.month - 1, now.day);
  const phrase = s.replace(/\bfrom today$/, 'from now'); // chrono reads only "today" in "2 weeks from today"
  const results = chrono.parse(phrase, ref);
  const [result] = results;
  const covers = results.length === 1 && result.index === 0 && result.text.length === phrase.length;
  if (!covers) return { problem: 'unreadable' }; // `friday banana` must not quietly mean Friday
  const start = result.start;
  const namesDay = start.isCertain('day') || start.isCertain('weekday') || result.tags().has('result/relativeDate');
  if (!namesDay) return { problem: start.isCertain('month') ? 'no day' : 'no date' };
  return calendarDate(start.get('year') ?? 0, start.get('month') ?? 0, start.get('day') ?? 0, zone);
}

function resolve(s: string, now: DateTime, zone: string): Found {
  const today = now.startOf('day');
  const shortcut = Object.prototype.hasOwnProperty.call(SHORTCUTS, s) ? SHORTCUTS[s] : undefined;
  if (shortcut !== undefined) return { date: shortcut(today) };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (iso !== null) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]), zone);
  const day = weekday(s, today);
  if (day !== undefined) return { date: day };
  if (ambiguousNumeric(s)) return { problem: 'ambiguous' };
  if (impossibleDay(s)) return { problem: 'not real' };
  return viaChrono(s, now, zone);
}

function explain(problem: Problem, label: string, typed: string): string {
  const what = `${label} ${quote(typed)}`;
  switch (problem) {
    case 'not real':
      return `${what} is not a real calendar date`;
    case 'ambiguous':
      return `${what} is ambiguous (day/month or month/day?); write it as 2026-12-04 or 4 Dec 2026`;
    case 'no day':
      return `${what} needs a day as well, e.g. 4 Dec`;
    case 'no date':
      return `${what} needs a day, not only a time`;
    case 'unreadable':
      return `${what} is not a date I can read; ${EXAMPLES}`;
  }
}

/**
 * A calendar date 'YYYY-MM-DD' from ISO or plain English, in ctx.timeZone relative to ctx.now.
 * Past dates are dates too (registers are back-filled; SPEC §2); far-future ones are refused.
 */
export function parseDate(raw: string, ctx: ParseContext, options: DateOptions = {}): Check<IsoDate> {
  const label = options.label ?? 'date';
  const now = localNow(ctx);
  if (now === undefined) {
    const bad = Number.isNaN(ctx.now.getTime()) ? 'the current time' : `the workspace time zone ${quote(ctx.timeZone)}`;
    return fail(`${label}: ${bad} is not valid, so dates cannot be read`);
  }
  const typed = raw.replace(/\s+/g, ' ').trim();
  if (typed === '') return fail(`${label} is empty; ${EXAMPLES}`);
  if (typed.length > MAX_LENGTH) return fail(explain('unreadable', label, typed));
  const s = typed.toLowerCase().replace(/^by\s+/, '').replace(/[.,]$/, '');
  const found = resolve(s, now, ctx.timeZone);
  if ('problem' in found) return fail(explain(found.problem, label, typed));
  const value = found.date.toISODate() ?? '';
  const limit = now.plus({ years: MAX_YEARS_AHEAD }).toISODate() ?? '';
  if (value > limit) return fail(`${label} ${value} is more than ${MAX_YEARS_AHEAD} years ahead; check the year`);
  return ok(value);
}
