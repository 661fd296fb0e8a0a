// Validators for single values: each takes the raw text and says what is allowed when it refuses.
import { IANAZone } from 'luxon';
import { SCALE_MAX, SCALE_MIN, SCHEDULE_OFF, type ItemKind } from '../domain';
import { aKind, ITEM_KEY_PATTERN, KEY_EXAMPLES, kindOfPrefix, nounsOf, registerOf } from '../registers';
import { cleanLine } from '../sanitize';
import { didYouMean, quote } from './suggest';
import type { Check } from './types';

export const ok = <T>(value: T): Check<T> => ({ value });
export const fail = <T>(error: string): Check<T> => ({ error });

const got = (raw: string): string => (raw.trim() === '' ? 'got nothing' : `got ${quote(raw.trim())}`);

/** Probability and impact: a whole number 1–5, nothing else (no 0, 6, 2.5, '3x'). */
export function scale(label: string): (raw: string) => Check<number> {
  return (raw) => {
    const s = raw.trim();
    const n = /^\d$/.test(s) ? Number(s) : NaN;
    if (n >= SCALE_MIN && n <= SCALE_MAX) return ok(n);
    return fail(`${label} must be a whole number from ${SCALE_MIN} to ${SCALE_MAX}, ${got(raw)}`);
  };
}

/** Canonical form for choice matching: `In Progress`, `in-progress` → `in_progress`. */
const choiceForm = (raw: string): string => raw.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** One of `allowed`, case-insensitive, with a few accepted synonyms. */
export function choice<T extends string>(
  label: string,
  allowed: readonly T[],
  synonyms: Readonly<Record<string, NoInfer<T>>> = {},
): (raw: string) => Check<T> {
  return (raw) => {
    const s = choiceForm(raw);
    const exact = allowed.find((a) => a === s);
    if (exact !== undefined) return ok(exact);
    if (Object.prototype.hasOwnProperty.call(synonyms, s)) return ok(synonyms[s]);
    const hint = s === '' ? '' : didYouMean(s, [...allowed, ...Object.keys(synonyms)]);
    return fail(`${label} must be one of ${allowed.join(', ')}, ${got(raw)}${hint}`);
  };
}

/** Free text: trimmed, not empty, not longer than `max`; a title or name (`line`) is kept to one line. */
export function text(label: string, max: number, options: { line?: boolean } = {}): (raw: string) => Check<string> {
  return (raw) => {
    const s = (options.line ? cleanLine(raw) : raw).trim();
    if (s === '') return fail(`${label} is empty; write some text or leave it out`);
    if (s.length > max) return fail(`${label} is too long (${s.length} characters, at most ${max})`);
    return ok(s);
  };
}

const ITEM_KEY = ITEM_KEY_PATTERN;

export interface ItemKeyValue {
  key: string;
  kind: ItemKind;
}

/** `R-12`, `i-3`, `C1` → `R-12`, `I-3`, `C-1` with the kind the prefix names; `only` limits the kinds taken. */
export function itemKey(raw: string, only?: ItemKind | readonly ItemKind[]): Check<ItemKeyValue> {
  const kinds = typeof only === 'string' ? [only] : only;
  const match = ITEM_KEY.exec(raw.trim());
  const n = match === null ? 0 : Number(match[2]);
  if (match === null || n < 1) {
    const examples = kinds === undefined ? KEY_EXAMPLES : kinds.map((k) => `${registerOf(k).prefix}-12`).join(' or ');
    return fail(`item key must look like ${examples}, ${got(raw)}`);
  }
  const prefix = match[1].toUpperCase();
  const kind = kindOfPrefix(prefix) as ItemKind;
  if (kinds !== undefined && !kinds.includes(kind)) {
    const typed = quote(`${prefix}-${n}`);
    const plurals = kinds.map((k) => nounsOf(k).plural).join(' or ');
    const patterns = kinds.map((k) => `${registerOf(k).prefix}-n`).join(', ');
    return fail(`only ${plurals} can be used here (${patterns}), got ${typed}, which is ${aKind(kind)}`);
  }
  return ok({ key: `${prefix}-${n}`, kind });
}

