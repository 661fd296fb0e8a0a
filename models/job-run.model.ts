import { Schema, type Types } from 'mongoose';
import { JOB_NAMES, JOB_RUN_STATUSES, type JobName, type JobRunStatus } from '../core/domain';
import { defineModel, schemaOptions, workspaceIdField, type Lean } from './common';

/**
 * One run of a scheduled job for a workspace and period; the unique index makes it run once. A
 * finished run is deleted with its rows once JOB_RECORD_RETENTION_MS old (jobs/runtime/retention.ts).
 */
export interface JobRun {
  workspaceId: Types.ObjectId;
  job: JobName;
  /** The period the run covers, e.g. the ISO week `2026-W48`. */
  period: string;
  status: JobRunStatus;
  /** Id of the bot instance that claimed the run. */
  claimedBy: string;
  claimedAt: Date;
  finishedAt?: Date | null;
  /** How many messages were posted. */
  deliveries?: number | null;
  error?: string | null;
}
export type JobRunDoc = Lean<JobRun>;

const jobRunSchema = new Schema<JobRun>(
  {
    workspaceId: workspaceIdField,
    job: { type: String, enum: JOB_NAMES, required: true },
    period: { type: String, required: true },
    status: { type: String, enum: JOB_RUN_STATUSES, required: true, default: 'claimed' },
    claimedBy: { type: String, required: true },
    claimedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    deliveries: { type: Number, default: null },
    error: { type: String, default: null },
  },
  schemaOptions,
);

// claimJobRun: the insert that only one instance wins; latestJobRun sorts by period within a job.
jobRunSchema.index({ workspaceId: 1, job: 1, period: 1 }, { unique: true });
// The scheduler's tick: a workspace's runs still claimed (to resume or take over).
jobRunSchema.index({ workspaceId: 1, status: 1 });
// Retention (jobs/runtime/retention.ts): finished runs past the cut-off, across workspaces.
jobRunSchema.index({ status: 1, finishedAt: 1, claimedAt: 1 });

export const JobRunModel = defineModel<JobRun>('JobRun', jobRunSchema, 'job_runs');
