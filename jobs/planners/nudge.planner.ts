// Status nudges (SPEC §4): each PM whose active projects have no update for the period, once.
import type { NudgeData, PlanProject } from '../data';
import { dateInWeek } from '../schedule';
import type { JobWorkspace, PlannedDelivery } from '../types';
import { userRecipient } from './recipients';

/** Projects listed (each with its button) in one nudge. */
export const NUDGE_PROJECTS_SHOWN = 20;

/** Projects without a PM have nobody to nudge; the digest still lists them as missing. */
export function planNudges(_now: Date, workspace: JobWorkspace, data: NudgeData): PlannedDelivery[] {
  const byPm = new Map<string, PlanProject[]>();
  for (const project of data.missing) {
    if (!project.pmId || !project.active || data.away?.has(project.pmId)) continue; // away: not nudged (issue 14)
    const own = byPm.get(project.pmId);
    if (own) own.push(project);
    else byPm.set(project.pmId, [project]);
  }
  return [...byPm.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([pmId, projects]) => {
      const sorted = [...projects].sort((a, b) => a.key.localeCompare(b.key));
      return {
        key: `nudge:pm:${pmId}`,
        recipient: userRecipient(workspace, pmId, data.names),
        message: {
          kind: 'nudge',
          view: {
            pmName: data.names.get(pmId) ?? pmId,
            period: data.period,
            periodEnd: dateInWeek(data.period, 7),
            projects: sorted.slice(0, NUDGE_PROJECTS_SHOWN).map((p) => ({ key: p.key, name: p.name })),
            totalProjects: sorted.length,
          },
        },
      };
    });
}
