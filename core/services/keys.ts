import type { Types } from 'mongoose';
import { formatItemKey, type ItemKind } from '../domain';
import { jitter } from './context';
import { isDuplicateKeyError, PmoError } from './errors';
import { asItem, itemModel, type RegisterItem } from './item-store';

/** Enough for a burst of 50 items logged at the same instant in one workspace. */
const MAX_ATTEMPTS = 120;

/**
 * Inserts a new item under the next readable key (`R-<n>`, per workspace and kind). n is the
 * highest seq + 1, read through the unique (workspaceId, seq) index; when a concurrent insert
 * took that n, the unique index refuses ours with a duplicate key and we re-read and retry after
 * a short random pause. No counters with `$inc`: FerretDB applies updates read-then-write.
 */
export async function insertWithNextKey(
  kind: ItemKind,
  workspaceId: Types.ObjectId,
  fields: Record<string, unknown>,
): Promise<RegisterItem> {
  const model = itemModel(kind);
  for (let attempt = 1; ; attempt++) {
    const last = await model.findOne({ workspaceId }).sort({ seq: -1 }).select({ seq: 1 }).lean<{ seq: number }>();
    const seq = (last?.seq ?? 0) + 1;
    try {
      const doc = await model.create({ ...fields, workspaceId, seq, key: formatItemKey(kind, seq) });
      return asItem(kind, doc.toObject());
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      if (attempt >= MAX_ATTEMPTS) {
        throw new PmoError('conflict', 'Many items are being logged at once; please try again.', { original: err });
      }
      await jitter(Math.min(4 + attempt * 2, 40));
    }
  }
}
