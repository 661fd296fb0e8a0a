// The jobs' bookkeeping (models/job-record.model.ts): runs and sweeps claimed by an insert on their
// unique key, then moved by conditional updates. Deliveries: job-deliveries.service.ts.
import type { Types } from 'mongoose';
import { JobRecordModel, NO_WORKSPACE, SWEEP_JOB, type JobRecordDoc } from '../../models';
import { JOB_NAMES, type JobName, type JobRunStatus } from '../domain';
import { toWorkspaceId, type WorkspaceId } from './context';
import { invalid, isDuplicateKeyError } from './errors';
import { InProcessQueue } from './in-process-queue';

/** A run not renewed for this long belongs to a holder that died (or was stopped) and may be taken over. */
export const JOB_LEASE_MS = 5 * 60_000;

/** Which run: workspace, job and period (with type 'run' and key '', its unique key). */
export interface RunRef {
  workspaceId: Types.ObjectId;
  job: JobName;
  period: string;
}

/** A run's record. */
export type JobRunDoc = JobRecordDoc & RunRef & { status: JobRunStatus; claimedBy: string; claimedAt: Date; leaseUntil: Date };

export interface JobOutcome {
  status: 'done' | 'failed';
  deliveries?: number;
  error?: string;
}

/** Only the run's triple, whatever else the object carries (a JobRunDoc is a RunRef too). */
export function runRef(run: RunRef): RunRef {
  return { workspaceId: run.workspaceId, job: run.job, period: run.period };
}

const runKey = (run: RunRef) => ({ ...runRef(run), type: 'run' as const, key: '' });
const later = (now: Date, ms: number) => new Date(now.getTime() + ms);

/**
 * FerretDB applies a conditional update as read-then-write: the embedded server's one instance
 * queues its updates of one run here, so the condition holds within the process. On MongoDB the
 * condition alone decides between instances.
 */
const runUpdates = new InProcessQueue();
const updateRun = (run: RunRef, filter: object, update: object) =>
  runUpdates.run(`${String(run.workspaceId)}:${run.job}:${run.period}`, () =>
    JobRecordModel.findOneAndUpdate(filter, update, { new: true }).lean<JobRunDoc>(),
  );

/**
 * Claims the run of `job` for `period` in this workspace, leased to `holder` for `leaseMs`. True
 * for exactly one caller across all bot instances and restarts: an insert on the unique key.
 */
