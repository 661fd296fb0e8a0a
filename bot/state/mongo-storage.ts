import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import type { mongo } from 'mongoose';
import { isDuplicateKeyError } from '../../core/services/errors';
import { InProcessQueue } from '../../core/services/in-process-queue';
import { BotStateModel, type BotStateRecord } from '../../models/bot-state.model';
import type { Logger } from '../logger';
import { StorageError, eTagConflict } from './storage-error';
import { splitStorageKey, type ScopedKey } from './storage-key';

export interface MongoStorageOptions {
  /** Largest serialised item accepted; far below MongoDB's 16 MB (FerretDB enforces none). */
  maxStateBytes?: number;
  /** Milliseconds since the epoch (the documents' updatedAt). */
  now?: () => number;
  logger?: Pick<Logger, 'warn'>;
}

export const DEFAULT_MAX_STATE_BYTES = 1024 * 1024;
/** Unconditional writers racing on one key each lose at most a few times per rival before they land. */
const MAX_UNCONDITIONAL_ATTEMPTS = 25;

/**
 * Writes of one item in this process, one at a time. Between instances the version condition
 * decides (MongoDB applies a conditional update atomically); the embedded FerretDB applies an
 * update as read-then-write, and it serves one instance, which this queue makes safe.
 */
const writes = new InProcessQueue();

/**
 * The collection through the driver: every call here is by `_id` on documents this file writes
 * whole, so mongoose's casting and document building (a sizeable share of a Teams turn's CPU)
 * buy nothing. The calls still pass mongoose's debug hook (the index-coverage check sees them).
 */
const states = () => BotStateModel.collection as unknown as mongo.Collection<BotStateRecord>;

/** The one document per item: `<workspaceKey>/<key>`, unambiguous since a workspace key holds no `/`. */
export function headIdOf({ workspaceKey, key }: ScopedKey): string {
  return `${workspaceKey}/${key}`;
}

/**
 * botbuilder Storage over MongoDB with optimistic concurrency: one document per item in
 * `bot_states` (`_id` = the key, a version, the state as JSON), every read and write by `_id`.
 *
 * A write with eTag n is `updateOne({ _id, version: n }, { $set, $inc: { version: 1 } })`: of two
 * writers holding the same eTag exactly one matches, and the other gets botbuilder's eTag-conflict
 * error. eTag `'0'` means "expect no (live) item": an insert, which the `_id` key lets only one
 * writer make (or the revival of a tombstone at its version). `'*'`, `''` or none write
 * unconditionally, the last writer winning. A delete leaves a tombstone as the next version, so
 * versions, and so eTags, never repeat for a key.
 *
 * Items are stored as JSON (as MemoryStorage does): a Date comes back as its ISO string. An item
 * written with an eTag has its `eTag` set in place to the new one.
 */
export class MongoStorage implements Storage {
  private readonly maxStateBytes: number;
  private readonly now: () => number;
  private readonly logger?: Pick<Logger, 'warn'>;
  private legacyDropped = false;

