import type { RegisterItemBase } from '../../models';
import { ITEM_KINDS, SCALE_MAX, SCALE_MIN, type ItemKind } from '../domain';
import { nounsOf, registerOf, storedFields, storedName, type EntryOf, type KindField } from '../registers';
import { invalid } from './errors';
import { isIsoDate } from './time';

/** A stored field of some kind beyond those every item has: `probability`, `outcome`, `itemKey`. */
type OwnField = { [K in ItemKind]: Exclude<keyof EntryOf<K>, keyof RegisterItemBase> }[ItemKind];

/**
 * Fields `update KEY field=value` may set, by their stored names (the parser maps aliases): those
 * every item has, and any kind's own as given, before normalisePatch checks them against the kind.
 */
export type ItemPatch = {
  title?: string;
  description?: string;
  projectKey?: string;
  ownerId?: string;
  due?: string | null;
  status?: string;
  resolution?: string | null;
} & { [F in OwnField]?: Value };

/** Fields the services set on any kind (status and resolution by close), besides the kind's own. */
const COMMON = ['title', 'description', 'projectKey', 'ownerId', 'due', 'status', 'resolution'] as const;

/** Every stored field of a kind, by its descriptor: what a patch may name. */
export const ITEM_FIELDS: Record<ItemKind, readonly (keyof ItemPatch)[]> = Object.fromEntries(
  ITEM_KINDS.map((kind) => [kind, [...new Set([...COMMON, ...storedFields(kind).map(storedName)])] as (keyof ItemPatch)[]]),
) as unknown as Record<ItemKind, readonly (keyof ItemPatch)[]>;

type Value = string | number | string[] | null;

/**
 * How a field is named to the user where its stored name is not a plain word (`reviewDate` →
 * `review date`, `itemKey` → `item`): as its kind's parser names it, else by its label in lower case.
 */
const LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  ITEM_KINDS.flatMap((kind) => storedFields(kind))
    .filter((f) => /[A-Z]/.test(storedName(f)))
    .map((f) => [storedName(f), f.said ?? f.label.toLowerCase()]),
);

export function fieldLabel(field: string): string {
  return LABELS[field] ?? field;
}

/**
 * Checks and normalises a patch for an item of `kind`: every field known to that kind, enums
 * lower-cased (`In progress` → `in_progress`), dates real `YYYY-MM-DD`, scores whole 1–5. Throws
 * `invalid` naming the first bad field; returns only the fields given.
 */
export function normalisePatch(kind: ItemKind, patch: ItemPatch): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [field, raw] of Object.entries(patch) as [keyof ItemPatch, unknown][]) {
    if (raw === undefined) continue;
    if (!ITEM_FIELDS[kind].includes(field)) {
      throw invalid(field, `A ${kindName(kind)} has no field ${field}; its fields are ${ITEM_FIELDS[kind].map(fieldLabel).join(', ')}.`);
    }
    out[field] = normaliseField(kind, field, raw);
  }
  return out;
}

/** Fields a close or update may set on any kind without a descriptor entry for it. */
const ANY_KIND: Record<string, KindField> = {
  status: { name: 'status', keys: [], value: { type: 'choice', values: [] }, label: 'Status', question: '', required: true },
  resolution: { name: 'resolution', keys: [], value: { type: 'text', max: 2000 }, label: 'Resolution', question: '' },
};

/** The kind's descriptor decides what a field takes (the parser reads the same rule from it). */
function normaliseField(kind: ItemKind, field: keyof ItemPatch, raw: unknown): Value {
  const def = storedFields(kind).find((f) => storedName(f) === field) ?? ANY_KIND[field];
  if (field === 'status') return choice(field, raw, registerOf(kind).statuses);
  const rule = def.value;
  // Empty clears a date, choice, person or key, unless the item keeps it set (owner, an issue's priority).
  const clearable = !def.required && !def.keep && ['date', 'choice', 'person', 'key'].includes(rule.type);
  if ((raw === null || raw === '') && clearable) return null;
  switch (rule.type) {
    case 'line':
    case 'project':
    case 'person':
      return text(field, raw, 200, true);
    case 'text':
      return raw === null ? null : text(field, raw, rule.max, false);
    case 'date':
      return date(field, raw);
    case 'scale':
      return scale(field, raw);
    case 'choice':
      return choice(field, raw, rule.values, rule.aliases);
    case 'key':
      return text(field, raw, 200, true).toUpperCase();
    case 'keys':
      return keyList(field, raw);
  }
}

function keyList(field: string, raw: unknown): string[] {
  const list = typeof raw === 'string' ? raw.split(/[\s,;]+/).filter(Boolean) : raw;
  if (!Array.isArray(list) || list.some((k) => typeof k !== 'string')) throw invalid(field, `${fieldLabel(field)} must be item keys.`);
  return [...new Set(list.map((k: string) => k.trim().toUpperCase()))];
}

function text(field: string, raw: unknown, max: number, required: boolean): string {
  if (typeof raw !== 'string') throw invalid(field, `${fieldLabel(field)} must be text.`);
  const value = raw.trim();
  if (required && !value) throw invalid(field, `${fieldLabel(field)} cannot be empty.`);
  if (value.length > max) throw invalid(field, `${fieldLabel(field)} is too long (at most ${max} characters).`);
  return value;
}

function date(field: string, raw: unknown): string | null {
  if (raw === null || raw === '') return null;
  if (typeof raw !== 'string' || !isIsoDate(raw.trim())) throw invalid(field, `${fieldLabel(field)} must be a date like 2026-12-04.`);
  return raw.trim();
}

function scale(field: string, raw: unknown): number {
  const n = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < SCALE_MIN || n > SCALE_MAX) {
    throw invalid(field, `${field} must be a whole number from ${SCALE_MIN} to ${SCALE_MAX}.`);
  }
  return n;
}

function choice(field: string, raw: unknown, allowed: readonly string[], aliases: Record<string, string> = {}): string {
  const key = typeof raw === 'string' ? raw.trim().toLowerCase().replace(/[\s/-]+/g, '_') : '';
  const value = aliases[key] ?? key;
  if (!allowed.includes(value)) throw invalid(field, `${field} must be one of ${allowed.join(', ')}.`);
  return value;
}

export function kindName(kind: ItemKind): string {
  return nounsOf(kind).singular;
}