export async function claimJobRun(ws: WorkspaceId, job: JobName, period: string, holder: string, now = new Date(), leaseMs = JOB_LEASE_MS): Promise<boolean> {
  if (!JOB_NAMES.includes(job)) throw invalid('job', `Unknown job "${job}".`);
  if (!period) throw invalid('period', 'A job run needs its period.');
  try {
    await JobRecordModel.create({ ...runKey({ workspaceId: toWorkspaceId(ws), job, period }), status: 'claimed', claimedBy: holder, claimedAt: now, leaseUntil: later(now, leaseMs) });
    return true;
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}

/** Extends the lease of a run `holder` still holds; false once another holder has it or it is finished. */
export async function renewJobRun(run: RunRef, holder: string, now: Date, leaseMs = JOB_LEASE_MS): Promise<boolean> {
  const doc = await updateRun(run, { ...runKey(run), status: 'claimed', claimedBy: holder }, { $set: { leaseUntil: later(now, leaseMs) } });
  return doc !== null;
}

/** Ends `holder`'s lease now (a clean stop), so another instance may take the run over at once. */
export async function releaseJobRun(run: RunRef, holder: string, now: Date): Promise<void> {
  await updateRun(run, { ...runKey(run), status: 'claimed', claimedBy: holder }, { $set: { leaseUntil: new Date(now.getTime() - 1) } });
}

/** Takes over a claimed run whose lease ran out: the one conditional update that finds it so wins. */
export async function takeOverJobRun(run: JobRunDoc, holder: string, now: Date, leaseMs = JOB_LEASE_MS): Promise<boolean> {
  const moved = await updateRun(run, { _id: run._id, status: 'claimed', leaseUntil: { $lt: now } }, { $set: { claimedBy: holder, leaseUntil: later(now, leaseMs) } });
  return moved !== null;
}

/** Closes a claimed run (by `holder`, when named): done or failed, with how many went out. */
export async function finishJobRun(ws: WorkspaceId, job: JobName, period: string, outcome: JobOutcome, now = new Date(), holder?: string): Promise<JobRunDoc | null> {
  const run = { workspaceId: toWorkspaceId(ws), job, period };
  const set = { status: outcome.status, finishedAt: now, leaseUntil: null, deliveries: outcome.deliveries ?? null, error: outcome.error ?? null };
  return updateRun(run, { ...runKey(run), status: 'claimed', ...(holder ? { claimedBy: holder } : {}) }, { $set: set });
}

/** The run of `job` with the latest period, of those kept (finished runs are swept after jobs/runtime/retention.ts JOB_RECORD_RETENTION_MS). */
export async function latestJobRun(ws: WorkspaceId, job: JobName): Promise<JobRunDoc | null> {
  return JobRecordModel.findOne({ workspaceId: toWorkspaceId(ws), type: 'run', job }).sort({ period: -1 }).lean<JobRunDoc>();
}

export async function getJobRun(ws: WorkspaceId, job: JobName, period: string): Promise<JobRunDoc | null> {
  return JobRecordModel.findOne(runKey({ workspaceId: toWorkspaceId(ws), job, period })).lean<JobRunDoc>();
}

/** A workspace's runs of these (job, period) pairs, and its runs still claimed: what a scheduler tick decides on. One query. */
export async function runsToEvaluate(workspaceId: Types.ObjectId, dues: readonly { job: JobName; period: string }[]): Promise<JobRunDoc[]> {
  return JobRecordModel.find({
    workspaceId,
    type: 'run',
    $or: [{ job: { $in: dues.map((d) => d.job) }, period: { $in: dues.map((d) => d.period) } }, { status: 'claimed' }],
  }).lean<JobRunDoc[]>();
}

const FINISHED: readonly JobRunStatus[] = ['done', 'failed'];

/** Runs (of every workspace) finished before `cutoff`: retention's list. */
export async function runsFinishedBefore(cutoff: Date): Promise<JobRunDoc[]> {
  return JobRecordModel.find({ type: 'run', status: { $in: FINISHED }, finishedAt: { $lt: cutoff } })
    .select({ workspaceId: 1, job: 1, period: 1, status: 1, finishedAt: 1 })
    .lean<JobRunDoc[]>();
}

/** Deletes a finished run's record (its deliveries first: deleteRunDeliveries). */
export async function deleteFinishedRun(run: JobRunDoc): Promise<number> {
  return (await JobRecordModel.deleteOne({ _id: run._id, status: { $in: FINISHED } })).deletedCount;
}

// The daily sweep: a record of the deployment (NO_WORKSPACE) per UTC day.

/** A day's sweep record. */
export type JobSweepDoc = JobRecordDoc & { claimedBy: string };

const sweepKey = (day: string) => ({ workspaceId: NO_WORKSPACE, type: 'sweep' as const, job: SWEEP_JOB, period: day, key: '' });

/** Claims the sweep of `day` (`YYYY-MM-DD`): true for the one instance whose insert lands. */
export async function claimSweep(day: string, holder: string, now: Date): Promise<boolean> {
  try {
    await JobRecordModel.create({ ...sweepKey(day), status: 'claimed', claimedBy: holder, claimedAt: now });
    return true;
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}

/** Records how the day's sweep went. */
export async function finishSweep(day: string, now: Date, outcome: { deleted?: Record<string, number>; error?: string }): Promise<void> {
  await JobRecordModel.updateOne(
    { ...sweepKey(day), status: 'claimed' },
    { $set: { status: outcome.error ? 'failed' : 'done', finishedAt: now, deleted: outcome.deleted ?? null, error: outcome.error ?? null } },
  );
}

/** Deletes the sweep records of the days before `day`. */
export async function deleteSweepsBefore(day: string): Promise<void> {
  await JobRecordModel.deleteMany({ workspaceId: NO_WORKSPACE, type: 'sweep', job: SWEEP_JOB, period: { $lt: day } });
}

/** The sweep records, oldest day first. */
export async function listSweeps(): Promise<JobSweepDoc[]> {
  return JobRecordModel.find({ workspaceId: NO_WORKSPACE, type: 'sweep', job: SWEEP_JOB }).sort({ period: 1 }).lean<JobSweepDoc[]>();
}
