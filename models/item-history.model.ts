import { Schema, type Types } from 'mongoose';
import { HISTORY_ACTIONS, ITEM_KINDS, type HistoryAction, type ItemKind } from '../core/domain';
import { defineModel, schemaOptions, workspaceIdField, type Lean } from './common';

/** A value as it was before or after a change: what `show KEY` and the change log print. */
export type HistoryValue = string | number | boolean | null;

/** One line of an item's history: who changed which field, when, from what, to what. */
export interface ItemHistory {
  workspaceId: Types.ObjectId;
  itemKey: string;
  kind: ItemKind;
  at: Date;
  byId: string;
  action: HistoryAction;
  /** The field changed; null for `created`. */
  field?: string | null;
  from?: HistoryValue;
  to?: HistoryValue;
  /** The resolution given when closing. */
  note?: string | null;
}
export type ItemHistoryDoc = Lean<ItemHistory>;

const itemHistorySchema = new Schema<ItemHistory>(
  {
    workspaceId: workspaceIdField,
    itemKey: { type: String, required: true },
    kind: { type: String, enum: ITEM_KINDS, required: true },
    at: { type: Date, required: true },
    byId: { type: String, required: true },
    action: { type: String, enum: HISTORY_ACTIONS, required: true },
    field: { type: String, default: null },
    from: { type: Schema.Types.Mixed, default: null },
    to: { type: Schema.Types.Mixed, default: null },
    note: { type: String, default: null },
  },
  schemaOptions,
);

// `show KEY`: an item's history in order.
itemHistorySchema.index({ workspaceId: 1, itemKey: 1, at: 1, _id: 1 });
// Digest "risks that rose": the period's score changes.
itemHistorySchema.index({ workspaceId: 1, kind: 1, field: 1, at: 1, _id: 1 });

export const ItemHistoryModel = defineModel<ItemHistory>('ItemHistory', itemHistorySchema, 'item_history');
