import { Schema } from 'mongoose';
import { ISSUE_STATUSES, ISSUE_TYPES, PRIORITIES, type IssueStatus, type IssueType, type Priority } from '../core/domain';
import { defineModel, schemaOptions, type Lean } from './common';
import { registerItemFields, type RegisterItemBase } from './register-item';

export interface Issue extends RegisterItemBase {
  status: IssueStatus;
  type: IssueType;
  priority: Priority;
  /** Key of the risk this issue was escalated from. */
  escalatedFrom?: string | null;
  /** Key of the change request raised from this issue (`escalate I-n`). */
  escalatedTo?: string | null;
}
export type IssueDoc = Lean<Issue>;

const issueSchema = new Schema<Issue>(
  {
    ...registerItemFields,
    status: { type: String, enum: ISSUE_STATUSES, required: true, default: 'open' },
    type: { type: String, enum: ISSUE_TYPES, required: true, default: 'problem' },
    priority: { type: String, enum: PRIORITIES, required: true, default: 'medium' },
    escalatedFrom: { type: String, default: null },
    escalatedTo: { type: String, default: null },
  },
  schemaOptions,
);

// Key allocation (highest seq) and `show I-3` / `update I-3`: one issue by seq.
issueSchema.index({ workspaceId: 1, seq: 1 }, { unique: true });
// createItem on a request carried out again: the item that request already logged.
issueSchema.index({ workspaceId: 1, requestKey: 1 });
// Export of some projects (streamItems): their items in key order.
issueSchema.index({ workspaceId: 1, projectKey: 1, seq: 1 });
// `list issues [project=KEY]`: the open issues of a project.
issueSchema.index({ workspaceId: 1, projectKey: 1, status: 1 });
// `list issues mine` and owners' reminders: the open issues of an owner.
issueSchema.index({ workspaceId: 1, ownerId: 1, status: 1 });
// Escalation repair: the issue a risk was escalated into.
issueSchema.index({ workspaceId: 1, escalatedFrom: 1 });

export const IssueModel = defineModel<Issue>('Issue', issueSchema, 'issues');
