import { Schema, type Types } from 'mongoose';
import { JOB_NAMES, JOB_RUN_STATUSES, type JobName, type JobRunStatus } from '../core/domain';
import { defineModel, schemaOptions, workspaceIdField, type Lean } from './common';

/**
 * The job runs of the version before job_records (collection `job_runs`), read once at start-up so
 * that a period finished just before the upgrade is not posted again (core/services/legacy-job-runs.ts).
 * Never written, and not in ALL_MODELS: ensureIndexes neither creates the collection nor touches its
 * indexes, which that version built and which are declared here only as the queries' map.
 */
export interface LegacyJobRun {
  workspaceId: Types.ObjectId;
  job: JobName;
  /** The ISO week the run covered, e.g. `2026-W48`. */
  period: string;
  status: JobRunStatus;
  claimedBy: string;
  /** When it was claimed; that version renewed it as the holder's heartbeat. */
  claimedAt: Date;
  finishedAt?: Date | null;
  deliveries?: number | null;
  error?: string | null;
}
export type LegacyJobRunDoc = Lean<LegacyJobRun>;

const legacyJobRunSchema = new Schema<LegacyJobRun>(
  {
    workspaceId: workspaceIdField,
    job: { type: String, enum: JOB_NAMES, required: true },
    period: { type: String, required: true },
    status: { type: String, enum: JOB_RUN_STATUSES, required: true },
    claimedBy: { type: String, required: true },
    claimedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    deliveries: { type: Number, default: null },
    error: { type: String, default: null },
  },
  schemaOptions,
);

// The start-up copy (legacyJobRunsOf): the runs of these workspaces, jobs and periods; that version's claim key.
legacyJobRunSchema.index({ workspaceId: 1, job: 1, period: 1 }, { unique: true });

export const LegacyJobRunModel = defineModel<LegacyJobRun>('LegacyJobRun', legacyJobRunSchema, 'job_runs');
