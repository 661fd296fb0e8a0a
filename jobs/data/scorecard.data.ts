// Everything one scorecard run reads, in a fixed number of queries whatever the number of projects.
import { ITEM_KINDS, type IsoWeek, type Policy } from '../../core/domain';
import { registerOf } from '../../core/registers';
import { loadWorkspace } from '../../core/services/context';
import { displayNames } from '../../core/services/directory';
import type { RegisterItem } from '../../core/services/item-store';
import { listOpenOrRecentItems, listStatusPoints, type StatusPoint } from '../../core/services/job-data.service';
import { listPmoAdmins, listScorecardProjects, type ScorecardProject } from '../../core/services/scorecard-data.service';
import type { JobWorkspace } from '../types';

export type { ScorecardProject };

export interface ScorecardData {
  policy: Policy;
  /** The four status weeks scored, oldest first. */
  weeks: IsoWeek[];
  projects: ScorecardProject[];
  /** Those projects' status updates for `weeks`. */
  statuses: StatusPoint[];
  /** Their open items of every kind. */
  items: RegisterItem[];
  /** The PMO admins, the scheduled scorecard's recipients. */
  admins: { id: string; name: string }[];
  /** PMs, owners and admins by id. */
  names: Map<string, string>;
}

/** What the scorecard reads of an open item: its owner and dates for the gaps, and (with its kind's lateFields: a review date, a decision) for overdue. */
const SCORECARD_ITEM_FIELDS = ['projectKey', 'key', 'seq', 'title', 'status', 'ownerId', 'due', 'createdAt'] as const;

/**
 * The workspace (for its policy), its active projects and PMO admins, then the projects' status
 * updates for `weeks` and their open items per register, then the names: each query served by an index.
 */
export async function loadScorecardData(workspace: JobWorkspace, weeks: IsoWeek[], now: Date): Promise<ScorecardData> {
  const workspaceId = workspace._id;
  const [stored, projects, admins] = await Promise.all([loadWorkspace(workspaceId), listScorecardProjects(workspaceId), listPmoAdmins(workspaceId)]);
  const keys = projects.map((p) => p.key);
  // Open items only: nothing is created or closed after `now`, so the "since" half of the query adds none.
  const [statuses, ...byKind] = await Promise.all([
    listStatusPoints(workspaceId, keys, weeks[0], weeks[weeks.length - 1]),
    ...ITEM_KINDS.map((kind) => listOpenOrRecentItems(workspaceId, kind, keys, now, [...SCORECARD_ITEM_FIELDS, ...(registerOf(kind).lateFields ?? [])])),
  ]);
  const items = byKind.flat();
  const people = [...projects.map((p) => p.pmId ?? ''), ...items.map((i) => i.ownerId ?? '')];
  const names = await displayNames(workspaceId, people);
  for (const a of admins) names.set(a.platformUserId, a.displayName || a.platformUserId);
  return {
    policy: stored.policy,
    weeks,
    projects,
    statuses,
    items,
    admins: admins.map((a) => ({ id: a.platformUserId, name: a.displayName || a.platformUserId })),
    names,
  };
}
