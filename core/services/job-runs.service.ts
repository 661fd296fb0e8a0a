import { JobRunModel, type JobRunDoc } from '../../models';
import { JOB_NAMES, type JobName } from '../domain';
import { toWorkspaceId, type WorkspaceId } from './context';
import { invalid, isDuplicateKeyError } from './errors';

export interface JobOutcome {
  status: 'done' | 'failed';
  deliveries?: number;
  error?: string;
}

/**
 * Claims the run of `job` for `period` in this workspace. True for exactly one caller across all
 * bot instances and restarts: an insert against the unique (workspaceId, job, period) index.
 */
export async function claimJobRun(ws: WorkspaceId, job: JobName, period: string, instanceId: string, now = new Date()): Promise<boolean> {
  if (!JOB_NAMES.includes(job)) throw invalid('job', `Unknown job "${job}".`);
  if (!period) throw invalid('period', 'A job run needs its period.');
  try {
    await JobRunModel.create({ workspaceId: toWorkspaceId(ws), job, period, status: 'claimed', claimedBy: instanceId, claimedAt: now });
    return true;
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}

export async function finishJobRun(
  ws: WorkspaceId,
  job: JobName,
  period: string,
  outcome: JobOutcome,
  now = new Date(),
): Promise<JobRunDoc | null> {
  const set = { status: outcome.status, finishedAt: now, deliveries: outcome.deliveries ?? null, error: outcome.error ?? null };
  return JobRunModel.findOneAndUpdate({ workspaceId: toWorkspaceId(ws), job, period }, { $set: set }, { new: true }).lean<JobRunDoc>();
}

/** The run of `job` with the latest period, of those kept (finished runs are swept after jobs/runtime/retention.ts JOB_RECORD_RETENTION_MS). */
export async function latestJobRun(ws: WorkspaceId, job: JobName): Promise<JobRunDoc | null> {
  return JobRunModel.findOne({ workspaceId: toWorkspaceId(ws), job }).sort({ period: -1 }).lean<JobRunDoc>();
}

export async function getJobRun(ws: WorkspaceId, job: JobName, period: string): Promise<JobRunDoc | null> {
  return JobRunModel.findOne({ workspaceId: toWorkspaceId(ws), job, period }).lean<JobRunDoc>();
}
