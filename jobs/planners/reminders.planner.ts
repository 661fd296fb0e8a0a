// Overdue-register reminders (SPEC §4): each PM a card of the overdue items on their projects,
// each owner a DM of their own overdue items (those on projects they do not manage themselves).
import { nounsOf } from '../../core/registers';
import { SNOOZE_DAYS } from '../../cards/jobs/verbs';
import { toItemView } from '../../core/runner/views';
import { compareItems } from '../../core/services/item-list.service';
import type { RegisterItem } from '../../core/services/item-store';
import { isOverdue, overdueContext, type OverdueContext } from '../../core/services/overdue';
import { addDays } from '../../core/services/time';
import type { PlanProject, ReminderData } from '../data';
import type { JobWorkspace, PlannedDelivery } from '../types';
import type { ReminderItem, ReminderView } from '../../core/job-views';
import { markAway } from '../holidays';
import { daysBetween, overdueSince } from './dates';
import { userRecipient } from './recipients';

/** Items per reminder: keeps the Slack message under 50 blocks and the card well under 28 KB. */
export const REMINDER_ITEMS_SHOWN = 15;


interface Overdue {
  item: RegisterItem;
  reminder: ReminderItem;
}

function toOverdue(item: RegisterItem, names: ReadonlyMap<string, string>, ctx: OverdueContext): Overdue {
  const since = overdueSince(item, ctx);
  return { item, reminder: { item: toItemView(item, names, true, ctx.zone), overdueSince: since, daysOverdue: daysBetween(since, ctx.today) } };
}

/** Most overdue first, then the register's own order (score, priority, due, key). */
function byUrgency(a: Overdue, b: Overdue): number {
  return b.reminder.daysOverdue - a.reminder.daysOverdue || compareItems(a.item, b.item);
}

function moreCommands(hidden: readonly Overdue[], role: 'pm' | 'owner', projects: readonly PlanProject[]): string[] {
  const kinds = [...new Set(hidden.map((o) => o.item.kind))];
  const filter = role === 'owner' ? 'mine overdue' : projects.length === 1 ? `overdue project=${projects[0].key}` : 'overdue';
  return kinds.map((kind) => `list ${nounsOf(kind).listWord} ${filter}`);
}

function view(role: 'pm' | 'owner', userId: string, overdue: Overdue[], projects: ReadonlyMap<string, PlanProject>, names: ReadonlyMap<string, string>, ctx: OverdueContext): ReminderView {
  const sorted = [...overdue].sort(byUrgency);
  const keys = [...new Set(sorted.map((o) => o.item.projectKey))].sort();
  const own = keys.map((k) => projects.get(k)).filter((p): p is PlanProject => !!p);
  return {
    recipientName: names.get(userId) ?? userId,
    role,
    projects: keys.map((k) => ({ key: k, name: projects.get(k)?.name ?? k })),
    items: sorted.slice(0, REMINDER_ITEMS_SHOWN).map((o) => o.reminder),
    totalItems: sorted.length,
    moreCommands: moreCommands(sorted.slice(REMINDER_ITEMS_SHOWN), role, own),
    today: ctx.today,
    snoozedDue: addDays(ctx.today, SNOOZE_DAYS),
    earliestDue: addDays(ctx.today, 1),
    zone: ctx.zone,
  };
}

function groupBy(values: readonly Overdue[], key: (o: Overdue) => string | null | undefined): [string, Overdue[]][] {
  const groups = new Map<string, Overdue[]>();
  for (const value of values) {
    const k = key(value);
    if (!k) continue;
    const group = groups.get(k);
    if (group) group.push(value);
    else groups.set(k, [value]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Nothing overdue, nobody reminded: a PM or owner with no overdue items gets no message. */
export function planReminders(now: Date, workspace: JobWorkspace, data: ReminderData): PlannedDelivery[] {
  const ctx = overdueContext(workspace, now);
  const projects = new Map(data.projects.map((p) => [p.key, p]));
  const pmOf = (o: Overdue): string | null | undefined => projects.get(o.item.projectKey)?.pmId;
  // Issue 14: nobody away is reminded; a PM sees "(away)" by the items of owners who are.
  const away = data.away ?? new Set<string>();
  const shownNames = away.size > 0 ? markAway(data.names, away) : data.names;
  const overdue = data.items.filter((item) => isOverdue(item, ctx)).map((item) => toOverdue(item, shownNames, ctx));
  const deliveries: PlannedDelivery[] = [];
  for (const [pmId, items] of groupBy(overdue, pmOf)) {
    if (away.has(pmId)) continue;
    deliveries.push({
      key: `reminders:pm:${pmId}`,
      recipient: userRecipient(workspace, pmId, data.names),
      message: { kind: 'pm_reminder', view: view('pm', pmId, items, projects, data.names, ctx) },
    });
  }
  // A PM already sees their own items on their projects' card; the DM carries the rest.
  const notOwnProjects = overdue.filter((o) => pmOf(o) !== o.item.ownerId);
  for (const [ownerId, items] of groupBy(notOwnProjects, (o) => o.item.ownerId)) {
    if (away.has(ownerId)) continue;
    deliveries.push({
      key: `reminders:owner:${ownerId}`,
      recipient: userRecipient(workspace, ownerId, data.names),
      message: { kind: 'owner_reminder', view: view('owner', ownerId, items, projects, data.names, ctx) },
    });
  }
  return deliveries;
}
