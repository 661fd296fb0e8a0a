import {
  DECISIONS,
  ISSUE_TYPES,
  PRIORITIES,
  RISK_RESPONSES,
  SCALE_MAX,
  SCALE_MIN,
  type ItemKind,
} from '../domain';
import { ISSUE_TYPE_ALIASES, nounsOf, registerOf } from '../registers';
import { invalid } from './errors';
import { isIsoDate } from './time';

/** Fields `update KEY field=value` may set, by kind (canonical names; the parser maps aliases). */
export interface ItemPatch {
  title?: string;
  description?: string;
  projectKey?: string;
  ownerId?: string;
  due?: string | null;
  status?: string;
  resolution?: string | null;
  probability?: number | string;
  /** Risk: 1–5. Change request: the impact text. */
  impact?: number | string;
  response?: string | null;
  mitigation?: string;
  reviewDate?: string | null;
  type?: string;
  priority?: string;
  impactTime?: string;
  impactCost?: string;
  impactScope?: string;
  decision?: string;
  /** Decision: what was decided, why, by whom, when, what it concerns, what replaced it. */
  outcome?: string;
  rationale?: string;
  decidedById?: string | null;
  decidedOn?: string | null;
  items?: string[];
  supersededBy?: string | null;
  /** Action: the key of the item it serves. */
  itemKey?: string | null;
}

const COMMON = ['title', 'description', 'projectKey', 'ownerId', 'due', 'status', 'resolution'] as const;
export const ITEM_FIELDS: Record<ItemKind, readonly (keyof ItemPatch)[]> = {
  risk: [...COMMON, 'probability', 'impact', 'response', 'mitigation', 'reviewDate'],
  issue: [...COMMON, 'type', 'priority'],
  change: [...COMMON, 'impact', 'impactTime', 'impactCost', 'impactScope', 'decision'],
  decision: [...COMMON, 'outcome', 'rationale', 'decidedById', 'decidedOn', 'items', 'supersededBy'],
  action: [...COMMON, 'itemKey'],
};


type Value = string | number | string[] | null;

/** How a field is named to the user, where the stored name differs. */
const LABELS: Record<string, string> = {
  projectKey: 'project',
  ownerId: 'owner',
  reviewDate: 'review date',
  impactTime: 'impact on time',
  impactCost: 'impact on cost',
  impactScope: 'impact on scope',
  decidedById: 'decided by',
  decidedOn: 'decided on',
  supersededBy: 'superseded by',
  itemKey: 'item',
};

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

function normaliseField(kind: ItemKind, field: keyof ItemPatch, raw: unknown): Value {
  switch (field) {
    case 'title':
    case 'projectKey':
    case 'ownerId':
      return text(field, raw, 200, true);
    case 'due':
    case 'reviewDate':
    case 'decidedOn':
      return date(field, raw);
    case 'status':
      return choice(field, raw, registerOf(kind).statuses);
    case 'probability':
      return scale(field, raw);
    case 'impact':
      return kind === 'risk' ? scale(field, raw) : text(field, raw, 2000, false);
    case 'response':
      return raw === null || raw === '' ? null : choice(field, raw, RISK_RESPONSES);
    case 'type':
      return choice(field, raw, ISSUE_TYPES, ISSUE_TYPE_ALIASES);
    case 'priority':
      return choice(field, raw, PRIORITIES);
    case 'decision':
      return choice(field, raw, DECISIONS);
    case 'resolution':
      return raw === null ? null : text(field, raw, 2000, false);
    case 'decidedById':
      // A platform user id: case matters (Teams ids), so it is kept as given.
      return raw === null || raw === '' ? null : text(field, raw, 200, true);
    case 'supersededBy':
    case 'itemKey':
      return raw === null || raw === '' ? null : text(field, raw, 200, true).toUpperCase();
    case 'items':
      return keyList(field, raw);
    default:
      return text(field, raw, 4000, false);
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
