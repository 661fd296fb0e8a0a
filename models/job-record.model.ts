import { Schema, Types } from 'mongoose';
import { JOB_NAMES, JOB_RUN_STATUSES, PLATFORMS, type JobName, type JobRunStatus, type Platform } from '../core/domain';
import { defineModel, schemaOptions, workspaceIdField, type Lean } from './common';

/**
 * The jobs' bookkeeping, one collection: a run of a job for a workspace and period, each message
 * of a run to one recipient, and the daily sweep of old records. Each record is created by an
 * insert on the unique (workspaceId, type, job, period, key) key and then moves from state to state
 * by conditional updates on its `_id` and the state it was read in.
 */
export const JOB_RECORD_TYPES = ['run', 'delivery', 'sweep'] as const;
export type JobRecordType = (typeof JOB_RECORD_TYPES)[number];

/**
 * A delivery: pending (planned, or waiting for `nextAttemptAt` after a failed try) → sending
 * (handed to the platform by `lockedBy`) → sent | failed, or back to pending for a retry.
 */
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The daily retention sweep is a job of the deployment, not of a workspace. */
export const SWEEP_JOB = 'retention';
/** The workspace a sweep is recorded under: none (the zero id), so its key is unique like any other. */
export const NO_WORKSPACE = new Types.ObjectId('000000000000000000000000');

export interface JobRecord {
  workspaceId: Types.ObjectId;
  type: JobRecordType;
  job: JobName | typeof SWEEP_JOB;
  /** The period a run covers (the ISO week `2026-W48`); a sweep's UTC day `2026-11-30`. */
  period: string;
  /** A delivery's PlannedDelivery.key, stable across re-plans of its run; '' for a run or a sweep. */
  key: string;
  status: JobRunStatus | DeliveryStatus;
  // Run and sweep: who holds it, and until when (a run's lease).
  claimedBy?: string | null;
  claimedAt?: Date | null;
  /** A claimed run whose lease ran out may be taken over. */
  leaseUntil?: Date | null;
  finishedAt?: Date | null;
  /** A run: how many messages were posted. */
  deliveries?: number | null;
  error?: string | null;
  /** A sweep: records deleted, by type. */
  deleted?: Record<string, number> | null;
  // Delivery.
  /** Its place in the plan: messages to one conversation go out in this order (a digest before its pages). */
  seq?: number;
  platform?: Platform;
  recipient?: Record<string, unknown>;
  /** The planned JobMessage (dropped once its run is closed). */
  message?: Record<string, unknown> | null;
  /** Tries whose outcome was recorded. */
  attempts?: number;
  lastError?: string | null;
  /** When a pending delivery may be tried again (null: at once). */
  nextAttemptAt?: Date | null;
  /** The instance sending it, and since when (a crash leaves it 'sending'). */
  lockedBy?: string | null;
  lockedAt?: Date | null;
  /** The token of the one conditional update that marked it sending: which of a batch it moved. */
  pass?: string | null;
  sentAt?: Date | null;
  /** The platform's id of the posted message. */
  messageId?: string | null;
}
export type JobRecordDoc = Lean<JobRecord>;

const jobRecordSchema = new Schema<JobRecord>(
  {
    workspaceId: workspaceIdField,
    type: { type: String, enum: JOB_RECORD_TYPES, required: true },
    job: { type: String, enum: [...JOB_NAMES, SWEEP_JOB], required: true },
    period: { type: String, required: true },
    key: { type: String, default: '' },
    status: { type: String, enum: [...new Set([...JOB_RUN_STATUSES, ...DELIVERY_STATUSES])], required: true },
    claimedBy: { type: String, default: undefined },
    claimedAt: { type: Date, default: undefined },
    leaseUntil: { type: Date, default: undefined },
    finishedAt: { type: Date, default: undefined },
    deliveries: { type: Number, default: undefined },
    error: { type: String, default: undefined },
    deleted: { type: Schema.Types.Mixed, default: undefined },
    seq: { type: Number, default: undefined },
    platform: { type: String, enum: PLATFORMS, default: undefined },
    recipient: { type: Schema.Types.Mixed, default: undefined },
    message: { type: Schema.Types.Mixed, default: undefined },
    attempts: { type: Number, default: undefined },
    lastError: { type: String, default: undefined },
    nextAttemptAt: { type: Date, default: undefined },
    lockedBy: { type: String, default: undefined },
    lockedAt: { type: Date, default: undefined },
    pass: { type: String, default: undefined },
    sentAt: { type: Date, default: undefined },
    messageId: { type: String, default: undefined },
  },
  { ...schemaOptions, minimize: false },
);

// The claim of a run or a sweep and the plan of a delivery (inserts only one instance wins); a run by
// its period, a job's latest run (sorted by period), a run's deliveries, a sweep's old days (period range).
jobRecordSchema.index({ workspaceId: 1, type: 1, job: 1, period: 1, key: 1 }, { unique: true });
// The scheduler's tick: a workspace's runs still claimed (to resume or take over).
jobRecordSchema.index({ workspaceId: 1, type: 1, status: 1 });
// Retention (jobs/runtime/retention.ts): finished runs past the cut-off, across workspaces.
jobRecordSchema.index({ type: 1, status: 1, finishedAt: 1 });

export const JobRecordModel = defineModel<JobRecord>('JobRecord', jobRecordSchema, 'job_records');
