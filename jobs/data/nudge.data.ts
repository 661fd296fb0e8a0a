// Everything one nudge run reads: the active projects missing the period's update, and their PMs' names.
import type { ProjectDoc } from '../../models';
import type { IsoWeek } from '../../core/domain';
import { toWorkspaceId, type WorkspaceId } from '../../core/services/context';
import { displayNames } from '../../core/services/directory';
import { projectsMissingStatus } from '../../core/services/status.service';

export interface NudgeData {
  period: IsoWeek;
  /** Active projects with no status update for `period`. */
  missing: ProjectDoc[];
  names: Map<string, string>;
}

/** Three queries whatever the number of projects: the period's updates, the projects, the PMs. */
export async function loadNudgeData(ws: WorkspaceId, period: IsoWeek): Promise<NudgeData> {
  const workspaceId = toWorkspaceId(ws);
  const missing = await projectsMissingStatus(workspaceId, period);
  return { period, missing, names: await displayNames(workspaceId, missing.map((p) => p.pmId ?? '')) };
}
