// What the policy's follow-up to the PMO admins reads: the projects still missing the nudged week's update, the open items, the admins.
import type { IsoWeek, Policy } from '../../core/domain';
import { policyRules } from '../../core/policy';
import { loadWorkspace } from '../../core/services/context';
import { todayIn } from '../../core/services/time';
import { listPmoAdmins } from '../../core/services/scorecard-data.service';
import type { JobWorkspace } from '../types';
import { loadNudgeData } from './nudge.data';
import { loadReminderData } from './reminders.data';
import type { NudgeData } from './nudge.data';
import type { ReminderData } from './reminders.data';

export interface EscalationData {
  policy: Policy;
  /** Active projects with no update for the nudged week, as the nudge reads them. */
  missing: NudgeData['missing'];
  /** Open items that may be overdue, and the names of their owners and of the PMs (directive only; else empty). */
  items: ReminderData['items'];
  names: Map<string, string>;
  admins: { id: string; name: string }[];
  /** PMs away today (`away until`): the admins see "(away)" by their names rather than chase them. */
  away?: ReadonlySet<string>;
}

/** The nudge's and the reminders' queries (the latter only when the policy escalates overdue items), and the admins. */
export async function loadEscalationData(workspace: JobWorkspace & { policy?: Policy }, period: IsoWeek, now: Date): Promise<EscalationData> {
  const policy = workspace.policy ?? (await loadWorkspace(workspace._id)).policy;
  const rules = policyRules(policy);
  const [nudge, reminders, admins] = await Promise.all([
    rules.missingUpdateToAdmins ? loadNudgeData(workspace._id, period, todayIn(workspace.timeZone, now)) : undefined,
    rules.escalateOverdueAfterDays !== null ? loadReminderData(workspace, now) : undefined,
    listPmoAdmins(workspace._id),
  ]);
  const names = new Map([...(nudge?.names ?? []), ...(reminders?.names ?? [])]);
  for (const a of admins) names.set(a.platformUserId, a.displayName || a.platformUserId);
  return {
    policy,
    missing: nudge?.missing ?? [],
    items: reminders?.items ?? [],
    names,
    admins: admins.map((a) => ({ id: a.platformUserId, name: a.displayName || a.platformUserId })),
    ...(nudge?.away ? { away: nudge.away } : {}),
  };
}
