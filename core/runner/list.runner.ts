// `list risks|issues|changes [mine] [overdue] [project=KEY]`: the top of a register.
import type { ListCommand } from '../commands';
import { listItems } from '../services';
import { itemPeople, namesFor } from './lookups';
import type { Reply, RunContext } from './types';
import { toItemView } from './views';

/** Rows a list reply carries; the view's total says how many more matched. */
export const LIST_LIMIT = 25;

/** 'open on APOLLO, mine, overdue': what the list shows, for its heading. */
function describeFilters(command: ListCommand): string {
  const parts = [`open${command.project ? ` on ${command.project}` : ''}`];
  if (command.mine) parts.push('mine');
  if (command.overdue) parts.push('overdue');
  return parts.join(', ');
}

export async function runList(command: ListCommand, ctx: RunContext): Promise<Reply> {
  const kind = command.register ?? 'risk';
  const query = {
    kind,
    mine: command.mine ? ctx.actor.userId : undefined,
    overdue: command.overdue,
    project: command.project,
    limit: LIST_LIMIT,
  };
  const { items, total } = await listItems(ctx.workspaceId, query, ctx.now);
  const names = await namesFor(ctx, items.flatMap(itemPeople));
  const views = items.map((item) => toItemView(item, names, item.overdue, ctx.timeZone));
  return { type: 'list', view: { kind, filters: describeFilters(command), items: views, total } };
}
