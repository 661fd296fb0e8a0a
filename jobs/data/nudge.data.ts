// Everything one nudge run reads: the active projects missing the period's update, and their PMs' names.
import type { IsoDate, IsoWeek } from '../../core/domain';
import { namesAndAway } from '../../core/services/away.service';
import { toWorkspaceId, type WorkspaceId } from '../../core/services/context';
import { invalid } from '../../core/services/errors';
import { displayNames } from '../../core/services/directory';
import { listActiveProjects, projectKeysWithStatus, type PlanProject } from '../../core/services/job-data.service';
import { isIsoWeek } from '../../core/services/time';

export interface NudgeData {
  period: IsoWeek;
  /** Active projects with no status update for `period`, by key. */
  missing: PlanProject[];
  names: Map<string, string>;
  /** PMs away on the run's day (`away until`): not nudged. */
  away?: ReadonlySet<string>;
}

/**
 * Three queries of one round trip each, each served by an index, whatever the number of projects:
 * the active projects, the period's updates (as core/services projectsMissingStatus), then the PMs.
 */
export async function loadNudgeData(ws: WorkspaceId, period: IsoWeek, today?: IsoDate): Promise<NudgeData> {
  if (!isIsoWeek(period)) throw invalid('period', `"${period}" is not an ISO week like 2026-W48.`);
  const workspaceId = toWorkspaceId(ws);
  const [done, projects] = await Promise.all([projectKeysWithStatus(workspaceId, period), listActiveProjects(workspaceId)]);
  const missing = projects.filter((p) => !done.has(p.key));
  const pms = missing.map((p) => p.pmId ?? '');
  if (!today) return { period, missing, names: await displayNames(workspaceId, pms) };
  const { names, away } = await namesAndAway(workspaceId, pms, today);
  return { period, missing, names, away };
}
