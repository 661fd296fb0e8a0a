// What the scheduler and the `digest` / `reminders` commands call: load a job's data, then plan it.
import { SCHEDULE_OFF, type JobName } from '../../core/domain';
import { loadDigestData, loadNudgeData, loadReminderData } from '../data';
import { loadScorecardData } from '../data/scorecard.data';
import { DEFAULT_SCHEDULES } from '../../core/services/job-data.service';
import { todayIn } from '../../core/services/time';
import { latestDue, reportedPeriod } from '../schedule';
import type { JobPlan, JobWorkspace } from '../types';
import { planDigest, type DigestOptions } from './digest.planner';
import { planNudges } from './nudge.planner';
import { planReminders } from './reminders.planner';
import { planScorecard, scorecardWeeks } from './scorecard.planner';
import { planEscalation } from './escalation.planner';
import { loadEscalationData } from '../data/escalation.data';

export { planDigest, type DigestOptions } from './digest.planner';
export { planNudges } from './nudge.planner';
export { planReminders } from './reminders.planner';
export { planScorecard, scorecardView, scorecardWeeks } from './scorecard.planner';
export { escalationView, planEscalation } from './escalation.planner';
export { recipientKey } from './recipients';

/**
 * The plan of `job` for the run due at `now` (its period is that of latestDue, the one the
 * scheduler claims). The digest reports on reportedPeriod; reminders are as of today; the nudge
 * asks for the run's own week. `options` apply to the digest only.
 */
export async function planJob(job: JobName, workspace: JobWorkspace, now: Date, options: DigestOptions = {}): Promise<JobPlan> {
  const zone = workspace.timeZone;
  // A schedule turned off still names the periods (on demand, the default slot's); the escalation follows the nudge.
  const timing = (name: Exclude<JobName, 'escalation'>): string => {
    const stored = workspace.schedules[name] ?? DEFAULT_SCHEDULES[name];
    return stored === SCHEDULE_OFF ? DEFAULT_SCHEDULES[name] : stored;
  };
  const { period } = latestDue(timing(job === 'escalation' ? 'nudge' : job), zone, now);
  switch (job) {
    case 'digest': {
      const data = await loadDigestData(workspace._id, reportedPeriod(timing('nudge'), zone, now), { portfolioKey: options.portfolioKey });
      return { job, period, deliveries: planDigest(now, workspace, data, options) };
    }
    case 'reminders':
      return { job, period, deliveries: planReminders(now, workspace, await loadReminderData(workspace, now)) };
    case 'nudge':
      return { job, period, deliveries: planNudges(now, workspace, await loadNudgeData(workspace._id, period, todayIn(zone, now))) };
    case 'scorecard': {
      // The four status weeks up to the one the digest reports on (last week, on a Monday).
      const weeks = scorecardWeeks(reportedPeriod(timing('nudge'), zone, now));
      return { job, period, deliveries: planScorecard(now, period, workspace, await loadScorecardData(workspace, weeks, now), options.recipient) };
    }
    case 'escalation':
      return { job, period, deliveries: planEscalation(now, period, workspace, await loadEscalationData(workspace, period, now)) };
  }
}
