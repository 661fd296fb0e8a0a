import { Schema, type Types } from 'mongoose';
import { JOB_NAMES, PLATFORMS, type JobName, type Platform } from '../core/domain';
import { defineModel, schemaOptions, workspaceIdField, type Lean } from './common';

/**
 * pending: planned, not delivered yet (or waiting for its retry at `nextAttemptAt`);
 * sending: handed to the platform by `lockedBy`; sent: delivered; failed: given up on, see `lastError`.
 */
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One message of one job run to one recipient. The unique key makes a resumed run recognise what
 * it already delivered; `message` is the planned JobMessage, so a retry sends what was planned.
 */
export interface JobDelivery {
  workspaceId: Types.ObjectId;
  job: JobName;
  period: string;
  /** PlannedDelivery.key: stable across re-plans of the same run. */
  key: string;
  /** Its place in the plan: messages to one conversation go out in this order (a digest before its pages). */
  seq: number;
  platform: Platform;
  recipient: Record<string, unknown>;
  message: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: number;
  lastError?: string | null;
  /** When a pending delivery may be tried again (null: at once). */
  nextAttemptAt?: Date | null;
  /** The instance that is sending it, and since when (a crash leaves it 'sending'). */
  lockedBy?: string | null;
  lockedAt?: Date | null;
  sentAt?: Date | null;
  /** The platform's id of the posted message. */
  messageId?: string | null;
}
export type JobDeliveryDoc = Lean<JobDelivery>;

const jobDeliverySchema = new Schema<JobDelivery>(
  {
    workspaceId: workspaceIdField,
    job: { type: String, enum: JOB_NAMES, required: true },
    period: { type: String, required: true },
    key: { type: String, required: true },
    seq: { type: Number, required: true, default: 0 },
    platform: { type: String, enum: PLATFORMS, required: true },
    recipient: { type: Schema.Types.Mixed, required: true },
    message: { type: Schema.Types.Mixed, required: true },
    status: { type: String, enum: DELIVERY_STATUSES, required: true, default: 'pending' },
    attempts: { type: Number, required: true, default: 0 },
    lastError: { type: String, default: null },
    nextAttemptAt: { type: Date, default: null },
    lockedBy: { type: String, default: null },
    lockedAt: { type: Date, default: null },
    sentAt: { type: Date, default: null },
    messageId: { type: String, default: null },
  },
  { ...schemaOptions, minimize: false },
);

// addPlanned upsert (one record per planned message) and listing a run's deliveries by (workspace, job, period).
jobDeliverySchema.index({ workspaceId: 1, job: 1, period: 1, key: 1 }, { unique: true });

export const JobDeliveryModel = defineModel<JobDelivery>('JobDelivery', jobDeliverySchema, 'job_deliveries');