  constructor(options: MongoStorageOptions = {}) {
    this.maxStateBytes = options.maxStateBytes ?? DEFAULT_MAX_STATE_BYTES;
    this.now = options.now ?? Date.now;
    this.logger = options.logger;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const scoped = keys.map((storageKey) => ({ storageKey, headId: headIdOf(splitStorageKey(storageKey)) }));
    const items: StoreItems = {};
    // A turn reads one key per state: one lookup by `_id` each.
    for (const { storageKey, headId } of scoped) {
      const doc = await states().findOne({ _id: headId }, { projection: { version: 1, deleted: 1, state: 1 } });
      if (doc && !doc.deleted && typeof doc.state === 'string') {
        items[storageKey] = { ...(JSON.parse(doc.state) as StoreItem), eTag: String(doc.version) };
      }
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    // Every key and item is checked before anything is written: a bad one fails the whole batch.
    const batch = Object.entries(changes).map(([storageKey, item]) => ({
      storageKey,
      scoped: splitStorageKey(storageKey),
      item: item as StoreItem,
      json: this.serialise(storageKey, item as StoreItem),
    }));
    for (const { storageKey, scoped, item, json } of batch) {
      const conditional = item.eTag !== undefined && item.eTag !== '' && item.eTag !== '*';
      await writes.run(headIdOf(scoped), async () => {
        if (conditional) item.eTag = String(await this.writeIfCurrent(storageKey, scoped, json, item.eTag as string));
        else await this.writeLatest(storageKey, scoped, json);
      });
    }
    await this.dropLegacyOnce();
  }

  /** Deletes unconditionally (botbuilder's contract), leaving a tombstone as the next version. */
  async delete(keys: string[]): Promise<void> {
    const scoped = keys.map((storageKey) => splitStorageKey(storageKey));
    for (const one of scoped) {
      const _id = headIdOf(one);
      await writes.run(_id, () => states().updateOne({ _id, deleted: false }, { $set: this.fields(null), $inc: { version: 1 } }));
    }
  }

  /** eTag `'0'`: no live item expected; `'n'`: the live item is at version n. Returns the version written. */
  private async writeIfCurrent(storageKey: string, scoped: ScopedKey, json: string, eTag: string): Promise<number> {
    const expected = /^\d{1,15}$/.test(eTag) ? Number(eTag) : NaN;
    if (Number.isNaN(expected)) throw eTagConflict(storageKey);
    if (expected > 0) {
      const written = await this.update(scoped, { version: expected, deleted: false }, json);
      if (!written) throw eTagConflict(storageKey);
      return expected + 1;
    }
    const head = await states().findOne({ _id: headIdOf(scoped) }, { projection: { version: 1, deleted: 1 } });
    if (head === null) {
      if (!(await this.insert(scoped, json))) throw eTagConflict(storageKey);
      return 1;
    }
    // A tombstone is revived at its version; a live item, or a tombstone revived meanwhile, is a conflict.
    if (!head.deleted || !(await this.update(scoped, { version: head.version, deleted: true }, json))) throw eTagConflict(storageKey);
    return head.version + 1;
  }

  /** Writes over whatever version is there, retrying when another writer got in first. */
  private async writeLatest(storageKey: string, scoped: ScopedKey, json: string): Promise<void> {
    for (let attempt = 1; attempt <= MAX_UNCONDITIONAL_ATTEMPTS; attempt++) {
      const head = await states().findOne({ _id: headIdOf(scoped) }, { projection: { version: 1 } });
      if (head ? await this.update(scoped, { version: head.version }, json) : await this.insert(scoped, json)) return;
    }
    throw new StorageError('contended', `Storage: error writing "${storageKey}": still contended after ${MAX_UNCONDITIONAL_ATTEMPTS} attempts.`);
  }

  /** The next version over the one `condition` names; false when the item is no longer there. */
  private async update(scoped: ScopedKey, condition: Partial<Pick<BotStateRecord, 'version' | 'deleted'>>, json: string): Promise<boolean> {
    const result = await states().updateOne({ _id: headIdOf(scoped), ...condition }, { $set: this.fields(json), $inc: { version: 1 } });
    return result.matchedCount === 1;
  }

  /** Version 1 of a new item; false when another writer created it first. */
  private async insert(scoped: ScopedKey, json: string): Promise<boolean> {
    try {
      await states().insertOne({ _id: headIdOf(scoped), workspaceKey: scoped.workspaceKey, key: scoped.key, version: 1, ...this.fields(json) });
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  }

  private fields(state: string | null): Pick<BotStateRecord, 'state' | 'deleted' | 'updatedAt'> {
    return { state, deleted: state === null, updatedAt: new Date(this.now()) };
  }

  /**
   * Once per storage, best effort: deletes the documents of the one-version-per-document design
   * (ObjectId `_id`s), which no read finds any more.
   */
  private async dropLegacyOnce(): Promise<void> {
    if (this.legacyDropped) return;
    this.legacyDropped = true;
    try {
      await BotStateModel.deleteMany({ _id: { $type: 'objectId' } });
    } catch (err) {
      this.logger?.warn({ err: (err as Error).message }, 'bot state: dropping records of the earlier design failed');
    }
  }

  private serialise(storageKey: string, item: StoreItem): string {
    const { eTag: _eTag, ...state } = item;
    let json: string;
    try {
      json = JSON.stringify(state);
    } catch (err) {
      throw new StorageError('unserialisable', `Storage: state for "${storageKey}" is not JSON: ${(err as Error).message}`, err);
    }
    const bytes = Buffer.byteLength(json, 'utf8');
    if (bytes > this.maxStateBytes) {
      throw new StorageError('too_large', `Storage: state for "${storageKey}" is ${bytes} bytes, over the ${this.maxStateBytes}-byte limit.`);
    }
    return json;
  }
}
