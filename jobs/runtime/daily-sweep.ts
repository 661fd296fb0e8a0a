// Once a day, one instance sweeps the jobs' old bookkeeping (retention.ts): which one, and when.
import type { Logger } from 'pino';
import { claimSweep, deleteSweepsBefore, finishSweep } from '../../core/services';
import type { Clock } from './clock';
import { JOB_RECORD_RETENTION_MS, MIN_JOB_RECORD_RETENTION_MS, sweepJobRecords, type SweepCounts } from './retention';

export interface DailySweepOptions {
  /** The scheduler instance (JobScheduler.holder). */
  holder: string;
  clock: Clock;
  logger: Logger;
  isStopping(): boolean;
  /** How long finished runs are kept (default JOB_RECORD_RETENTION_MS, at least MIN_JOB_RECORD_RETENTION_MS). */
  retentionMs?: number;
}

/** The UTC day of an instant, `YYYY-MM-DD`. */
const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

/**
 * Asked on the scheduler's quiet ticks. Each instance tries once per UTC day; of the instances
 * trying the same day, the one whose insert of the day's sweep record lands sweeps, the others
 * leave it (a unique key decides).
 */
export class DailySweep {
  readonly retentionMs: number;
  /** The day this instance last tried (won or not). */
  private triedDay?: string;
  private running?: Promise<SweepCounts | null>;

  constructor(private readonly options: DailySweepOptions) {
    this.retentionMs = options.retentionMs ?? JOB_RECORD_RETENTION_MS;
    if (!(this.retentionMs >= MIN_JOB_RECORD_RETENTION_MS)) {
      throw new Error(`Job record retention must be at least ${MIN_JOB_RECORD_RETENTION_MS / 86_400_000} days, so that no delivered period is claimed again.`);
    }
  }

  /** Sweeps if this instance has not tried today and wins the day; what it deleted, else null. Never throws. */
  maybeSweep(): Promise<SweepCounts | null> {
    const now = this.options.clock.now();
    const day = dayOf(now);
    if (this.running || this.triedDay === day) return Promise.resolve(null);
    this.triedDay = day;
    const running = this.sweep(day, now).finally(() => (this.running = undefined));
    this.running = running;
    return running;
  }

  /** Resolves once a sweep under way has stopped (it stops between batches once the scheduler stops). */
  async idle(): Promise<void> {
    await this.running;
  }

  private async sweep(day: string, now: Date): Promise<SweepCounts | null> {
    const { holder, clock, logger } = this.options;
    try {
      if (!(await claimSweep(day, holder, now))) return null; // another instance has today
    } catch (err) {
      this.triedDay = undefined; // the database failed us, not the race: try again at a later tick
      logger.warn({ err: errorText(err) }, 'could not claim the daily sweep of old job records');
      return null;
    }
    const cutoff = new Date(now.getTime() - this.retentionMs);
    try {
      const deleted = await sweepJobRecords({ cutoff, clock, isStopping: this.options.isStopping });
      await finishSweep(day, clock.now(), { deleted: { ...deleted } });
      // Its own old days go too: no claim of a day that long ago is needed any more.
      await deleteSweepsBefore(dayOf(cutoff));
      logger.info({ cutoff: cutoff.toISOString(), deleted }, 'old job records swept');
      return deleted;
    } catch (err) {
      logger.error({ err: errorText(err) }, 'sweep of old job records failed; the next day’s sweep takes up what is left');
      await finishSweep(day, clock.now(), { error: errorText(err) }).catch(() => undefined);
      return null;
    }
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
