import { Schema } from 'mongoose';
import {
  RISK_RATINGS,
  RISK_RESPONSES,
  RISK_STATUSES,
  type IsoDate,
  type RiskRating,
  type RiskResponse,
  type RiskStatus,
} from '../core/domain';
import { defineModel, schemaOptions, type Lean } from './common';
import { registerItemFields, type RegisterItemBase } from './register-item';

export interface Risk extends RegisterItemBase {
  status: RiskStatus;
  probability: number;
  impact: number;
  /** probability × impact, recomputed on every change. */
  score: number;
  rating: RiskRating;
  response?: RiskResponse | null;
  mitigation: string;
  reviewDate?: IsoDate | null;
  /** Key of the issue this risk was escalated into. */
  escalatedTo?: string | null;
}
export type RiskDoc = Lean<Risk>;

const riskSchema = new Schema<Risk>(
  {
    ...registerItemFields,
    status: { type: String, enum: RISK_STATUSES, required: true, default: 'open' },
    probability: { type: Number, required: true, min: 1, max: 5 },
    impact: { type: Number, required: true, min: 1, max: 5 },
    score: { type: Number, required: true, min: 1, max: 25 },
    rating: { type: String, enum: RISK_RATINGS, required: true },
    response: { type: String, enum: [...RISK_RESPONSES, null], default: null },
    mitigation: { type: String, default: '' },
    reviewDate: { type: String, default: null },
    escalatedTo: { type: String, default: null },
  },
  schemaOptions,
);

// Key allocation (highest seq) and `show R-7` / `update R-7`: one risk by seq.
riskSchema.index({ workspaceId: 1, seq: 1 }, { unique: true });
// createItem on a request carried out again: the item that request already logged.
riskSchema.index({ workspaceId: 1, requestKey: 1 });
// Export of some projects (streamItems): their items in key order.
riskSchema.index({ workspaceId: 1, projectKey: 1, seq: 1 });
// `list risks [project=KEY]`: the open risks of a project.
riskSchema.index({ workspaceId: 1, projectKey: 1, status: 1 });
// `list risks mine` and owners' reminders: the open risks of an owner.
riskSchema.index({ workspaceId: 1, ownerId: 1, status: 1 });
// `list risks`, digest top risks: open risks by score.
riskSchema.index({ workspaceId: 1, status: 1, score: -1 });

export const RiskModel = defineModel<Risk>('Risk', riskSchema, 'risks');
