import { Schema, type Types } from 'mongoose';
import { RAGS, type IsoDate, type IsoWeek, type Rag } from '../core/domain';
import { defineModel, schemaOptions, workspaceIdField, type Lean } from './common';

/** A PRINCE2-style highlight report: one per project and ISO week; a resubmission replaces it. */
export interface StatusUpdate {
  workspaceId: Types.ObjectId;
  projectKey: string;
  /** ISO week in the workspace's zone: `2026-W48`. */
  period: IsoWeek;
  overall: Rag;
  schedule?: Rag | null;
  scope?: Rag | null;
  cost?: Rag | null;
  summary: string;
  done: string;
  next: string;
  blockers: string;
  /** Why overall is amber or red (SPEC §2); null when green or not given. */
  reason?: string | null;
  /** When it is back on track (directive policy asks it with the reason). */
  recoveryDate?: IsoDate | null;
  /** The forecast finish in effect for this update (given now, or the project's last one). */
  forecastFinish?: IsoDate | null;
  /** The project's baseline finish (its first forecast) when this update was made; slip = forecast − baseline. */
  baselineFinish?: IsoDate | null;
  authorId: string;
  submittedAt: Date;
  /** 1 for the first submission in the period, +1 for each replacement. */
  revision: number;
}
export type StatusUpdateDoc = Lean<StatusUpdate>;

const rag = { type: String, enum: [...RAGS, null], default: null } as const;

const statusUpdateSchema = new Schema<StatusUpdate>(
  {
    workspaceId: workspaceIdField,
    projectKey: { type: String, required: true },
    period: { type: String, required: true },
    overall: { type: String, enum: RAGS, required: true },
    schedule: rag,
    scope: rag,
    cost: rag,
    summary: { type: String, default: '' },
    done: { type: String, default: '' },
    next: { type: String, default: '' },
    blockers: { type: String, default: '' },
    reason: { type: String, default: null },
    recoveryDate: { type: String, default: null },
    forecastFinish: { type: String, default: null },
    baselineFinish: { type: String, default: null },
    authorId: { type: String, required: true },
    submittedAt: { type: Date, required: true },
    revision: { type: Number, required: true, default: 1 },
  },
  schemaOptions,
);

// submitStatus upsert (one per project and week); latestStatus and statusHistory sort by period.
statusUpdateSchema.index({ workspaceId: 1, projectKey: 1, period: 1 }, { unique: true });
// projectsMissingStatus and the digest: every update of one period.
statusUpdateSchema.index({ workspaceId: 1, period: 1 });

export const StatusUpdateModel = defineModel<StatusUpdate>('StatusUpdate', statusUpdateSchema, 'status_updates');
