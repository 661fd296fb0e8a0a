// `mine` (issue 14): my overdue and due-this-week items, my projects' missing status updates, and the
// change requests awaiting my decision; the same view feeds the Slack App Home.
import type { WorkspaceDoc } from '../../models';
import { ITEM_KINDS, type Actor } from '../domain';
import type { MineView } from '../mine-view';
import { policyRules } from '../policy';
import { displayNames, listItems, listPendingChanges, listProjects } from '../services';
import { projectKeysWithStatus } from '../services/job-data.service';
import { loadWorkspace } from '../services/context';
import type { ListedItem } from '../services/item-list.service';
import { isPmoAdmin } from '../services/permissions';
import { addDays, isoWeekOf, todayIn } from '../services/time';
import type { Reply, RunContext } from './types';
import { toItemView } from './views';

/** Rows per section of the card: the rest are counted, with the list command that shows them. */
export const MINE_ROWS_SHOWN = 8;
/** Open items read per register (the list service's most). */
const SCAN = 200;

const isoWeekday = (date: string): number => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

export async function mineViewFor(workspace: WorkspaceDoc, person: Actor, now: Date): Promise<MineView> {
  const zone = workspace.timeZone;
  const today = todayIn(zone, now);
  const weekEnd = addDays(today, 7 - isoWeekday(today));
  const period = isoWeekOf(now, zone);
  const rules = policyRules(workspace.policy);
  const [owned, managed, admin] = await Promise.all([
    Promise.all(ITEM_KINDS.map((kind) => listItems(workspace._id, { kind, mine: person.userId, limit: SCAN }, now))),
    listProjects(workspace._id, { pmId: person.userId }),
    isPmoAdmin(workspace, person),
  ]);
  const mine = owned.flatMap((r) => r.items);
  const overdue = mine.filter((i) => i.overdue);
  const dueThisWeek = mine.filter((i) => !i.overdue && !!i.due && i.due >= today && i.due <= weekEnd).sort((a, b) => (a.due ?? '').localeCompare(b.due ?? ''));
  const managedKeys = new Set(managed.map((p) => p.key));
  // The period's updates by key (the nudge's query, served by the (workspaceId, period) index).
  const reported = managed.length > 0 ? await projectKeysWithStatus(workspace._id, period) : new Set<string>();
  const missing = managed.filter((p) => !reported.has(p.key));
  // Who decides (SPEC §4): a PMO admin always; a project's PM too under supportive.
  const decides = (item: ListedItem): boolean => admin || (rules.changeDecidedBy === 'pm-or-admin' && managedKeys.has(item.projectKey));
  const pending = admin || (rules.changeDecidedBy === 'pm-or-admin' && managed.length > 0)
    ? (await listPendingChanges(workspace._id, now)).filter(decides)
    : [];
  const shown = [...overdue.slice(0, MINE_ROWS_SHOWN), ...dueThisWeek.slice(0, MINE_ROWS_SHOWN), ...pending.slice(0, MINE_ROWS_SHOWN)];
  const names = await displayNames(workspace._id, shown.flatMap((i) => [i.ownerId, i.raisedById]).filter((id): id is string => !!id));
  const view = (i: ListedItem) => toItemView(i, names, i.overdue, zone);
  return {
    displayName: person.displayName ?? '',
    today,
    weekEnd,
    period,
    overdue: overdue.slice(0, MINE_ROWS_SHOWN).map(view),
    overdueTotal: overdue.length,
    dueThisWeek: dueThisWeek.slice(0, MINE_ROWS_SHOWN).map(view),
    dueThisWeekTotal: dueThisWeek.length,
    missingUpdates: missing.map((p) => ({ key: p.key, name: p.name })),
    decisions: pending.slice(0, MINE_ROWS_SHOWN).map(view),
    decisionsTotal: pending.length,
  };
}

export async function runMine(ctx: RunContext): Promise<Reply> {
  const workspace = await loadWorkspace(ctx.workspaceId);
  return { type: 'mine', view: await mineViewFor(workspace, ctx.actor, ctx.now) };
}
