// Shared by the job runtime tests: a pinned clock, recording senders, hand-made plans, a workspace.
import type { Types } from 'mongoose';
import pino from 'pino';
import type { JobName } from '../../../core/domain';
import { ensureWorkspace, getJobRun, runDeliveryRecords } from '../../../core/services';
import { latestDue } from '../../../jobs/schedule';
import type { Clock } from '../../../jobs/runtime/clock';
import { JobScheduler, type SchedulerOptions } from '../../../jobs/runtime/scheduler';
import type { Planner } from '../../../jobs/runtime/run-job';
import type { JobSender, SentMessage } from '../../../jobs/runtime/sender';
import type { JobMessage, PlannedDelivery, Recipient } from '../../../jobs/types';
import { ClaimModel, JobRecordModel, WorkspaceModel, type WorkspaceDoc } from '../../../models';

export const silent = pino({ level: 'silent' });

/** Monday 30 Nov 2026 in London (UTC+0): the default reminders are due 09:00, the digest 09:30. */
export const MONDAY = '2026-11-30';
export const at = (time: string, date = MONDAY): Date => new Date(`${date}T${time}:00Z`);

/** A clock that stands still until moved; sleeping moves it on at once and is recorded. */
export class TestClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(private current: Date) {}

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date): void {
    this.current = new Date(to);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.advance(ms);
  }
}

export interface Sent {
  to: string;
  kind: JobMessage['kind'];
  workspaceId: string;
}

type Behaviour = (recipient: Recipient, message: JobMessage, call: number) => Promise<SentMessage> | SentMessage;

/** Records what it posts; `behave` may throw (a 429, a 5xx) or hang, per recipient and call. */
export class RecordingSender implements JobSender {
  readonly sent: Sent[] = [];
  readonly calls: string[] = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(
    readonly platform: 'teams' | 'slack' | 'local' = 'teams',
    private readonly behave?: Behaviour,
  ) {}

  async send(workspace: WorkspaceDoc, recipient: Recipient, message: JobMessage): Promise<SentMessage> {
    const to = nameOf(recipient);
    this.calls.push(to);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await Promise.resolve();
      const result = this.behave ? await this.behave(recipient, message, this.calls.filter((c) => c === to).length) : {};
      this.sent.push({ to, kind: message.kind, workspaceId: workspace._id.toString() });
      return { messageId: `m-${this.sent.length}`, ...result };
    } finally {
      this.inFlight -= 1;
    }
  }

  to(name: string): Sent[] {
    return this.sent.filter((s) => s.to === name);
  }
}

export const nameOf = (r: Recipient): string => (r.kind === 'user' ? r.userId : r.channelId);

/** An HTTP-ish error as the Bot Framework client throws it. */
export function httpError(statusCode: number, retryAfter?: string): Error {
  const err = new Error(`status ${statusCode}`) as Error & { statusCode: number; response: { headers: Record<string, string> } };
  err.statusCode = statusCode;
  err.response = { headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter } };
  return err;
}

export function nudgeTo(userId: string, platform: Recipient['platform'] = 'teams'): PlannedDelivery {
  return {
    key: `nudge:user:${userId}`,
    recipient: { kind: 'user', platform, userId },
    message: { kind: 'nudge', view: { pmName: userId, period: '2026-W49', periodEnd: '2026-12-06', projects: [{ key: 'APOLLO', name: 'Apollo' }], totalProjects: 1 } },
  };
}

/** A planner that sends every job to `people` (in the workspace's platform), counting its calls. */
export function plannerFor(people: () => string[]): Planner & { calls: { job: JobName; now: Date }[] } {
  const calls: { job: JobName; now: Date }[] = [];
  const plan: Planner = async (job, workspace, now) => {
    calls.push({ job, now });
    const { period } = latestDue(workspace.schedules[job === 'escalation' ? 'nudge' : job], workspace.timeZone, now);
    return { job, period, deliveries: people().map((p) => ({ ...nudgeTo(p, workspace.platform), key: `${job}:user:${p}` })) };
  };
  return Object.assign(plan, { calls });
}

/** The scheduler reads every workspace: each test starts from none, so tests cannot see each other's runs. */
export async function resetJobs(): Promise<void> {
  for (const model of [WorkspaceModel, JobRecordModel, ClaimModel] as const) {
    await (model as unknown as { deleteMany(filter: object): Promise<unknown> }).deleteMany({});
  }
}

let counter = 0;

/**
 * A workspace of its own whose jobs are all due at once (so a test drives one job): the others
 * are scheduled on Sunday, long out of the catch-up window on a Monday.
 */
export async function workspaceWith(
  schedule: Partial<Record<JobName, string>>,
  timeZone = 'Europe/London',
  platform: 'teams' | 'slack' = 'teams',
): Promise<WorkspaceDoc> {
  counter += 1;
  const created = await ensureWorkspace(platform, `jobs-${counter}-${Date.now()}`, `Jobs ${counter}`, { timeZone });
  const schedules = { digest: 'Sun 00:01', reminders: 'Sun 00:01', nudge: 'Sun 00:01', scorecard: 'Sun 00:01', ...schedule };
  // Supportive: no PMO follow-up after the nudge (its own tests cover it), so each run's messages are the job's alone.
  const doc = await WorkspaceModel.findOneAndUpdate({ _id: created._id }, { $set: { schedules, policy: 'supportive' } }, { new: true }).lean<WorkspaceDoc>();
  if (!doc) throw new Error('workspace vanished');
  return doc;
}

export function schedulerFor(clock: TestClock, sender: JobSender, plan: Planner, extra: Partial<SchedulerOptions> = {}): JobScheduler {
  return new JobScheduler({ senders: [sender], logger: silent, instanceId: 'test', plan, findDue: latestDue, clock, cron: false, ...extra });
}

export async function deliveriesOf(ws: Types.ObjectId, job: JobName, period: string) {
  return runDeliveryRecords({ workspaceId: ws, job, period });
}

/** How many runs match (job records of type 'run'). */
export async function countRuns(filter: Record<string, unknown> = {}): Promise<number> {
  return JobRecordModel.countDocuments({ ...filter, type: 'run' });
}

export { getJobRun };

/** A promise resolved from outside, for a sender that hangs until the test lets it go. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
