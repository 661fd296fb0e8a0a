// Everything one reminders run reads: the overdue items, their projects (for the PMs) and names.
import { ITEM_KINDS } from '../../core/domain';
import { mayBeOverdue, peopleOf } from '../../core/registers';
import { loadWorkspace, type WorkspaceId } from '../../core/services/context';
import { namesAndAway } from '../../core/services/away.service';
import { compareItems, type ListedItem } from '../../core/services/item-list.service';
import { listItemsMatching, listProjectsByKeys, type PlanProject } from '../../core/services/job-data.service';
import { isOverdue, overdueContext } from '../../core/services/overdue';
import type { JobWorkspace } from '../types';

export interface ReminderData {
  /** Every open overdue item of the workspace, as of the load (register order, see compareItems). */
  items: ListedItem[];
  /** The projects those items belong to. */
  projects: PlanProject[];
  /** Display names of the PMs and of everyone an item names. */
  names: Map<string, string>;
  /** Who is away today (`away until`): no reminder to them; "(away)" by their items on a PM's card. */
  away?: ReadonlySet<string>;
}

export { mayBeOverdue };

/**
 * A fixed number of queries whatever the size of the registers: workspace (unless the caller has
 * it), one per register, projects, then people's names and who is away, together.
 */
export async function loadReminderData(ws: WorkspaceId | JobWorkspace, now: Date): Promise<ReminderData> {
  const workspace = isJobWorkspace(ws) ? ws : await loadWorkspace(ws);
  const workspaceId = workspace._id;
  const ctx = overdueContext(workspace, now);
  const byKind = await Promise.all(
    ITEM_KINDS.map(async (kind) => (await listItemsMatching(workspaceId, kind, mayBeOverdue(kind, ctx))).filter((item) => isOverdue(item, ctx))),
  );
  const items: ListedItem[] = byKind.flat().map((item) => ({ ...item, overdue: true }));
  items.sort(compareItems);
  const keys = [...new Set(items.map((i) => i.projectKey))];
  const projects: PlanProject[] = await listProjectsByKeys(workspaceId, keys);
  const people = [
    ...projects.map((p) => p.pmId ?? ''),
    ...items.flatMap(peopleOf),
  ];
  const { names, away } = await namesAndAway(workspaceId, people, ctx.today);
  return { items, projects, names, away };
}

function isJobWorkspace(ws: WorkspaceId | JobWorkspace): ws is JobWorkspace {
  return typeof ws === 'object' && ws !== null && 'timeZone' in ws && '_id' in ws;
}
