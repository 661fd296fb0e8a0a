// One pass over a claimed run: (re-)plan, record what is new, deliver what is due, finish when all is settled.
import type { Logger } from 'pino';
import type { JobName } from '../../core/domain';
import { finishJobRun } from '../../core/services';
import type { WorkspaceDoc } from '../../models';
import type { JobPlan, Recipient } from '../types';
import { byConversation, forEachBounded, sendWithRetry, type AttemptDeps } from './attempt';
import type { DeliveryError } from './delivery-error';
import {
  addPlanned, countDeliveries, dueDeliveries, failInterrupted, failPending, lockForSending, markFailed, markRetry, markSent,
  type StoredDelivery,
} from './delivery-store';
import type { RunLease } from './run-lease';

/** What the on-demand digest asks of the planner (jobs/planners DigestOptions). */
export interface PlanOptions {
  portfolioKey?: string;
  allProjects?: boolean;
  recipient?: Recipient;
}

/** The planners' entry point (jobs/planners planJob), injectable. */
export type Planner = (job: JobName, workspace: WorkspaceDoc, now: Date, options?: PlanOptions) => Promise<JobPlan>;

/** Messages in flight at once per run; the rate limits pace them further. */
export const DELIVERY_CONCURRENCY = 4;
/** Passes a delivery gets (each with up to INLINE_TRIES quick tries) before it is given up. */
export const MAX_PASSES = 5;
/** Wait before pass n+1 of a delivery that failed pass n, unless the platform asked for longer. */
export const RETRY_BACKOFF_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000];

export interface RunDeps extends AttemptDeps {
  plan: Planner;
  logger: Logger;
  /** True once the scheduler is stopping: no new message is started. */
  isStopping(): boolean;
  concurrency?: number;
}

export interface PassOptions {
  lease: RunLease;
  workspace: WorkspaceDoc;
  /** Plan for this instant (the scheduled one); null: deliver what is recorded, without planning. */
  planAt: Date | null;
}

export interface PassReport {
  planned: number | null;
  sent: number;
  failed: number;
  /** Deliveries waiting for a later pass. */
  waiting: number;
  finished: boolean;
}

export async function runPass(deps: RunDeps, options: PassOptions): Promise<PassReport> {
  const { lease, workspace } = options;
  const run = lease.run;
  const log = deps.logger.child({ workspace: run.workspaceId.toString(), job: run.job, period: run.period });
  if (!(await lease.renew())) return { planned: null, sent: 0, failed: 0, waiting: 0, finished: false };
  const interrupted = await failInterrupted(run);
  if (interrupted > 0) log.warn({ interrupted }, 'deliveries interrupted mid-send by a stopped instance were not sent again');
  let planned: number | null = null;
  if (options.planAt !== null) {
    const plan = await deps.plan(run.job, workspace, options.planAt);
    if (plan.period !== run.period) log.warn({ planPeriod: plan.period }, 'the plan names another period than the run; recorded under the run');
    await addPlanned(run, plan.deliveries);
    planned = plan.deliveries.length;
  }
  const due = await dueDeliveries(run, deps.clock.now());
  await forEachBounded(
    byConversation(due),
    deps.concurrency ?? DELIVERY_CONCURRENCY,
    async (group) => {
      // In order; after one that did not go out, the rest of the conversation waits for the next pass.
      for (const d of group) if (!(await deliver(deps, lease, workspace, d, log))) return;
    },
    (err, group) => log.error({ err: errorText(err), key: group[0]?.key }, 'delivery bookkeeping failed; the deliveries stay as recorded'),
  );
  return { planned, ...(await finishIfSettled(lease, deps, log)) };
}

/** True when the message went out. */
async function deliver(deps: RunDeps, lease: RunLease, workspace: WorkspaceDoc, d: StoredDelivery, log: Logger): Promise<boolean> {
  if (deps.isStopping() || !(await lease.renew())) return false;
  const locked = await lockForSending(d._id, lease.holder, deps.clock.now());
  if (locked === null) return false;
  const result = await sendWithRetry(deps, workspace, locked.recipient, locked.message);
  const now = deps.clock.now();
  if (result.ok) {
    await markSent(d._id, result.messageId, now);
    return true;
  }
  const { error } = result;
  if (error.retryable && locked.attempts < MAX_PASSES) {
    const backoff = RETRY_BACKOFF_MS[Math.min(locked.attempts - 1, RETRY_BACKOFF_MS.length - 1)];
    const at = new Date(now.getTime() + Math.max(backoff, error.retryAfterMs ?? 0));
    await markRetry(d._id, error.message, at);
    log.warn({ key: d.key, attempts: locked.attempts, retryAt: at.toISOString(), err: error.message }, 'delivery failed; will retry');
    return false;
  }
  await markFailed(d._id, failureText(error));
  log.warn({ key: d.key, attempts: locked.attempts, code: error.code, err: error.message }, 'delivery failed for good');
  return false;
}

/** Closes the run once nothing is pending: done, with how many went out and how many failed. */
async function finishIfSettled(lease: RunLease, deps: RunDeps, log: Logger): Promise<Omit<PassReport, 'planned'>> {
  const counts = await countDeliveries(lease.run);
  const waiting = counts.pending + counts.sending;
  const report = { sent: counts.sent, failed: counts.failed, waiting, finished: false };
  if (waiting > 0 || !(await lease.renew())) return report;
  const total = counts.sent + counts.failed;
  const error = counts.failed > 0 ? `${counts.failed} of ${total} deliveries failed` : undefined;
  await finishJobRun(lease.run.workspaceId, lease.run.job, lease.run.period, { status: 'done', deliveries: counts.sent, error }, deps.clock.now());
  log.info({ sent: counts.sent, failed: counts.failed }, 'job run finished');
  return { ...report, finished: true };
}

/** A run past its window: what is still pending is given up and the run closed. */
export async function abandonRun(lease: RunLease, deps: RunDeps, reason: string): Promise<void> {
  await failInterrupted(lease.run);
  await failPending(lease.run, reason);
  const counts = await countDeliveries(lease.run);
  await finishJobRun(
    lease.run.workspaceId,
    lease.run.job,
    lease.run.period,
    { status: counts.sent > 0 ? 'done' : 'failed', deliveries: counts.sent, error: reason },
    deps.clock.now(),
  );
}

/** What a person reading the record should see: the reason first, in words. */
function failureText(error: DeliveryError): string {
  return error.code === 'no_conversation' ? error.message : `${error.code}: ${error.message}`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
