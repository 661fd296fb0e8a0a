import { Schema } from 'mongoose';
import type { IsoDate } from '../core/domain';
import { defineModel, schemaOptions, type Lean } from './common';
import { registerItemFields, type RegisterItemBase } from './register-item';

/** The decision log (D-n): proposed, agreed, or superseded (by a later decision). */
export const DECISION_STATUSES = ['proposed', 'agreed', 'superseded'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/** An entry of the decision log (SPEC §2): what was decided, why, by whom and when, and what it concerns. */
export interface DecisionEntry extends RegisterItemBase {
  status: DecisionStatus;
  /** What was decided. */
  outcome: string;
  rationale: string;
  decidedById?: string | null;
  decidedOn?: IsoDate | null;
  /** The later decision that replaces this one (status superseded). */
  supersededBy?: string | null;
  /** Keys of the items it concerns: `R-3`, `I-2`. */
  items: string[];
}
export type DecisionDoc = Lean<DecisionEntry>;

const decisionSchema = new Schema<DecisionEntry>(
  {
    ...registerItemFields,
    status: { type: String, enum: DECISION_STATUSES, required: true, default: 'proposed' },
    outcome: { type: String, default: '' },
    rationale: { type: String, default: '' },
    decidedById: { type: String, default: null },
    decidedOn: { type: String, default: null },
    supersededBy: { type: String, default: null },
    items: { type: [String], default: [] },
  },
  schemaOptions,
);

// Key allocation (highest seq) and `show D-4` / `update D-4`: one decision by seq.
decisionSchema.index({ workspaceId: 1, seq: 1 }, { unique: true });
// createItem on a request carried out again: the item that request already logged.
decisionSchema.index({ workspaceId: 1, requestKey: 1 });
// Export of some projects (streamItems): their decisions in key order.
decisionSchema.index({ workspaceId: 1, projectKey: 1, seq: 1 });
// `list decisions [project=KEY]`: the decisions in force of a project.
decisionSchema.index({ workspaceId: 1, projectKey: 1, status: 1 });
// `list decisions mine`: the decisions of an owner.
decisionSchema.index({ workspaceId: 1, ownerId: 1, status: 1 });
// `show R-3`: the decisions that concern an item (multikey), in key order.
decisionSchema.index({ workspaceId: 1, items: 1, seq: 1 });

export const DecisionModel = defineModel<DecisionEntry>('Decision', decisionSchema, 'decisions');
