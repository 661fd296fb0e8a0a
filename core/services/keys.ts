import type { Types } from 'mongoose';
import type { ItemKind } from '../domain';
import { formatItemKey } from '../registers';
import { jitter } from './context';
import { isDuplicateKeyError, PmoError } from './errors';
import { asItem, itemModel, type ItemModel, type RegisterItem } from './item-store';
import { InProcessQueue } from './in-process-queue';

/** Enough for a burst of 50 items logged at the same instant in one workspace across instances. */
const MAX_ATTEMPTS = 120;

/**
 * The next seq this process expects to be free, per workspace and kind. Only a hint: the unique
 * (workspaceId, seq) index has the last word, and a collision (another instance took the number)
 * re-reads the highest seq.
 */
const nextSeq = new Map<string, number>();
const MAX_HINTS = 10_000;
/** Allocations in this process, one at a time per workspace and kind. */
const allocations = new InProcessQueue();

/**
 * Inserts a new item under the next readable key (`R-<n>`, per workspace and kind). n is the
 * highest seq + 1; the unique (workspaceId, seq) index refuses a number another writer took, and
 * we re-read and retry after a short random pause. No counters with `$inc`: FerretDB applies
 * updates read-then-write.
 *
 * Within one process, allocations for a workspace and kind queue behind each other and remember
 * the next number, so a burst of items costs one insert each instead of a read of the highest seq
 * and a storm of collisions (on FerretDB that read scans the whole collection).
 */
export async function insertWithNextKey(
  kind: ItemKind,
  workspaceId: Types.ObjectId,
  fields: Record<string, unknown>,
): Promise<RegisterItem> {
  const model = itemModel(kind);
  const hintKey = `${workspaceId.toString()}:${kind}`;
  const highest = async () =>
    ((await model.findOne({ workspaceId }).sort({ seq: -1 }).select({ seq: 1 }).lean<{ seq: number }>())?.seq ?? 0) + 1;
  const item = await allocations.run(hintKey, async (): Promise<RegisterItem> => {
    let seq = nextSeq.get(hintKey) ?? (await highest());
    for (let attempt = 1; ; attempt++) {
      try {
        const stored = await insertValidated(model, { ...fields, workspaceId, seq, key: formatItemKey(kind, seq) });
        if (nextSeq.size >= MAX_HINTS && !nextSeq.has(hintKey)) nextSeq.clear();
        nextSeq.set(hintKey, seq + 1);
        return asItem(kind, stored);
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        nextSeq.delete(hintKey);
        if (attempt >= MAX_ATTEMPTS) {
          throw new PmoError('conflict', 'Many items are being logged at once; please try again.', { original: err });
        }
        await jitter(Math.min(4 + attempt * 2, 40));
        seq = await highest();
      }
    }
  });
  return item;
}

/**
 * One new document, cast and validated by its schema and stamped as `create` would (updatedAt =
 * createdAt, version 0), written with a plain insertOne. `create` goes through `save`, whose
 * bookkeeping (change tracking, a parallel-save guard and a version error built with their stack
 * traces for every call) cost more CPU than the insert itself on a Teams turn. Returns the stored
 * object; a duplicate key throws the driver's error (code 11000).
 */
async function insertValidated(model: ItemModel, values: Record<string, unknown>): Promise<Record<string, unknown>> {
  const doc = new model(values);
  await doc.validate();
  const stored = doc.toObject({ depopulate: true, virtuals: false, getters: false }) as Record<string, unknown>;
  stored.createdAt ??= new Date();
  stored.updatedAt ??= stored.createdAt;
  const version = model.schema.get('versionKey');
  if (typeof version === 'string' && stored[version] === undefined) stored[version] = 0;
  await model.collection.insertOne(stored);
  return stored;
}
