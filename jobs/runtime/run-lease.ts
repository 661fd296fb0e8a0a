// Who works on a claimed run, for how long, and how a dead holder's run is taken over safely.
import { tryClaim } from '../../core/services/claims';
import { JobRunModel, type JobRunDoc } from '../../models';
import type { Clock } from './clock';
import { runRef, type RunRef } from './delivery-store';

/**
 * A holder renews its lease (job_runs.claimedAt, which doubles as the heartbeat) at the start of
 * each pass, before sending (at most every RENEW_EVERY_MS, see renewIfDue) and before finishing;
 * a run not renewed for LEASE_MS belongs to a holder that died (or was stopped) and may be taken
 * over. Renewing before sending is also how a holder that froze and came back learns it lost the
 * run: a freeze long enough to lose it (LEASE_MS) is far longer than RENEW_EVERY_MS.
 */
export const LEASE_MS = 5 * 60_000;

/**
 * How long a renewal is trusted before a message without asking the database again. Renewing per
 * message was a job_runs query (a scan of the collection on FerretDB) for every message; every few
 * seconds keeps the heartbeat minutes inside LEASE_MS at a fixed cost whatever the pace.
 */
export const RENEW_EVERY_MS = 5_000;

export class RunLease {
  private lost = false;
  /** When the last successful renewal was asked for (this holder's clock). */
  private renewedAt: number | null = null;
  /** The renewal under way: lanes sending side by side share it. */
  private renewing?: Promise<boolean>;

  constructor(
    readonly run: RunRef,
    readonly holder: string,
    private readonly clock: Clock,
  ) {}

  get held(): boolean {
    return !this.lost;
  }

  /** Renews the lease now; false once another holder has the run (or it is finished). */
  async renew(): Promise<boolean> {
    if (this.lost) return false;
    const asked = this.clock.now();
    const doc = await JobRunModel.findOneAndUpdate(
      { ...runRef(this.run), status: 'claimed', claimedBy: this.holder },
      { $set: { claimedAt: asked } },
      { new: true },
    ).lean<JobRunDoc>();
    if (doc === null) this.lost = true;
    else this.renewedAt = asked.getTime();
    return !this.lost;
  }

  /**
   * Before a message: true while the run is ours. Asks the database only when the last renewal is
   * RENEW_EVERY_MS old (or the clock went back): until then no other instance can have taken the
   * run, which it may only LEASE_MS after a renewal.
   */
  renewIfDue(): Promise<boolean> {
    if (this.lost) return Promise.resolve(false);
    const now = this.clock.now().getTime();
    if (this.renewedAt !== null && now >= this.renewedAt && now - this.renewedAt < RENEW_EVERY_MS) return Promise.resolve(true);
    this.renewing ??= this.renew().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  /** On a clean stop: dates the lease back past LEASE_MS so another instance resumes at its next tick. */
  async release(): Promise<void> {
    if (this.lost) return;
    this.lost = true;
    const expired = new Date(this.clock.now().getTime() - LEASE_MS - 1);
    await JobRunModel.updateOne({ ...runRef(this.run), status: 'claimed', claimedBy: this.holder }, { $set: { claimedAt: expired } });
  }
}

export function isStale(run: Pick<JobRunDoc, 'status' | 'claimedAt'>, now: Date): boolean {
  return run.status === 'claimed' && now.getTime() - new Date(run.claimedAt).getTime() > LEASE_MS;
}

/**
 * Takes over a stale run. FerretDB applies findOneAndUpdate as read-then-write, so a conditional
 * update alone could let two instances both win; the winner is instead whoever inserts the claim
 * named after the stale lease (holder and heartbeat) it saw: a unique index admits one. The winner
 * then moves the run to itself, conditioned on that same lease, in case its holder came back.
 */
export async function takeOver(run: JobRunDoc, holder: string, clock: Clock): Promise<RunLease | null> {
  const now = clock.now();
  if (!isStale(run, now)) return null;
  const seen = new Date(run.claimedAt);
  const claim = await tryClaim(run.workspaceId, `job-run:${run.job}:${run.period}:from:${run.claimedBy}@${seen.getTime()}`, holder, now);
  if (!claim.won) return null;
  const moved = await JobRunModel.findOneAndUpdate(
    { ...runRef(run), status: 'claimed', claimedBy: run.claimedBy, claimedAt: seen },
    { $set: { claimedBy: holder, claimedAt: now } },
    { new: true },
  ).lean<JobRunDoc>();
  return moved === null ? null : new RunLease(runRef(run), holder, clock);
}
