import { Schema } from 'mongoose';
import { defineModel, schemaOptions, type Lean } from './common';
import { registerItemFields, type RegisterItemBase } from './register-item';

/** Actions (A-n): open until done. */
export const ACTION_STATUSES = ['open', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** An action (SPEC §2): owner, due date, open or done, and the item it serves (mitigates a risk, works an issue). */
export interface ActionItemEntry extends RegisterItemBase {
  status: ActionStatus;
  /** Key of the item it serves: `R-3`. */
  itemKey?: string | null;
}
export type ActionDoc = Lean<ActionItemEntry>;

const actionSchema = new Schema<ActionItemEntry>(
  {
    ...registerItemFields,
    status: { type: String, enum: ACTION_STATUSES, required: true, default: 'open' },
    itemKey: { type: String, default: null },
  },
  schemaOptions,
);

// Key allocation (highest seq) and `show A-2` / `update A-2`: one action by seq.
actionSchema.index({ workspaceId: 1, seq: 1 }, { unique: true });
// createItem on a request carried out again: the item that request already logged.
actionSchema.index({ workspaceId: 1, requestKey: 1 });
// Export of some projects (streamItems): their actions in key order.
actionSchema.index({ workspaceId: 1, projectKey: 1, seq: 1 });
// `list actions [project=KEY]`: the open actions of a project.
actionSchema.index({ workspaceId: 1, projectKey: 1, status: 1 });
// `list actions mine` and owners' reminders: the open actions of an owner.
actionSchema.index({ workspaceId: 1, ownerId: 1, status: 1 });
// `show R-3`: the actions that serve an item, in key order.
actionSchema.index({ workspaceId: 1, itemKey: 1, seq: 1 });

export const ActionModel = defineModel<ActionItemEntry>('Action', actionSchema, 'actions');
