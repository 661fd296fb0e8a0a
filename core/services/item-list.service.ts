import { ITEM_KINDS, type ItemKind } from '../domain';
import { compareItems, LIST_WORDS, registerOf } from '../registers';
import { inBatches, STREAM_BATCH } from './bulk-reads';
import { loadWorkspace, type WorkspaceId } from './context';
import { invalid } from './errors';
import { requireProject } from './hierarchy.service';
import { asItem, itemModel, type RegisterItem } from './item-store';
import { isOverdue, overdueContext, type OverdueContext } from './overdue';

export { compareItems, STREAM_BATCH };

export interface ListQuery {
  kind: ItemKind;
  /** `mine`: items owned by this platform user id. */
  mine?: string;
  overdue?: boolean;
  /** A project key. */
  project?: string;
  /** Include closed/resolved items (default: open ones only). */
  includeClosed?: boolean;
  /** Default 20, at most 200. */
  limit?: number;
}

const joinOr = (words: readonly string[]): string => words.join(', ').replace(/, ([^,]*)$/, ' or $1');

export type ListedItem = RegisterItem & { overdue: boolean };

/** Registers are small; this bounds a runaway one while still sorting all of a normal one. */
const SCAN_LIMIT = 5000;

/**
 * `list risks|issues|changes [mine] [overdue] [project=KEY]`: the top of a register (risks by
 * score, issues by priority, changes pending first; then by due date, then key) with the total
 * before `limit`. Each item says whether it is overdue today in the workspace's zone.
 */
export async function listItems(ws: WorkspaceId, query: ListQuery, now: Date): Promise<{ items: ListedItem[]; total: number }> {
  if (!ITEM_KINDS.includes(query.kind)) throw invalid('register', `List ${joinOr(LIST_WORDS)}.`);
  const limit = query.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw invalid('limit', 'limit must be a whole number from 1 to 200.');
  const workspace = await loadWorkspace(ws);
  const filter: Record<string, unknown> = { workspaceId: workspace._id };
  if (!query.includeClosed) filter.status = { $nin: [...registerOf(query.kind).done] };
  if (query.mine) filter.ownerId = query.mine;
  if (query.project) filter.projectKey = (await requireProject(workspace._id, query.project)).key;
  const ctx = overdueContext(workspace, now);
  const docs = await itemModel(query.kind).find(filter).limit(SCAN_LIMIT).lean<object[]>();
  const items = docs
    .map((doc) => withOverdue(asItem(query.kind, doc), ctx))
    .filter((item) => !query.overdue || item.overdue)
    .sort(compareItems);
  return { items: items.slice(0, limit), total: items.length };
}

/** Every open overdue item of the workspace, all kinds (the reminders job groups them by PM and owner). */
export async function listOverdueItems(ws: WorkspaceId, now: Date): Promise<ListedItem[]> {
  const workspace = await loadWorkspace(ws);
  const ctx = overdueContext(workspace, now);
  const all: ListedItem[] = [];
  for (const kind of ITEM_KINDS) {
    const docs = await itemModel(kind)
      .find({ workspaceId: workspace._id, status: { $nin: [...registerOf(kind).done] } })
      .limit(SCAN_LIMIT)
      .lean<object[]>();
    all.push(...docs.map((doc) => withOverdue(asItem(kind, doc), ctx)).filter((item) => item.overdue));
  }
  return all.sort(compareItems);
}

/**
 * Every item of a register, closed ones too, in key order, a batch at a time from one cursor, so an
 * export of any size holds one batch. The (workspaceId, seq) index serves the filter and the order;
 * `projectKeys` narrows it to those projects (a PM's own).
 */
export async function* streamItems(
  ws: WorkspaceId,
  query: { kind: ItemKind; projectKeys?: readonly string[] },
  now: Date,
): AsyncGenerator<ListedItem[]> {
  if (!ITEM_KINDS.includes(query.kind)) throw invalid('register', `Export ${joinOr(LIST_WORDS)}.`);
  const workspace = await loadWorkspace(ws);
  const ctx = overdueContext(workspace, now);
  const filter = { workspaceId: workspace._id, ...(query.projectKeys ? { projectKey: { $in: [...query.projectKeys] } } : {}) };
  const cursor = itemModel(query.kind).find(filter).sort({ seq: 1 }).batchSize(STREAM_BATCH).lean<object[]>().cursor();
  yield* inBatches(cursor, (doc: object) => withOverdue(asItem(query.kind, doc), ctx));
}

export function withOverdue(item: RegisterItem, ctx: OverdueContext): ListedItem {
  return { ...item, overdue: isOverdue(item, ctx) };
}
