import { Schema, type Types } from 'mongoose';
import { JOB_NAMES, PLATFORMS, type JobName, type Platform } from '../core/domain';
import { defineModel, schemaOptions, workspaceIdField, type Lean } from './common';

/**
 * pending: planned, not delivered yet (a record says so once a try failed and a retry waits for
 * `nextAttemptAt`; while it is being sent, a JobSending receipt says so); sending: handed to the
 * platform by `lockedBy` (records of earlier versions only); sent: delivered; failed: given up on,
 * see `lastError`.
 */
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One planned message of one run: the run, its key and place in the plan, and its recipient. */
interface JobMessageSlot {
  workspaceId: Types.ObjectId;
  job: JobName;
  period: string;
  /** PlannedDelivery.key: stable across re-plans of the same run. */
  key: string;
  /** Its place in the plan: messages to one conversation go out in this order (a digest before its pages). */
  seq: number;
  platform: Platform;
  recipient: Record<string, unknown>;
}

/** The schema of a JobMessageSlot (records of earlier versions have no `seq`: 0). */
const slotFields = {
  workspaceId: workspaceIdField,
  job: { type: String, enum: JOB_NAMES, required: true },
  period: { type: String, required: true },
  key: { type: String, required: true },
  seq: { type: Number, required: true, default: 0 },
  platform: { type: String, enum: PLATFORMS, required: true },
  recipient: { type: Schema.Types.Mixed, required: true },
} as const;

/**
 * The outcome of one planned message of one job run, to one recipient: written when the message
 * was sent, failed for good or left for a retry (what is planned and not yet tried is its
 * JobPlannedDoc, same `_id`). The unique key makes a resumed run recognise what it already
 * delivered. Written then rather than at planning and updated at each step, because on FerretDB
 * an update of a document reads its whole table (its `_id` index is not used), while an insert
 * costs the same whatever the table's size: a delivery that goes out the first time costs one
 * insert, shared with the others sent at the same time. Records of earlier versions were
 * written at planning and carry their `message`.
 */
export interface JobDelivery extends JobMessageSlot {
  /** The planned JobMessage, in records of earlier versions only (see JobPlannedDoc). */
  message?: Record<string, unknown> | null;
  status: DeliveryStatus;
  /** Passes that tried it and recorded how it went. */
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
    ...slotFields,
    message: { type: Schema.Types.Mixed, default: undefined },
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

/**
 * "About to hand this delivery to the platform", written (and durable) before each send: a record
 * of a run still pending with a receipt for its current `attempts` was being sent when its holder
 * stopped, so a resumed run fails it rather than sending it twice. Receipts are inserted, many in
 * one write, never updated: on FerretDB an insert costs the same whatever the collection's size,
 * while an update of a record scans its collection's table. A finished run's receipts are deleted.
 */
export interface JobSending {
  workspaceId: Types.ObjectId;
  job: JobName;
  period: string;
  /** The JobDelivery being sent. */
  delivery: Types.ObjectId;
  /** Its `attempts` when the send began (its outcome, when recorded, adds one). */
  attempts: number;
  /** The instance sending it. */
  holder: string;
}
export type JobSendingDoc = Lean<JobSending>;

const jobSendingSchema = new Schema<JobSending>(
  {
    workspaceId: workspaceIdField,
    job: { type: String, enum: JOB_NAMES, required: true },
    period: { type: String, required: true },
    delivery: { type: Schema.Types.ObjectId, required: true },
    attempts: { type: Number, required: true },
    holder: { type: String, required: true },
  },
  schemaOptions,
);

// A resumed run reads its receipts; a finished run deletes them.
jobSendingSchema.index({ workspaceId: 1, job: 1, period: 1 });

export const JobSendingModel = defineModel<JobSending>('JobSending', jobSendingSchema, 'job_sending');

/**
 * One planned message of a run (PlannedDelivery), recorded before anything is sent: what a retry
 * or a resumed run sends, and in which order. Inserted once; deleted when the run is closed, by
 * when each has its JobDelivery record.
 */
export interface JobPlanned extends JobMessageSlot {
  _id: Types.ObjectId;
  message: Record<string, unknown>;
}
export type JobPlannedDoc = JobPlanned & { createdAt: Date };

const jobPlannedSchema = new Schema<JobPlanned>(
  {
    ...slotFields,
    message: { type: Schema.Types.Mixed, required: true },
  },
  { ...schemaOptions, minimize: false },
);

// A pass reads its run's plan; a closed run's is deleted.
jobPlannedSchema.index({ workspaceId: 1, job: 1, period: 1, key: 1 }, { unique: true });

export const JobPlannedModel = defineModel<JobPlanned>('JobPlanned', jobPlannedSchema, 'job_planned');
