// `list risks|issues|changes [mine] [overdue] [project=KEY]`: the top of a register.
import type { ListCommand } from '../commands';
import { listItems } from '../services';
import { itemPeople, namesFor } from './lookups';
import type { Reply, RunContext } from './types';
import { toItemView } from './views';

/** Rows a list reply carries unless its transport pages further (Teams shows them all at once). */
export const LIST_LIMIT = 25;
/** The most rows one list run fetches (listItems' own cap): as far as Slack's More can page. */
export const LIST_MAX_ROWS = 200;

/**
 * A RunContext whose transport pages through lists: Slack's More button for page n of `pageSize`
 * rows asks for n × pageSize rows (see listRowsFor), so that page is really there to show.
 */
export interface ListRunContext extends RunContext {
  listRows?: number;
}

/** The rows a run must fetch to show page `page` of `pageSize` rows: at least LIST_LIMIT, at most LIST_MAX_ROWS. */
export function listRowsFor(page: number, pageSize: number): number {
  const wanted = Number.isFinite(page) && Number.isFinite(pageSize) ? Math.floor(page) * Math.floor(pageSize) : LIST_LIMIT;
  return Math.min(LIST_MAX_ROWS, Math.max(LIST_LIMIT, wanted));
}

/** 'open on APOLLO, mine, overdue': what the list shows, for its heading. */
function describeFilters(command: ListCommand): string {
  const parts = [`open${command.project ? ` on ${command.project}` : ''}`];
  if (command.mine) parts.push('mine');
  if (command.overdue) parts.push('overdue');
  return parts.join(', ');
}

export async function runList(command: ListCommand, ctx: ListRunContext): Promise<Reply> {
  const kind = command.register ?? 'risk';
  const query = {
    kind,
    mine: command.mine ? ctx.actor.userId : undefined,
    overdue: command.overdue,
    project: command.project,
    limit: ctx.listRows === undefined ? LIST_LIMIT : listRowsFor(ctx.listRows, 1),
  };
  const { items, total } = await listItems(ctx.workspaceId, query, ctx.now);
  const names = await namesFor(ctx, items.flatMap(itemPeople));
  const views = items.map((item) => toItemView(item, names, item.overdue, ctx.timeZone));
  return { type: 'list', view: { kind, filters: describeFilters(command), items: views, total } };
}
