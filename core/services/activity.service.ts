import { ItemHistoryModel } from '../../models';
import { ITEM_KINDS, type ItemKind } from '../domain';
import { toWorkspaceId, type WorkspaceId } from './context';

export type KindCounts = Record<ItemKind, number>;

/**
 * Items opened and closed in [from, to) by kind, from the histories (the digest's "this week").
 * Only $match/$group/$sum: what MongoDB and FerretDB both run.
 */
export async function registerActivity(ws: WorkspaceId, from: Date, to: Date): Promise<{ opened: KindCounts; closed: KindCounts }> {
  const rows = await ItemHistoryModel.aggregate<{ _id: { kind: ItemKind; action: string }; n: number }>([
    { $match: { workspaceId: toWorkspaceId(ws), at: { $gte: from, $lt: to }, action: { $in: ['created', 'closed'] } } },
    { $group: { _id: { kind: '$kind', action: '$action' }, n: { $sum: 1 } } },
  ]);
  const zero = (): KindCounts => Object.fromEntries(ITEM_KINDS.map((k) => [k, 0])) as KindCounts;
  const result = { opened: zero(), closed: zero() };
  for (const row of rows) {
    const bucket = row._id.action === 'created' ? result.opened : result.closed;
    bucket[row._id.kind] += row.n;
  }
  return result;
}
