// Which run of a job is due for a workspace now, and whether it is still worth posting.
import { SCHEDULE_OFF, type JobName } from '../../core/domain';
import { DEFAULT_SCHEDULES, type WorkspaceDoc } from '../../core/services/job-data.service';
import { policyRules } from '../../core/policy';
import { HOLIDAY_JOBS, holidayShift, nextWorkingDay } from '../holidays';

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
  if (job === 'escalation') return escalationRun(findDue, workspace, now);
  const schedule = workspace.schedules?.[job] ?? DEFAULT_SCHEDULES[job];
  if (schedule === SCHEDULE_OFF) return null; // `settings JOB=off`: no scheduled run
  const found = findDue(schedule, workspace.timeZone, now);
  // Reminders and nudges scheduled on a holiday move to the week's next working day, or are skipped (jobs/holidays.ts).
  const instant = found && HOLIDAY_JOBS.includes(job) ? holidayShift(found.instant, workspace.timeZone, workspace.holidays ?? []) : (found?.instant ?? null);
  return withinWindow(job, found?.period, instant, now);
}

/**
 * The policy's follow-up (SPEC §4 policy table): the next working day after the nudge went out,
 * at the nudge's time, for the nudge's period; none under a policy that escalates nothing, and
 * none in a week whose nudge was skipped for holidays.
 */
function escalationRun(findDue: DueFinder, workspace: WorkspaceDoc, now: Date): DueRun | null {
  const rules = policyRules(workspace.policy);
  if (!rules.missingUpdateToAdmins && rules.escalateOverdueAfterDays === null) return null;
  const nudge = workspace.schedules?.nudge ?? DEFAULT_SCHEDULES.nudge;
  // No nudge: no missing updates to follow up, but directive's overdue items are still escalated,
  // the day after the default nudge (the planner leaves the missing updates out).
  if (nudge === SCHEDULE_OFF && rules.escalateOverdueAfterDays === null) return null;
  const schedule = nudge === SCHEDULE_OFF ? DEFAULT_SCHEDULES.nudge : nudge;
  const zone = workspace.timeZone;
  const holidays = workspace.holidays ?? [];
  // This week's nudge, then the one before: a Friday nudge's follow-up is on Monday, in the next week.
  const latest = findDue(schedule, zone, now);
  const before = latest ? findDue(schedule, zone, new Date(latest.instant.getTime() - 1)) : null;
  for (const nudge of [latest, before]) {
    if (!nudge) continue;
    const sent = holidayShift(nudge.instant, zone, holidays);
    if (sent === null) continue;
    const run = withinWindow('escalation', nudge.period, nextWorkingDay(sent, zone, holidays), now);
    if (run) return run;
  }
  return null;
}

function withinWindow(job: JobName, period: string | undefined, instant: Date | null, now: Date): DueRun | null {
  if (period === undefined || instant === null || instant.getTime() > now.getTime()) return null;
  if (now.getTime() - instant.getTime() > CATCH_UP_WINDOW_MS) return null;
  return { job, period, instant };
}
