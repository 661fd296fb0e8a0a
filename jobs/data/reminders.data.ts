// Everything one reminders run reads: the overdue items, their projects (for the PMs) and names.
import { ITEM_KINDS, type ItemKind } from '../../core/domain';
import { registerOf } from '../../core/registers';
import { loadWorkspace, type WorkspaceId } from '../../core/services/context';
import { displayNames } from '../../core/services/directory';
import { compareItems, type ListedItem } from '../../core/services/item-list.service';
import { listItemsMatching, listProjectsByKeys, type PlanProject } from '../../core/services/job-data.service';
import { isOverdue, overdueContext, type OverdueContext } from '../../core/services/overdue';
import { addDays } from '../../core/services/time';
import type { JobWorkspace } from '../types';

export interface ReminderData {
  /** Every open overdue item of the workspace, as of the load (register order, see compareItems). */
  items: ListedItem[];
  /** The projects those items belong to. */
  projects: PlanProject[];
  /** Display names of the PMs and of everyone an item names. */
  names: Map<string, string>;
}

const DAY_MS = 86_400_000;

/**
 * What may be overdue (SPEC §2, isOverdue): open, and due before today, or a risk's review date
 * before today, or a change pending since long enough. A superset of isOverdue, which then decides:
 * the database only spares us reading (and the wire carrying) items that cannot be overdue. A day
 * starts at most 12 hours after midnight UTC (UTC−12), so a change raised on or after
 * `today − changePendingDays` at 12:00 UTC is not overdue in any zone; a day of margin is added.
 */
export function mayBeOverdue(kind: ItemKind, ctx: OverdueContext): Record<string, unknown> {
  const late: Record<string, unknown>[] = [{ due: { $lt: ctx.today } }];
  if (kind === 'risk') late.push({ reviewDate: { $lt: ctx.today } });
  if (kind === 'change') {
    const raisedBefore = new Date(Date.parse(`${addDays(ctx.today, -ctx.changePendingDays)}T00:00:00Z`) + DAY_MS);
    late.push({ decision: 'pending', createdAt: { $lt: raisedBefore } });
  }
  return { status: { $nin: [...registerOf(kind).done] }, $or: late };
}

/**
 * Six queries of one round trip each whatever the size of the registers: workspace (unless the
 * caller has it), three registers, projects, people.
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
    ...items.flatMap((i) => [i.ownerId, i.raisedById, i.kind === 'change' ? (i.decidedById ?? '') : '']),
  ];
  return { items, projects, names: await displayNames(workspaceId, people) };
}

function isJobWorkspace(ws: WorkspaceId | JobWorkspace): ws is JobWorkspace {
  return typeof ws === 'object' && ws !== null && 'timeZone' in ws && '_id' in ws;
}
