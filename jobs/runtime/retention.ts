// Retention of the jobs' bookkeeping: finished runs and their rows are deleted once they are old,
// so that job_runs, job_deliveries, job_planned and job_sending stop growing week after week.
import type { Types } from 'mongoose';
import { JobDeliveryModel, JobRunModel, type JobRunDoc } from '../../models';
import { JobPlannedModel, JobSendingModel } from '../../models/job-delivery.model';
import type { Clock } from './clock';

const DAY_MS = 24 * 60 * 60_000;

/**
 * How long a finished run and its rows are kept after it finished: long enough to answer "did last
 * month's digest go out?" and far longer than anything the runtime still reads them for.
 */
export const JOB_RECORD_RETENTION_MS = 35 * DAY_MS;

/**
 * The shortest retention allowed. The scheduler claims a run only when no run of its period exists,
 * and a period (an ISO week in the workspace's zone) is due at most until its week ends plus the
 * catch-up window (12 h), a zone change (up to ~26 h) aside: a run that finished (after its period
 * first became due) 14 days ago can never be claimed again, so deleting it cannot re-send it.
 */
export const MIN_JOB_RECORD_RETENTION_MS = 14 * DAY_MS;

/**
 * Rows per delete. FerretDB deletes what a filter matched in one SQLite statement with a
 * placeholder per row (at most 32766), holding the write lock ~0.25 ms per row, and scans the
 * whole collection per statement whatever the batch: 1000 keeps the lock well under a second.
 */
export const SWEEP_BATCH = 1000;

export interface SweepCounts {
  runs: number;
  deliveries: number;
  planned: number;
  sending: number;
}

export interface SweepOptions {
  /** Runs that finished before this go. */
  cutoff: Date;
  clock: Clock;
  isStopping(): boolean;
  batch?: number;
}

const FINISHED: readonly string[] = ['done', 'failed'];

type RunTimes = Pick<JobRunDoc, 'status' | 'finishedAt' | 'claimedAt'>;

/** A finished run, finished before `cutoff` (a record without `finishedAt`: last claimed before it). Claimed runs never are. */
export function isExpired(run: RunTimes, cutoff: Date): boolean {
  const at = run.finishedAt ?? run.claimedAt;
  return FINISHED.includes(run.status) && new Date(at).getTime() < cutoff.getTime();
}

/** isExpired as a filter. */
function expiredFilter(cutoff: Date) {
  return {
    status: { $in: FINISHED },
    $or: [{ finishedAt: { $lt: cutoff } }, { finishedAt: null, claimedAt: { $lt: cutoff } }],
  };
}

/** The collections holding a run's rows, all keyed by the run's (workspaceId, job, period). */
const ROWS = [
  ['deliveries', JobDeliveryModel],
  ['planned', JobPlannedModel],
  ['sending', JobSendingModel],
] as const;

/**
 * Deletes every expired run (isExpired) with its rows, one (job, period) at a time, oldest first:
 * rows first and the run last, so a sweep cut short leaves the run to find its rows again next
 * time. Housekeeping, so across all workspaces; it deletes from these four collections only, and
 * never a claimed run or a row of one (a claimed run is resumed, or closed by abandonRun, by the
 * runtime; at most one per job stays claimed in a workspace no instance can send to any more).
 * Each call to the database is followed by a pause as long as it took, so the sweep never has
 * more than half of the database's time; stops between batches when `isStopping`.
 */
export async function sweepJobRecords(options: SweepOptions): Promise<SweepCounts> {
  const counts: SweepCounts = { runs: 0, deliveries: 0, planned: 0, sending: 0 };
  const paced = pacer(options.clock);
  const expired = await paced(() => JobRunModel.find(expiredFilter(options.cutoff)).select({ job: 1, period: 1 }).lean<Pick<JobRunDoc, 'job' | 'period'>[]>());
  const groups = [...new Map(expired.map((r) => [`${r.period} ${r.job}`, { job: r.job, period: r.period }])).entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, group]) => group);
  for (const group of groups) {
    if (options.isStopping() || !(await sweepPeriod(group, options, counts, paced))) break;
  }
  return counts;
}

type Paced = <T>(work: () => Promise<T>) => Promise<T>;

/** One (job, period) across all workspaces; false when stopped half way. */
async function sweepPeriod(group: Pick<JobRunDoc, 'job' | 'period'>, options: SweepOptions, counts: SweepCounts, paced: Paced): Promise<boolean> {
  const batch = options.batch ?? SWEEP_BATCH;
  const runs = await paced(() => JobRunModel.find(group).select({ workspaceId: 1, status: 1, finishedAt: 1, claimedAt: 1 }).lean<JobRunDoc[]>());
  const doomed = runs.filter((r) => isExpired(r, options.cutoff)).map((r) => r.workspaceId);
  // Rows of a workspace whose run of this period is kept stay; the others go (those of no run too).
  const kept = runs.filter((r) => !isExpired(r, options.cutoff)).map((r) => r.workspaceId);
  const keep = new Set(kept.map(String));
  for (const [name, model] of ROWS) {
    const ids = await paced(async () => {
      const found: Types.ObjectId[] = [];
      const cursor = model.collection.find(group, { projection: { workspaceId: 1 }, batchSize: batch });
      for await (const row of cursor) if (!keep.has(String(row.workspaceId))) found.push(row._id as Types.ObjectId);
      return found.sort(byId);
    });
    // By `_id` range within the period: exactly the rows found, without an $in to compare every row against.
    for (const chunk of chunksOf(ids, batch)) {
      if (options.isStopping()) return false;
      const filter = { ...group, _id: { $gte: chunk[0], $lte: chunk[chunk.length - 1] }, ...(kept.length > 0 ? { workspaceId: { $nin: kept } } : {}) };
      counts[name] += (await paced(() => model.collection.deleteMany(filter))).deletedCount;
    }
  }
  for (const chunk of chunksOf(doomed, batch)) {
    if (options.isStopping()) return false;
    const filter = { ...group, workspaceId: { $in: chunk }, ...expiredFilter(options.cutoff) };
    counts.runs += (await paced(() => JobRunModel.deleteMany(filter))).deletedCount;
  }
  return true;
}

/** Runs the work, then rests as long as it took (measured on the clock: a test clock stands still, so tests never wait). */
function pacer(clock: Clock): Paced {
  return async (work) => {
    const started = clock.now().getTime();
    const result = await work();
    const took = clock.now().getTime() - started;
    if (took > 0) await clock.sleep(took);
    return result;
  };
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** ObjectId order: their hex strings have one length, so they sort as the ids do. */
function byId(a: Types.ObjectId, b: Types.ObjectId): number {
  const [x, y] = [a.toHexString(), b.toHexString()];
  return x < y ? -1 : x > y ? 1 : 0;
}
