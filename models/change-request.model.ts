import { Schema } from 'mongoose';
import { CHANGE_STATUSES, DECISIONS, type ChangeStatus, type Decision } from '../core/domain';
import { defineModel, schemaOptions, type Lean } from './common';
import { registerItemFields, type RegisterItemBase } from './register-item';

/** A change request; with the item histories this is the change log. */
export interface ChangeRequest extends RegisterItemBase {
  status: ChangeStatus;
  /** Impact as one text (`change ... impact="..."`) and/or per dimension. */
  impact: string;
  impactTime: string;
  impactCost: string;
  impactScope: string;
  decision: Decision;
  decidedById?: string | null;
  decidedAt?: Date | null;
  /** Key of the issue this change request was raised from (`escalate I-n`). */
  escalatedFrom?: string | null;
}
export type ChangeRequestDoc = Lean<ChangeRequest>;

const changeRequestSchema = new Schema<ChangeRequest>(
  {
    ...registerItemFields,
    status: { type: String, enum: CHANGE_STATUSES, required: true, default: 'open' },
    impact: { type: String, default: '' },
    impactTime: { type: String, default: '' },
    impactCost: { type: String, default: '' },
    impactScope: { type: String, default: '' },
    decision: { type: String, enum: DECISIONS, required: true, default: 'pending' },
    decidedById: { type: String, default: null },
    decidedAt: { type: Date, default: null },
    escalatedFrom: { type: String, default: null },
  },
  schemaOptions,
);

// Key allocation (highest seq) and `show C-12` / `update C-12`: one change by seq.
changeRequestSchema.index({ workspaceId: 1, seq: 1 }, { unique: true });
// createItem on a request carried out again: the item that request already logged.
changeRequestSchema.index({ workspaceId: 1, requestKey: 1 });
// Export of some projects (streamItems): their items in key order.
changeRequestSchema.index({ workspaceId: 1, projectKey: 1, seq: 1 });
// `list changes [project=KEY]`: the open changes of a project.
changeRequestSchema.index({ workspaceId: 1, projectKey: 1, status: 1 });
// `list changes mine` and owners' reminders: the open changes of an owner.
changeRequestSchema.index({ workspaceId: 1, ownerId: 1, status: 1 });
// Overdue changes: pending decisions by age.
changeRequestSchema.index({ workspaceId: 1, decision: 1, createdAt: 1 });
// Escalation repair: the change request an issue was escalated into.
changeRequestSchema.index({ workspaceId: 1, escalatedFrom: 1 });

export const ChangeRequestModel = defineModel<ChangeRequest>('ChangeRequest', changeRequestSchema, 'change_requests');
