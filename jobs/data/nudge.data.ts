// Everything one nudge run reads: the active projects missing the period's update, and their PMs' names.
import { ProjectModel } from '../../models';
import type { IsoWeek } from '../../core/domain';
import { toWorkspaceId, type WorkspaceId } from '../../core/services/context';
import { invalid } from '../../core/services/errors';
import { loadPulses } from '../../core/services/pulse';
import { isIsoWeek } from '../../core/services/time';
import type { PlanProject } from './digest.data';
import { loadNames, ONE_BATCH } from './read';

export interface NudgeData {
  period: IsoWeek;
  /** Active projects with no status update for `period`, by key. */
  missing: PlanProject[];
  names: Map<string, string>;
}

/**
 * Four queries of one round trip each whatever the number of projects or weeks of history: the
 * active projects, the pulses' marker and the pulses (each project's recent weeks; see
 * core/services/pulse.ts), then the PMs (as core/services projectsMissingStatus, projected).
 */
export async function loadNudgeData(ws: WorkspaceId, period: IsoWeek): Promise<NudgeData> {
  if (!isIsoWeek(period)) throw invalid('period', `"${period}" is not an ISO week like 2026-W48.`);
  const workspaceId = toWorkspaceId(ws);
  const [pulses, projects] = await Promise.all([
    loadPulses(workspaceId, null),
    ProjectModel.find({ workspaceId, active: true })
      .select({ _id: 0, key: 1, name: 1, portfolioKey: 1, pmId: 1, active: 1 })
      .sort({ key: 1 })
      .batchSize(ONE_BATCH)
      .lean<PlanProject[]>(),
  ]);
  const done = new Set(pulses.filter((p) => !!p.statuses?.[period]).map((p) => p.projectKey));
  const missing = projects.filter((p) => !done.has(p.key));
  return { period, missing, names: await loadNames(workspaceId, missing.map((p) => p.pmId ?? '')) };
}
