// Retention of the jobs' bookkeeping: finished runs and their deliveries are deleted once they are
// old, so that job_records stops growing week after week.
import { deleteFinishedRun, deleteRunDeliveries, runsFinishedBefore, type JobRunDoc } from '../../core/services';
import type { Clock } from './clock';

const DAY_MS = 24 * 60 * 60_000;

/**
 * How long a finished run and its deliveries are kept after it finished: long enough to answer
 * "did last month's digest go out?" and far longer than anything the runtime still reads them for.
 */
export const JOB_RECORD_RETENTION_MS = 35 * DAY_MS;

/**
 * The shortest retention allowed. The scheduler claims a run only when no run of its period exists,
 * and a period (an ISO week in the workspace's zone) is due at most until its week ends plus the
 * catch-up window (12 h), a zone change (up to ~26 h) aside: a run that finished (after its period
 * first became due) 14 days ago can never be claimed again, so deleting it cannot re-send it.
 */
export const MIN_JOB_RECORD_RETENTION_MS = 14 * DAY_MS;

/** Deliveries per delete, so that a sweep yields between batches and can stop half way. */
export const SWEEP_BATCH = 1000;

export interface SweepCounts {
  runs: number;
  deliveries: number;
}

export interface SweepOptions {
  /** Runs that finished before this go. */
  cutoff: Date;
  clock: Clock;
  isStopping(): boolean;
  batch?: number;
}

/** A finished run, finished before `cutoff`. Claimed runs never are. */
export function isExpired(run: Pick<JobRunDoc, 'status' | 'finishedAt'>, cutoff: Date): boolean {
  return (run.status === 'done' || run.status === 'failed') && !!run.finishedAt && new Date(run.finishedAt).getTime() < cutoff.getTime();
}

/**
 * Deletes every expired run with its deliveries, oldest period first: deliveries first and the run
 * last, so a sweep cut short leaves the run to find its deliveries again next time. Housekeeping,
 * so across all workspaces; never a claimed run or a delivery of one (a claimed run is resumed, or
 * closed by abandonRun, by the runtime). Each call to the database is followed by a pause as long
 * as it took, so the sweep never has more than half of the database's time; stops between batches
 * when `isStopping`.
 */
export async function sweepJobRecords(options: SweepOptions): Promise<SweepCounts> {
  const counts: SweepCounts = { runs: 0, deliveries: 0 };
  const paced = pacer(options.clock);
  const batch = options.batch ?? SWEEP_BATCH;
  const expired = (await paced(() => runsFinishedBefore(options.cutoff))).sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  for (const run of expired) {
    for (;;) {
      if (options.isStopping()) return counts;
      const deleted = await paced(() => deleteRunDeliveries(run, batch));
      counts.deliveries += deleted;
      if (deleted < batch) break;
    }
    counts.runs += await paced(() => deleteFinishedRun(run));
  }
  return counts;
}

type Paced = <T>(work: () => Promise<T>) => Promise<T>;

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
