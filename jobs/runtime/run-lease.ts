// Who works on a claimed run, for how long, and how a dead holder's run is taken over safely.
import { JOB_LEASE_MS, releaseJobRun, renewJobRun, runRef, takeOverJobRun, type JobRunDoc, type RunRef } from '../../core/services';
import type { Clock } from './clock';

/**
 * A holder renews its lease (the run's `leaseUntil`) at the start of each pass, before sending
 * (at most every RENEW_EVERY_MS, see renewIfDue) and before finishing; a run whose lease ran out
 * (LEASE_MS after its last renewal) belongs to a holder that died (or was stopped) and may be taken
 * over. Renewing before sending is also how a holder that froze and came back learns it lost the
 * run: a freeze long enough to lose it (LEASE_MS) is far longer than RENEW_EVERY_MS.
 */
export const LEASE_MS = JOB_LEASE_MS;

/** How long a renewal is trusted before a message without asking the database again: minutes inside LEASE_MS at a fixed cost whatever the pace. */
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
    if (await renewJobRun(this.run, this.holder, asked, LEASE_MS)) this.renewedAt = asked.getTime();
    else this.lost = true;
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

  /** On a clean stop: ends the lease now, so another instance resumes at its next tick. */
  async release(): Promise<void> {
    if (this.lost) return;
    this.lost = true;
    await releaseJobRun(this.run, this.holder, this.clock.now());
  }
}

export function isStale(run: Pick<JobRunDoc, 'status' | 'leaseUntil'>, now: Date): boolean {
  return run.status === 'claimed' && new Date(run.leaseUntil).getTime() < now.getTime();
}

/** Takes over a run whose lease ran out: a conditional update on its `_id`, state and lease, which one instance wins. */
export async function takeOver(run: JobRunDoc, holder: string, clock: Clock): Promise<RunLease | null> {
  const now = clock.now();
  if (!isStale(run, now)) return null;
  return (await takeOverJobRun(run, holder, now, LEASE_MS)) ? new RunLease(runRef(run), holder, clock) : null;
}
