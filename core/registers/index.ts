// The registry: every register kind by name, and what follows from their prefixes and nouns.
import { ITEM_KINDS, type ItemKind } from '../domain';
import { ACTION_REGISTER } from './action.register';
import { CHANGE_REGISTER } from './change.register';
import { DECISION_REGISTER } from './decision.register';
import { ISSUE_REGISTER } from './issue.register';
import { RISK_REGISTER } from './risk.register';
import type { RegisterDescriptor } from './types';

export { ISSUE_TYPE_ALIASES } from './issue.register';
export type { KindNouns, RegisterDescriptor } from './types';

/** In ITEM_KINDS order, which is the order kinds are listed, counted and reminded in. */
export const REGISTERS: { readonly [K in ItemKind]: RegisterDescriptor<K> } = {
  risk: RISK_REGISTER,
  issue: ISSUE_REGISTER,
  change: CHANGE_REGISTER,
  decision: DECISION_REGISTER,
  action: ACTION_REGISTER,
};

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
