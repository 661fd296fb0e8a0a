// The scheduler: a minute tick that claims due runs, resumes stale ones, retries what failed and, once a day, sweeps old records.
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import { JOB_NAMES, type JobName, type Platform } from '../../core/domain';
import { claimJobRun, copyLegacyJobRuns, listWorkspaces, runRef, runsToEvaluate } from '../../core/services';
import type { WorkspaceDoc } from '../../core/services/job-data.service';
import { systemClock, type Clock } from './clock';
import { DailySweep } from './daily-sweep';
import { dueRun, type DueFinder, type DueRun } from './due';
import type { JobCommands } from '../../core/runner/types';
import { createJobCommands } from './on-demand';
import { PLATFORM_LIMITS, RateLimiter, type PlatformLimits } from './rate-limiter';
import { abandonRun, runPass, type Planner, type RunDeps } from './run-job';
import type { SweepCounts } from './retention';
import { LEASE_MS, RunLease, takeOver } from './run-lease';
import type { JobSender } from './sender';

/**
 * Why one minute tick rather than a cron task per workspace schedule: the schedules live in the
 * database, where any instance may change them (`settings digest="Tue 08:00"`), and FerretDB has
 * no change streams to tell the other instances. Reading them every minute and asking latestDue
 * picks a change up within a minute on every instance, with nothing to re-register; it also makes
 * catching up after a restart the same code as the normal case.
 */
const EVERY_MINUTE = '* * * * *';

export interface SchedulerOptions {
  senders: readonly JobSender[];
  logger: Logger;
  /** This instance (host, pod); a per-process suffix is added so a restarted process is a new holder. */
  instanceId: string;
  plan: Planner;
  findDue: DueFinder;
  clock?: Clock;
  /** Register the minute tick with node-cron (default); tests call tick() themselves. */
  cron?: boolean;
  concurrency?: number;
  limits?: Record<Platform, PlatformLimits>;
  /** How long finished runs and their rows are kept (retention.ts JOB_RECORD_RETENTION_MS by default). */
  retentionMs?: number;
}

export interface TickReport {
  /** Runs this tick claimed (`workspace:job:period`). */
  started: string[];
  /** Stale runs of other holders this tick took over. */
  resumed: string[];
  /** Own runs given another pass (retries waiting). */
  continued: string[];
  /** Runs closed because their window had passed. */
  abandoned: string[];
  errors: number;
  /** What this tick's sweep of old job records deleted, when it swept (once a day, one instance). */
  swept?: SweepCounts;
}

const runKey = (run: { workspaceId: { toString(): string }; job: string; period: string }): string =>
  `${run.workspaceId.toString()}:${run.job}:${run.period}`;

export class JobScheduler {
  readonly name = 'job-scheduler';
  readonly holder: string;
  readonly commands: JobCommands;
  private readonly senders = new Map<Platform, JobSender>();
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly deps: RunDeps;
  private readonly sweeper: DailySweep;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly leases = new Map<string, RunLease>();
  /** Runs this process planned already: their later passes only deliver what is recorded. */
  private readonly planned = new Set<string>();
  /** The first tick, started by start(): the catch-up of runs missed while no instance was up. */
  firstTick?: Promise<TickReport>;
  private task?: ScheduledTask;
  /** The evaluation under way, if any: ticks never overlap it, and stop() waits for it. */
  private ticking?: Promise<TickReport>;
  private stopping = false;
  /** Set by start(): the previous version's job_runs are still to be copied before any run is claimed. */
  private legacyRunsPending = false;

