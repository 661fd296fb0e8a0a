import { Schema, type Types } from 'mongoose';
import { defineModel, schemaOptions, workspaceIdField, type Lean } from './common';

/**
 * A one-off, first-come claim such as the founding PMO admin seat or the escalation of a risk.
 * FerretDB applies updates read-then-write, so "only one wins" must come from a unique index.
 */
export interface Claim {
  workspaceId: Types.ObjectId;
  /** What is claimed: `founding-admin`, `escalate:R-7`. */
  name: string;
  /** Who holds it (a platform user id). */
  holderId: string;
  at: Date;
}
export type ClaimDoc = Lean<Claim>;

const claimSchema = new Schema<Claim>(
  {
    workspaceId: workspaceIdField,
    name: { type: String, required: true },
    holderId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  schemaOptions,
);

// tryClaim: the insert that only one caller wins, and reading back who holds a claim.
claimSchema.index({ workspaceId: 1, name: 1 }, { unique: true });

export const ClaimModel = defineModel<Claim>('Claim', claimSchema, 'claims');
