// The job runtime: the scheduler (exactly once per workspace, job and period), delivery records,
// fan-out within platform limits, and the on-demand `digest` / `reminders`.
import { planJob } from '../planners';
import { latestDue } from '../schedule';
import { JobScheduler, type SchedulerOptions } from './scheduler';

export { JobScheduler, type SchedulerOptions, type TickReport } from './scheduler';
export type { JobSender, SentMessage } from './sender';
export { DeliveryError, toDeliveryError, type DeliveryErrorCode } from './delivery-error';
export { CATCH_UP_WINDOW_MS } from './due';
export { LEASE_MS } from './run-lease';
export { JOB_RECORD_RETENTION_MS, MIN_JOB_RECORD_RETENTION_MS, type SweepCounts } from './retention';
export { MAX_PASSES, RETRY_BACKOFF_MS, type Planner } from './run-job';
export { PLATFORM_LIMITS } from './rate-limiter';
export type { Clock } from './clock';

export type StartSchedulerOptions = Omit<SchedulerOptions, 'plan' | 'findDue'> & Partial<Pick<SchedulerOptions, 'plan' | 'findDue'>>;

/** The scheduler with the real planners and schedule maths, not started: add senders, then start(). */
export function createScheduler(options: StartSchedulerOptions): JobScheduler {
  return new JobScheduler({ plan: planJob, findDue: latestDue, ...options });
}