  constructor(private readonly options: SchedulerOptions) {
    this.holder = `${options.instanceId}/${process.pid.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger.child({ component: 'job-scheduler' });
    for (const sender of options.senders) this.addSender(sender);
    this.deps = {
      senders: this.senders,
      limiter: new RateLimiter(this.clock),
      clock: this.clock,
      limits: options.limits ?? PLATFORM_LIMITS,
      plan: options.plan,
      logger: this.logger,
      isStopping: () => this.stopping,
      concurrency: options.concurrency,
    };
    this.commands = createJobCommands(this.deps);
    this.sweeper = new DailySweep({
      holder: this.holder,
      clock: this.clock,
      logger: this.logger,
      isStopping: () => this.stopping,
      retentionMs: options.retentionMs,
    });
  }

  /** A platform's sender, e.g. Slack's once its app is up. Workspaces of a platform without one are left alone. */
  addSender(sender: JobSender): void {
    this.senders.set(sender.platform, sender);
  }

  /** Registers the minute tick and runs one at once: that first tick catches up what was missed. */
  start(): Promise<TickReport> {
    if (this.options.cron !== false) {
      this.task = cron.schedule(EVERY_MINUTE, () => void this.tick(), { name: 'pmo-jobs' });
    }
    this.legacyRunsPending = true;
    this.firstTick = this.tick();
    return this.firstTick;
  }

  /** Evaluates every workspace's schedules now and waits for the passes it started. Never throws. */
  tick(): Promise<TickReport> {
    if (this.stopping || this.ticking) return Promise.resolve({ started: [], resumed: [], continued: [], abandoned: [], errors: 0 });
    const ticking = this.evaluateAll();
    this.ticking = ticking;
    return ticking;
  }

  private async evaluateAll(): Promise<TickReport> {
    const report: TickReport = { started: [], resumed: [], continued: [], abandoned: [], errors: 0 };
    const passes: Promise<void>[] = [];
    try {
      const now = this.clock.now();
      const workspaces = await listWorkspaces();
      // Until the copy has landed no run is claimed (a failed copy fails the tick, and the next tick tries again).
      if (this.legacyRunsPending) await this.copyLegacyRuns(workspaces, now);
      for (const workspace of workspaces) {
        if (this.stopping) break;
        if (!this.senders.has(workspace.platform)) continue;
        await this.evaluate(workspace, now, report, passes).catch((err: unknown) => {
          report.errors += 1;
          this.logger.error({ err: errorText(err), workspace: workspace._id.toString() }, 'job tick failed for a workspace');
        });
      }
    } catch (err) {
      report.errors += 1;
      this.logger.error({ err: errorText(err) }, 'job tick failed');
    } finally {
      this.ticking = undefined; // the next tick may evaluate while these passes still deliver
    }
    // Housekeeping only when this instance has nothing to deliver, so that it never slows a fan-out of its own.
    const sweeping = passes.length === 0 && this.inFlight.size === 0 && !this.stopping ? this.sweeper.maybeSweep() : null;
    await Promise.all(passes);
    const swept = await sweeping;
    if (swept) report.swept = swept;
    return report;
  }

  /** Stops the tick, lets messages in flight finish, and hands unfinished runs over at once. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.task?.destroy();
    await this.ticking;
    await this.sweeper.idle();
    await Promise.all(this.inFlight.values());
    for (const lease of this.leases.values()) {
      await lease.release().catch((err: unknown) => this.logger.warn({ err: errorText(err) }, 'could not release a job run lease'));
    }
    this.leases.clear();
  }

  private async evaluate(workspace: WorkspaceDoc, now: Date, report: TickReport, passes: Promise<void>[]): Promise<void> {
    const dues = JOB_NAMES.map((job) => this.dueOf(workspace, job, now)).filter((d): d is DueRun => d !== null);
    const runs = await runsToEvaluate(workspace._id, dues);
    for (const due of dues) {
      if (runs.some((r) => r.job === due.job && r.period === due.period)) continue;
      if (!(await claimJobRun(workspace._id, due.job, due.period, this.holder, now, LEASE_MS))) continue;
      const lease = new RunLease({ workspaceId: workspace._id, job: due.job, period: due.period }, this.holder, this.clock);
      report.started.push(runKey(lease.run));
      passes.push(this.startPass(lease, workspace, due.instant));
    }
    for (const run of runs) {
      const key = runKey(run);
      if (run.status !== 'claimed' || this.inFlight.has(key)) continue;
      const due = dues.find((d) => d.job === run.job && d.period === run.period) ?? null;
      const mine = run.claimedBy === this.holder;
      const lease = mine ? (this.leases.get(key) ?? new RunLease(runRef(run), this.holder, this.clock)) : await takeOver(run, this.holder, this.clock);
      if (lease === null) continue;
      if (due === null) {
        report.abandoned.push(key);
        await abandonRun(lease, this.deps, 'given up: the run was still unfinished when its catch-up window closed');
        this.forget(key);
        continue;
      }
      (mine ? report.continued : report.resumed).push(key);
      passes.push(this.startPass(lease, workspace, mine && this.planned.has(key) ? null : due.instant));
    }
  }

  private async copyLegacyRuns(workspaces: readonly WorkspaceDoc[], now: Date): Promise<void> {
    const { found, copied } = await copyLegacyJobRuns(workspaces, now);
    this.legacyRunsPending = true;
    if (found > 0) this.logger.info({ found, copied }, `job runs of the previous version (job_runs): ${copied} of ${found} copied into job_records, the rest were there already`);
  }

  private dueOf(workspace: WorkspaceDoc, job: JobName, now: Date): DueRun | null {
    try {
      return dueRun(this.options.findDue, workspace, job, now);
    } catch (err) {
      this.logger.warn({ err: errorText(err), workspace: workspace._id.toString(), job }, 'unreadable schedule; job skipped');
      return null;
    }
  }

  private startPass(lease: RunLease, workspace: WorkspaceDoc, planAt: Date | null): Promise<void> {
    const key = runKey(lease.run);
    this.leases.set(key, lease);
    const pass = runPass(this.deps, { lease, workspace, planAt })
      .then((result) => {
        if (result.planned !== null) this.planned.add(key);
        if (result.finished || !lease.held) this.forget(key);
      })
      .catch((err: unknown) => this.logger.error({ err: errorText(err), run: key }, 'job run pass failed; retried at the next tick'))
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, pass);
    return pass;
  }

  private forget(key: string): void {
    this.leases.delete(key);
    this.planned.delete(key);
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
