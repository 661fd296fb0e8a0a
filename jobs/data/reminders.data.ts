// Everything one reminders run reads: the overdue items, their projects (for the PMs) and names.
import { ProjectModel, type ProjectDoc } from '../../models';
import { toWorkspaceId, type WorkspaceId } from '../../core/services/context';
import { displayNames } from '../../core/services/directory';
import { listOverdueItems, type ListedItem } from '../../core/services/item-list.service';

export interface ReminderData {
  /** Every open overdue item of the workspace, as of the load. */
  items: ListedItem[];
  /** The projects those items belong to. */
  projects: ProjectDoc[];
  /** Display names of the PMs and of everyone an item names. */
  names: Map<string, string>;
}

/** Six queries whatever the size of the registers: workspace, three registers, projects, people. */
export async function loadReminderData(ws: WorkspaceId, now: Date): Promise<ReminderData> {
  const workspaceId = toWorkspaceId(ws);
  const items = await listOverdueItems(workspaceId, now);
  const keys = [...new Set(items.map((i) => i.projectKey))];
  const projects = await ProjectModel.find({ workspaceId, key: { $in: keys } }).sort({ key: 1 }).lean<ProjectDoc[]>();
  const people = [
    ...projects.map((p) => p.pmId ?? ''),
    ...items.flatMap((i) => [i.ownerId, i.raisedById, i.kind === 'change' ? (i.decidedById ?? '') : '']),
  ];
  return { items, projects, names: await displayNames(workspaceId, people) };
}
