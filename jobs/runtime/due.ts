// Which run of a job is due for a workspace now, and whether it is still worth posting.
import type { JobName } from '../../core/domain';
import { DEFAULT_SCHEDULES, type WorkspaceDoc } from '../../core/services/job-data.service';
import { HOLIDAY_JOBS, holidayShift } from '../holidays';

/**
 * A run missed while no instance was up is still posted if the bot is back within this window
 * of the scheduled time (a Monday digest at 15:00 is still useful; on Tuesday it is noise). The
 * same window bounds how long a run's failed deliveries keep being retried.
 */
export const CATCH_UP_WINDOW_MS = 12 * 60 * 60_000;

/** The latest scheduled instant at or before `now` and the period it opens (jobs/schedule latestDue). */
export type DueFinder = (schedule: string, zone: string, now: Date) => { instant: Date; period: string } | null;

export interface DueRun {
  job: JobName;
  period: string;
  /** When it was scheduled. */
  instant: Date;
}

/** The run of `job` due now in this workspace, or null when none is within the catch-up window. */
export function dueRun(findDue: DueFinder, workspace: WorkspaceDoc, job: JobName, now: Date): DueRun | null {
  const schedule = workspace.schedules?.[job] ?? DEFAULT_SCHEDULES[job];
  const found = findDue(schedule, workspace.timeZone, now);
  // Reminders and nudges scheduled on a holiday move to the week's next working day, or are skipped (jobs/holidays.ts).
  const instant = found && HOLIDAY_JOBS.includes(job) ? holidayShift(found.instant, workspace.timeZone, workspace.holidays ?? []) : (found?.instant ?? null);
  if (found === null || instant === null || instant.getTime() > now.getTime()) return null;
  if (now.getTime() - instant.getTime() > CATCH_UP_WINDOW_MS) return null;
  return { job, period: found.period, instant };
}
