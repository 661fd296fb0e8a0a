import type { Model, Types } from 'mongoose';
import {
  ActionModel,
  ChangeRequestModel,
  DecisionModel,
  type ActionDoc,
  type DecisionDoc,
  IssueModel,
  RiskModel,
  type ChangeRequestDoc,
  type IssueDoc,
  type RegisterItemBase,
  type RiskDoc,
} from '../../models';
import type { ItemKind } from '../domain';
import { KEY_EXAMPLES, parseItemKey } from '../registers';
import { invalid, PmoError } from './errors';

export type RiskItem = RiskDoc & { kind: 'risk' };
export type IssueItem = IssueDoc & { kind: 'issue' };
export type ChangeItem = ChangeRequestDoc & { kind: 'change' };
export type DecisionItem = DecisionDoc & { kind: 'decision' };
export type ActionItem = ActionDoc & { kind: 'action' };
/** A register item as the services return it: the stored document tagged with its kind. */
export type RegisterItem = RiskItem | IssueItem | ChangeItem | DecisionItem | ActionItem;

/** The three item collections seen through what they share (each adds its own fields). */
export type ItemModel = Model<RegisterItemBase>;

const MODELS: Record<ItemKind, unknown> = {
  risk: RiskModel, issue: IssueModel, change: ChangeRequestModel, decision: DecisionModel, action: ActionModel,
};

export function itemModel(kind: ItemKind): ItemModel {
  return MODELS[kind] as ItemModel;
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
