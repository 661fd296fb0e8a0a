import type { Model, Types } from 'mongoose';
import type { Lean, RegisterItemBase } from '../../models';
import type { ItemKind } from '../domain';
import { KEY_EXAMPLES, parseItemKey, registerOf, type EntryOf } from '../registers';
import { invalid, PmoError } from './errors';

/** An item of one kind as the services return it: the stored document tagged with its kind. */
export type StoredItem<K extends ItemKind> = Lean<EntryOf<K>> & { kind: K };
export type RiskItem = StoredItem<'risk'>;
export type IssueItem = StoredItem<'issue'>;
export type ChangeItem = StoredItem<'change'>;
/** A register item of any kind; `kind` tells which fields it has. */
export type RegisterItem = { [K in ItemKind]: StoredItem<K> }[ItemKind];

/** The item collections seen through what they share (each adds its own fields). */
export type ItemModel = Model<RegisterItemBase>;

/** The kind's collection, named by its descriptor. */
export function itemModel(kind: ItemKind): ItemModel {
  return registerOf(kind).model as unknown as ItemModel;
}

export function asItem(kind: ItemKind, doc: object): RegisterItem {
  return { ...doc, kind } as RegisterItem;
}

/** `r-7` → { kind: 'risk', seq: 7, key: 'R-7' }, or `invalid` on the key field. */
export function parseKeyOrThrow(text: string): { kind: ItemKind; seq: number; key: string } {
  const parsed = parseItemKey(text ?? '');
  if (!parsed) throw invalid('key', `"${text}" is not an item key; keys look like ${KEY_EXAMPLES}.`);
  return { ...parsed, key: text.trim().toUpperCase() };
}

/** One item by key, in this workspace only (served by the unique (workspaceId, seq) index). */
export async function findItem(workspaceId: Types.ObjectId, key: string): Promise<RegisterItem | null> {
  const { kind, seq } = parseKeyOrThrow(key);
  const doc = await itemModel(kind).findOne({ workspaceId, seq }).lean<RegisterItemBase>();
  return doc ? asItem(kind, doc) : null;
}

export async function requireItem(workspaceId: Types.ObjectId, key: string): Promise<RegisterItem> {
  const item = await findItem(workspaceId, key);
  if (!item) throw new PmoError('not_found', `There is no ${key.trim().toUpperCase()} in this workspace.`, { field: 'key' });
  return item;
}
