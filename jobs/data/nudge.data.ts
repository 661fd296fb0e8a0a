// Everything one nudge run reads: the active projects missing the period's update, and their PMs' names.
import { ProjectModel, StatusUpdateModel } from '../../models';
import type { IsoWeek } from '../../core/domain';
import { toWorkspaceId, type WorkspaceId } from '../../core/services/context';
import { invalid } from '../../core/services/errors';
import { isIsoWeek } from '../../core/services/time';
import type { PlanProject } from './digest.data';
import { loadNames } from './read';

export interface NudgeData {
  period: IsoWeek;
  /** Active projects with no status update for `period`, by key. */
  missing: PlanProject[];
  names: Map<string, string>;
}

/**
 * Three queries of one round trip each, each served by an index, whatever the number of projects:
 * the active projects, the period's updates (as core/services projectsMissingStatus), then the PMs.
 */
export async function loadNudgeData(ws: WorkspaceId, period: IsoWeek): Promise<NudgeData> {
  if (!isIsoWeek(period)) throw invalid('period', `"${period}" is not an ISO week like 2026-W48.`);
  const workspaceId = toWorkspaceId(ws);
  const [updated, projects] = await Promise.all([
    StatusUpdateModel.find({ workspaceId, period }).select({ _id: 0, projectKey: 1 }).lean<{ projectKey: string }[]>(),
    ProjectModel.find({ workspaceId, active: true })
      .select({ _id: 0, key: 1, name: 1, portfolioKey: 1, pmId: 1, active: 1 })
      .sort({ key: 1 })
      .lean<PlanProject[]>(),
  ]);
  const done = new Set(updated.map((s) => s.projectKey));
  const missing = projects.filter((p) => !done.has(p.key));
  return { period, missing, names: await loadNames(workspaceId, missing.map((p) => p.pmId ?? '')) };
}
