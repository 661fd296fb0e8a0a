// One pass over a claimed run: (re-)plan, record what is new, deliver what is due, finish when all is settled.
import type { Logger } from 'pino';
import type { JobName, Platform } from '../../core/domain';
import { dropRunMessages, finishJobRun } from '../../core/services';
import type { WorkspaceDoc } from '../../core/services/job-data.service';
import type { JobPlan, Recipient } from '../types';
import { byConversation, forEachBounded, sendWithRetry, type AttemptDeps } from './attempt';
import type { DeliveryError } from './delivery-error';
import { addPlanned, countDeliveries, dueOf, failAll, failInterruptedOf, markFailed, markRetry, markSending, markSent, runDeliveries, type StoredDelivery } from './delivery-store';
import type { RunLease } from './run-lease';
import { prepareSenders, type JobSender } from './sender';

/** What the on-demand digest asks of the planner (jobs/planners DigestOptions). */
export interface PlanOptions {
  portfolioKey?: string;
  projectKeys?: readonly string[];
  allProjects?: boolean;
  recipient?: Recipient;
}

/** The planners' entry point (jobs/planners planJob), injectable. */
export type Planner = (job: JobName, workspace: WorkspaceDoc, now: Date, options?: PlanOptions) => Promise<JobPlan>;

/**
 * Messages in flight at once per run. The rate limiter paces them (Teams: 50/s per tenant, 7/s
 * per conversation); this only has to be enough lanes to reach that pace while each message
 * waits for its sending mark to be stored (lanes' marks share a write) and its send; its outcome is
 * stored behind it. At ~300 ms a message under load, 16 lanes make ~53/s.
 */
export const DELIVERY_CONCURRENCY = 16;
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
  // The run's deliveries, read once for the pass.
  const records = await runDeliveries(run);
  const interrupted = await failInterruptedOf(records);
  if (interrupted > 0) log.warn({ interrupted }, 'deliveries interrupted mid-send by a stopped instance were not sent again');
  let planned: number | null = null;
  let preparing: Promise<ReadonlyMap<Platform, JobSender>>;
  // What sending needs per recipient (Teams: the conversation references), looked up once for the
  // pass, while the plan is recorded: for every recipient of the plan and of what was pending.
  const prepare = (recipients: Recipient[]) => prepareSenders(deps.senders, workspace, recipients, log);
  if (options.planAt !== null) {
    const plan = await deps.plan(run.job, workspace, options.planAt);
    if (plan.period !== run.period) log.warn({ planPeriod: plan.period }, 'the plan names another period than the run; recorded under the run');
    preparing = prepare([...dueOf(records, deps.clock.now()), ...plan.deliveries].map((d) => d.recipient));
    records.push(...(await addPlanned(run, plan.deliveries, records, deps.clock.now()))); // (prepareSenders never rejects)
    planned = plan.deliveries.length;
  } else {
    preparing = prepare(dueOf(records, deps.clock.now()).map((d) => d.recipient));
  }
  const due = dueOf(records, deps.clock.now());
  // Platform ids of what went out, by delivery key: a thread reply is posted under its parent's.
  const sentIds = new Map(records.flatMap((r) => (r.status === 'sent' && r.messageId ? [[r.key, r.messageId] as const] : [])));
  const passDeps: RunDeps = { ...deps, senders: await preparing };
  // Outcomes are stored while the lanes go on (many to a write); the pass waits for them before it counts.
  const outcomes: Promise<void>[] = [];
  const recorded = (d: StoredDelivery, outcome: Promise<void>) =>
    outcomes.push(outcome.catch((err: unknown) => log.error({ err: errorText(err), key: d.key }, 'could not record a delivery’s outcome; it stays as recorded')));
  await forEachBounded(
    byConversation(due),
    deps.concurrency ?? DELIVERY_CONCURRENCY,
    async (group) => {
      // In order; after one that did not go out, the rest of the conversation waits for the next pass.
      for (const d of group) if (!(await deliver(passDeps, lease, workspace, d, log, recorded, sentIds))) return;
    },
    (err, group) => log.error({ err: errorText(err), key: group[0]?.key }, 'delivery bookkeeping failed; the deliveries stay as recorded'),
  );
  await Promise.all(outcomes);
  return { planned, ...(await finishIfSettled(lease, deps, log)) };
}

/**
 * True when the message went out. The lease, checked just before, makes this instance the run's
 * only sender; the conditional pending → sending update makes each try of a delivery one send.
 */
async function deliver(
  deps: RunDeps,
  lease: RunLease,
  workspace: WorkspaceDoc,
  d: StoredDelivery,
  log: Logger,
  recorded: (d: StoredDelivery, outcome: Promise<void>) => void,
  sentIds: Map<string, string>,
): Promise<boolean> {
  if (deps.isStopping() || !(await lease.renewIfDue())) return false;
  if (d.message === null) {
    await failAll([d], 'rejected: its planned message was not found');
    return false;
  }
  if (!(await markSending(d, lease.holder, deps.clock.now()))) return false;
  const attempts = d.attempts + 1;
  // A thread reply goes under its parent (sent before it: same conversation, plan order); a parent
  // that never went out leaves it a message of its own rather than none.
  const parent = 'threadOf' in d.message && d.message.threadOf ? sentIds.get(d.message.threadOf) : undefined;
  const result = await sendWithRetry(deps, workspace, d.recipient, d.message, parent ? { threadId: parent } : {});
  const now = deps.clock.now();
  if (result.ok) {
    if (result.messageId) sentIds.set(d.key, result.messageId);
    recorded(d, markSent(d, result.messageId, now));
    return true;
  }
  const { error } = result;
  if (error.retryable && attempts < MAX_PASSES) {
    const backoff = RETRY_BACKOFF_MS[Math.min(attempts - 1, RETRY_BACKOFF_MS.length - 1)];
    const at = new Date(now.getTime() + Math.max(backoff, error.retryAfterMs ?? 0));
    recorded(d, markRetry(d, error.message, at));
    log.warn({ key: d.key, attempts, retryAt: at.toISOString(), err: error.message }, 'delivery failed; will retry');
    return false;
  }
  recorded(d, markFailed(d, failureText(error)));
  log.warn({ key: d.key, attempts, code: error.code, err: error.message }, 'delivery failed for good');
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
  await finishJobRun(lease.run.workspaceId, lease.run.job, lease.run.period, { status: 'done', deliveries: counts.sent, error }, deps.clock.now(), lease.holder);
  await dropRunMessages(lease.run).catch((err: unknown) => log.warn({ err: errorText(err) }, 'could not drop the finished run’s messages'));
  log.info({ sent: counts.sent, failed: counts.failed }, 'job run finished');
  return { ...report, finished: true };
}

/** A run past its window: what is still pending is given up and the run closed. */
export async function abandonRun(lease: RunLease, deps: RunDeps, reason: string): Promise<void> {
  const deliveries = await runDeliveries(lease.run);
  await failInterruptedOf(deliveries);
  await failAll(deliveries.filter((d) => d.status === 'pending'), reason);
  const counts = await countDeliveries(lease.run);
  await finishJobRun(
    lease.run.workspaceId,
    lease.run.job,
    lease.run.period,
    { status: counts.sent > 0 ? 'done' : 'failed', deliveries: counts.sent, error: reason },
    deps.clock.now(),
    lease.holder,
  );
  await dropRunMessages(lease.run).catch(() => undefined); // harmless if left: the run is closed
}

/** What a person reading the record should see: the reason first, in words. */
function failureText(error: DeliveryError): string {
  return error.code === 'no_conversation' ? error.message : `${error.code}: ${error.message}`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