/** `R-3, I-2` or `R-3 I-2`: the keys of the items a decision concerns, each checked like itemKey. */
export function itemKeys(raw: string): Check<string[]> {
  const keys: string[] = [];
  for (const part of raw.split(/[\s,;]+/).filter(Boolean)) {
    const found = itemKey(part);
    if (found.error !== undefined) return fail(found.error);
    if (!keys.includes(found.value.key)) keys.push(found.value.key);
  }
  return keys.length === 0 ? fail(`items must be item keys like ${KEY_EXAMPLES}, ${got(raw)}`) : ok(keys);
}

const CONTAINER_KEY = /^[A-Za-z][A-Za-z0-9_-]{1,15}$/;

/** Portfolio, program and project keys: 2–16 letters, digits, `_`, `-`, starting with a letter; upper case. */
export function containerKey(label: string): (raw: string) => Check<string> {
  return (raw) => {
    const s = raw.trim();
    if (!CONTAINER_KEY.test(s)) {
      const rule = '2–16 letters, digits, "_" or "-", starting with a letter (e.g. APOLLO)';
      return fail(`${label} key must be ${rule}, ${got(raw)}`);
    }
    // A project called R-12 would be indistinguishable from the risk R-12 in `show`, `close`…
    if (ITEM_KEY.test(s)) {
      return fail(`${label} key ${quote(s.toUpperCase())} looks like an item key; choose another key`);
    }
    return ok(s.toUpperCase());
  };
}

/** An IANA zone in Area/City form (or UTC); abbreviations like EST are refused as they ignore DST. */
export function timeZone(raw: string): Check<string> {
  const s = raw.trim();
  const valid = s !== '' && IANAZone.isValidZone(s) && (s.includes('/') || s.toUpperCase() === 'UTC');
  if (!valid) return fail(`timezone must be an IANA zone like Europe/Berlin or America/New_York, ${got(raw)}`);
  const canonical = new Intl.DateTimeFormat('en-US', { timeZone: s }).resolvedOptions().timeZone;
  return ok(canonical.toLowerCase() === s.toLowerCase() ? canonical : s);
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const WEEKDAY_WORDS: Record<string, number> = {
  mon: 0, monday: 0, tue: 1, tues: 1, tuesday: 1, wed: 2, wednesday: 2, thu: 3, thur: 3, thurs: 3,
  thursday: 3, fri: 4, friday: 4, sat: 5, saturday: 5, sun: 6, sunday: 6,
};

/** Weekday index (Monday 0) of a weekday name or abbreviation, else undefined. */
export function weekdayIndex(word: string): number | undefined {
  const key = word.toLowerCase();
  return Object.prototype.hasOwnProperty.call(WEEKDAY_WORDS, key) ? WEEKDAY_WORDS[key] : undefined;
}

/** A weekly slot: `Mon 09:30`, `monday 9:30`, `Thu at 10:00` → `Mon 09:30`. */
export function schedule(label: string): (raw: string) => Check<string> {
  return (raw) => {
    // `off`: no scheduled run (the on-demand command still works); issue 14.
    if (/^(off|none)$/i.test(raw.trim())) return ok(SCHEDULE_OFF);
    const match = /^([a-z]+)\s+(?:at\s+)?(\d{1,2}):(\d{2})$/i.exec(raw.trim());
    const day = match === null ? undefined : weekdayIndex(match[1]);
    const hour = match === null ? NaN : Number(match[2]);
    const minute = match === null ? NaN : Number(match[3]);
    if (day === undefined || !(hour <= 23) || !(minute <= 59)) {
      return fail(`${label} must be a weekday and a 24-hour time like "Mon 09:30", ${got(raw)}`);
    }
    return ok(`${WEEKDAYS[day]} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);
  };
}
