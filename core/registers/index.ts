// The registry: every register kind by name, and what follows from their prefixes and nouns.
import { ITEM_KINDS, type ItemKind } from '../domain';
import { REGISTERS } from './registry';
import { storedName, type KindField } from './fields';
import type { ItemRow, RegisterDescriptor } from './types';

export { ISSUE_TYPE_ALIASES } from './issue.register';
export { REGISTERS } from './registry';
export { compareItems, isOverdue, mayBeOverdue, overdueDates } from './rules';
export { dateOf, given, humanize, localTime, nameIn, nameOf } from './cells';
export { ISSUE_TYPE_LABEL } from './issue.register';
export type { CardParts, KindHelp, Column, Tone, ViewFact, ItemRow, KindNouns, Names, OverdueContext, RegisterDescriptor, EntryOf } from './types';
export type { KindTypes } from './registry';

export const registerOf = <K extends ItemKind>(kind: K): RegisterDescriptor<K> => REGISTERS[kind];
export const nounsOf = (kind: ItemKind) => REGISTERS[kind].nouns;

/** `a risk`, `an issue`, `a change request`. */
export const aKind = (kind: ItemKind): string => `${nounsOf(kind).article} ${nounsOf(kind).singular}`;

/** The kinds `escalate KEY` takes, in ITEM_KINDS order: risks and issues. */
export const ESCALATABLE_KINDS: readonly ItemKind[] = ITEM_KINDS.filter((kind) => REGISTERS[kind].escalatesTo !== undefined);

/** Whether `status` means the item is finished (closed, resolved, done, superseded). */
export const isDone = (kind: ItemKind, status: string): boolean => REGISTERS[kind].done.includes(status);

/** Every kind's done statuses, where the kind is not at hand (a form's chosen status). */
export const ANY_DONE_STATUS: ReadonlySet<string> = new Set(ITEM_KINDS.flatMap((kind) => REGISTERS[kind].done));

/** `{ risks: 'risk', issues: 'issue', … }`: the words `list` and `export` take. */
export const KIND_BY_LIST_WORD: Readonly<Record<string, ItemKind>> = Object.fromEntries(
  ITEM_KINDS.map((kind) => [REGISTERS[kind].nouns.listWord, kind]),
);
export const LIST_WORDS: readonly string[] = ITEM_KINDS.map((kind) => REGISTERS[kind].nouns.listWord);

const KIND_BY_PREFIX: Readonly<Record<string, ItemKind>> = Object.fromEntries(ITEM_KINDS.map((kind) => [REGISTERS[kind].prefix, kind]));
const PREFIXES = ITEM_KINDS.map((kind) => REGISTERS[kind].prefix).join('');

/** An item key as typed: `R-12`, `r12`; group 1 the prefix, group 2 the number. */
export const ITEM_KEY_PATTERN = new RegExp(`^([${PREFIXES}])-?(\\d{1,9})$`, 'i');

/** `R-7` → { kind: 'risk', seq: 7 }; case-insensitive; null when it is not an item key. */
export function parseItemKey(text: string): { kind: ItemKind; seq: number } | null {
  const m = new RegExp(`^\\s*([${PREFIXES}])-([1-9]\\d{0,8})\\s*$`, 'i').exec(text);
  if (!m) return null;
  const kind = KIND_BY_PREFIX[m[1].toUpperCase()];
  return kind ? { kind, seq: Number(m[2]) } : null;
}

export const kindOfPrefix = (prefix: string): ItemKind | undefined => KIND_BY_PREFIX[prefix.toUpperCase()];

export function formatItemKey(kind: ItemKind, seq: number): string {
  return `${REGISTERS[kind].prefix}-${seq}`;
}

/** `R-12, I-3 or C-1`: examples of every kind's key, for messages. */
export const KEY_EXAMPLES: string = ITEM_KINDS.map((kind, i) => `${REGISTERS[kind].prefix}-${[12, 3, 1, 4, 2][i] ?? 1}`)
  .join(', ')
  .replace(/, ([^,]*)$/, ' or $1');

export { storedName, type KindField, type ValueRule } from './fields';

const has = (only: KindField['only'], ...allowed: (KindField['only'] | undefined)[]): boolean => allowed.includes(only);

/** What `risk …` takes, in order (the project among them). */
export const logFields = (kind: ItemKind): readonly KindField[] => REGISTERS[kind].fields.filter((f) => has(f.only, undefined, 'log'));
/** What `update R-n …` takes, in order (status among them, not the project). */
export const updateFields = (kind: ItemKind): readonly KindField[] => REGISTERS[kind].fields.filter((f) => has(f.only, undefined, 'update'));
/** Every field the services store for the kind. */
export const storedFields = (kind: ItemKind): readonly KindField[] => REGISTERS[kind].fields;

/** The platform user ids an item names: who raised it and every person-valued field of its kind (owner, decided by). */
export function peopleOf(item: ItemRow): string[] {
  const row = item as unknown as Record<string, unknown>;
  const ids = [item.raisedById, ...REGISTERS[item.kind].fields.filter((f) => f.value.type === 'person').map((f) => row[storedName(f)])];
  return ids.filter((id): id is string => typeof id === 'string' && id !== '');
}

/** The field whose item lends a new item of the kind its project when none is given (an action's `item`), if any. */
export const projectSource = (kind: ItemKind): KindField | undefined => logFields(kind).find((f) => f.projectFrom && f.value.type === 'key');

/**
 * Where `show KEY` finds the items serving or concerning KEY: each kind's related fields, by stored
 * name, those serving it first (action `itemKey`, then decision `items`).
 */
export const RELATED_FIELDS: readonly { kind: ItemKind; stored: string }[] = (['serves', 'concerns'] as const).flatMap((how) =>
  ITEM_KINDS.flatMap((kind) => REGISTERS[kind].fields.filter((f) => f.related === how).map((f) => ({ kind, stored: storedName(f) }))),
);

/** `{ itemKey: 'item', decidedById: 'decidedBy', … }`: the command field of each stored name that differs, over every kind. */
export const COMMAND_FIELD_OF_STORED: Readonly<Record<string, string>> = Object.fromEntries(
  ITEM_KINDS.flatMap((kind) => REGISTERS[kind].fields)
    .filter((f) => storedName(f) !== f.name)
    .map((f) => [storedName(f), f.name]),
);

/** The command fields a new item cannot do without: `['title', 'probability', 'impact', 'project']`. */
export const requiredFields = (kind: ItemKind): string[] => logFields(kind).filter((f) => f.required).map((f) => f.name);

/**
 * The guided form's fields in the order it asks them: logging leaves out the update-only ones;
 * Update (`edit`) leaves out the log-only ones (the project) and puts the item's state (status,
 * resolution, a change's decision) right after the title.
 */
export function formFields(kind: ItemKind, use: 'log' | 'edit'): KindField[] {
  const byName = new Map(REGISTERS[kind].fields.map((f) => [f.name, f]));
  const listed = REGISTERS[kind].form.map((name) => byName.get(name)).filter((f): f is KindField => f !== undefined);
  if (use === 'log') return listed.filter((f) => has(f.only, undefined, 'log'));
  const [title, ...rest] = listed.filter((f) => has(f.only, undefined, 'update'));
  return [title, ...rest.filter((f) => f.only === 'update'), ...rest.filter((f) => f.only !== 'update')];
}
