import { Schema, type Types } from 'mongoose';
import { ROLES, type Role } from '../core/domain';
import { defineModel, schemaOptions, workspaceIdField, type Lean } from './common';

export interface Person {
  workspaceId: Types.ObjectId;
  /** Teams AAD object id / Bot Framework user id, or Slack user id. */
  platformUserId: string;
  displayName: string;
  role: Role;
  /** `away until DATE`: away through this date (`YYYY-MM-DD`, workspace's zone); no reminders or nudges meanwhile. */
  awayUntil?: string | null;
}
export type PersonDoc = Lean<Person>;

const personSchema = new Schema<Person>(
  {
    workspaceId: workspaceIdField,
    platformUserId: { type: String, required: true },
    displayName: { type: String, default: '' },
    role: { type: String, enum: ROLES, required: true, default: 'member' },
    awayUntil: { type: String, default: null },
  },
  schemaOptions,
);

// ensurePerson and every permission check: one person by platform user id.
personSchema.index({ workspaceId: 1, platformUserId: 1 }, { unique: true });
// People by role, by name: the PMO admins (last-admin guard), the executives (listPeople).
personSchema.index({ workspaceId: 1, role: 1, displayName: 1 });
// awayOn: who in the workspace is away on a date (the job runs read it per person with their names instead).
personSchema.index({ workspaceId: 1, awayUntil: 1 });
// listPeople: a workspace's people by name.
personSchema.index({ workspaceId: 1, displayName: 1 });

export const PersonModel = defineModel<Person>('Person', personSchema, 'people');
