import { Schema } from 'mongoose';
import { defineModel, schemaOptions } from './common';

/**
 * One day's retention sweep of the job bookkeeping (jobs/runtime/retention.ts), keyed by
 * `retention:YYYY-MM-DD` (UTC): the insert of that `_id` is the claim that lets one instance
 * sweep that day, and the document then says how it went. Kept here rather than in `claims`
 * because the sweep deletes its own old days, so this collection stays a few dozen documents,
 * and because a deployment-wide sweep has no workspace to claim under.
 */
export interface JobSweep {
  _id: string;
  /** The scheduler instance that won the day. */
  holder: string;
  claimedAt: Date;
  finishedAt?: Date | null;
  /** Documents deleted per collection (job_runs, job_deliveries, job_planned, job_sending). */
  deleted?: Record<string, number> | null;
  error?: string | null;
}
export type JobSweepDoc = JobSweep & { createdAt: Date; updatedAt: Date };

const jobSweepSchema = new Schema<JobSweep>(
  {
    _id: { type: String, required: true },
    holder: { type: String, required: true },
    claimedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    deleted: { type: Schema.Types.Mixed, default: null },
    error: { type: String, default: null },
  },
  schemaOptions,
);

// No index beyond `_id`: claimed by inserting the day's `_id`, updated by it, old days deleted by an `_id` range.

export const JobSweepModel = defineModel<JobSweep>('JobSweep', jobSweepSchema, 'job_sweeps');
