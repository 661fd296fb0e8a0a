// Upgrading from the version that kept job runs in `job_runs`: its runs of the current and previous
// period become run records in job_records, so a period it finished is not posted again.
import { DateTime } from 'luxon';
import type { Types } from 'mongoose';
import { JobRecordModel, LegacyJobRunModel, type LegacyJobRunDoc } from '../../models';
import { JOB_NAMES } from '../domain';
import { isDuplicateKeyError } from './errors';
import { JOB_LEASE_MS } from './job-records.service';
import { isoWeekOf } from './time';

export interface LegacyRunsCopied {
  /** Runs of those periods found in job_runs. */
  found: number;
  /** Of those, copied now; the rest were in job_records already (an earlier start, another instance, a run of this version). */
  copied: number;
}

/**
 * Copies the `job_runs` records of each workspace's current and previous ISO week (in its zone) into
 * job_records as runs, each by an insert on the run's unique key: a duplicate key means the run is
 * there already, so starting twice, or two instances at once, copies each run once. A run still
 * claimed keeps its holder, with the lease that version gave it (claimedAt, its heartbeat, + the
 * lease), so it is taken over only once that has run out. `job_runs` itself is left as it is.
 */
export async function copyLegacyJobRuns(workspaces: readonly { _id: Types.ObjectId; timeZone: string }[], now: Date): Promise<LegacyRunsCopied> {
  if (workspaces.length === 0) return { found: 0, copied: 0 };
  const wanted = new Map(workspaces.map((w) => [String(w._id), new Set([isoWeekOf(now, w.timeZone), previousWeek(now, w.timeZone)])]));
  const periods = [...new Set([...wanted.values()].flatMap((p) => [...p]))];
  const legacy = await LegacyJobRunModel.find({ workspaceId: { $in: workspaces.map((w) => w._id) }, job: { $in: JOB_NAMES }, period: { $in: periods } })
    .lean<LegacyJobRunDoc[]>();
  const runs = legacy.filter((r) => wanted.get(String(r.workspaceId))?.has(r.period));
  let copied = 0;
  for (const run of runs) {
    if (await insertRun(run)) copied += 1;
  }
  return { found: runs.length, copied };
}

/** The ISO week before `now`'s in `zone`, counted in the calendar (a week with a DST change is not 168 hours). */
function previousWeek(now: Date, zone: string): string {
  return isoWeekOf(DateTime.fromJSDate(now, { zone }).minus({ weeks: 1 }).toJSDate(), zone);
}

async function insertRun(run: LegacyJobRunDoc): Promise<boolean> {
  const claimed = run.status === 'claimed';
  try {
    await JobRecordModel.create({
      workspaceId: run.workspaceId, type: 'run', job: run.job, period: run.period, key: '',
      status: run.status, claimedBy: run.claimedBy, claimedAt: run.claimedAt,
      leaseUntil: claimed ? new Date(new Date(run.claimedAt).getTime() + JOB_LEASE_MS) : null,
      finishedAt: run.finishedAt ?? null, deliveries: run.deliveries ?? null, error: run.error ?? null,
    });
    return true;
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}
