import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { isDuplicateKeyError } from '../../core/services/errors';
import { BotStateModel } from '../../models/bot-state.model';
import type { Logger } from '../logger';
import { StorageError, eTagConflict } from './storage-error';
import { splitStorageKey, type ScopedKey } from './storage-key';

export interface MongoStorageOptions {
  /** Largest serialised item accepted; far below MongoDB's 16 MB (FerretDB enforces none). */
  maxStateBytes?: number;
  /**
   * How long a superseded version outlives its successor. While it exists its version number
   * cannot be inserted again, so a writer delayed between its check and its insert still
   * collides instead of silently reusing a freed version.
   */
  supersededGraceMs?: number;
  logger?: Pick<Logger, 'warn'>;
}

export const DEFAULT_MAX_STATE_BYTES = 1024 * 1024;
export const DEFAULT_SUPERSEDED_GRACE_MS = 60_000;
/** Unconditional writers racing on one key each lose at most once per rival. */
const MAX_UNCONDITIONAL_ATTEMPTS = 25;

/**
 * botbuilder Storage over MongoDB / FerretDB with optimistic concurrency. Keys are
 * `<workspaceKey>/<key>`; each write inserts the next version under a unique index, so of two
 * writers holding the same eTag exactly one wins and the other gets an eTag-conflict error.
 * Items are stored as JSON (as MemoryStorage does): a Date comes back as its ISO string.
 * An item written with an eTag has its `eTag` set in place to the new one; eTag `'0'` means
 * "expect no item yet".
 */
export class MongoStorage implements Storage {
  private readonly maxStateBytes: number;
  private readonly supersededGraceMs: number;
  private readonly logger?: Pick<Logger, 'warn'>;

  constructor(options: MongoStorageOptions = {}) {
    this.maxStateBytes = options.maxStateBytes ?? DEFAULT_MAX_STATE_BYTES;
    this.supersededGraceMs = options.supersededGraceMs ?? DEFAULT_SUPERSEDED_GRACE_MS;
    this.logger = options.logger;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const scoped = keys.map((storageKey) => ({ storageKey, ...splitStorageKey(storageKey) }));
    const items: StoreItems = {};
    for (const { storageKey, workspaceKey, key } of scoped) {
      const doc = await BotStateModel.findOne({ workspaceKey, key }).sort({ version: -1 }).lean();
      if (doc) items[storageKey] = { ...(JSON.parse(doc.state) as StoreItem), eTag: String(doc.version) };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const writes = Object.entries(changes).map(([storageKey, item]) => ({
      storageKey,
      scoped: splitStorageKey(storageKey),
      item: item as StoreItem,
      json: this.serialise(storageKey, item as StoreItem),
    }));
    for (const { storageKey, scoped, item, json } of writes) {
      const conditional = item.eTag !== undefined && item.eTag !== '' && item.eTag !== '*';
      const version = conditional
        ? await this.writeIfCurrent(storageKey, scoped, json, item.eTag as string)
        : await this.writeLatest(storageKey, scoped, json);
      if (conditional) item.eTag = String(version);
      await this.dropSuperseded(scoped, version);
    }
  }

  async delete(keys: string[]): Promise<void> {
    const scoped = keys.map(splitStorageKey);
    for (const { workspaceKey, key } of scoped) {
      await BotStateModel.deleteMany({ workspaceKey, key });
    }
  }

  /** Inserts one version; a duplicate-key error means another writer took that version first. */
  protected async insertVersion({ workspaceKey, key }: ScopedKey, version: number, state: string): Promise<void> {
    await BotStateModel.create({ workspaceKey, key, version, state });
  }

  private async latestVersion({ workspaceKey, key }: ScopedKey): Promise<number> {
    const doc = await BotStateModel.findOne({ workspaceKey, key }, { version: 1 }).sort({ version: -1 }).lean();
    return doc?.version ?? 0;
  }

  private async writeIfCurrent(storageKey: string, scoped: ScopedKey, json: string, eTag: string): Promise<number> {
    const expected = /^\d{1,15}$/.test(eTag) ? Number(eTag) : NaN;
    // A stale eTag fails here; two writers holding the current one both pass and the index picks one.
    if (Number.isNaN(expected) || (await this.latestVersion(scoped)) !== expected) throw eTagConflict(storageKey);
    try {
      await this.insertVersion(scoped, expected + 1, json);
    } catch (err) {
      if (isDuplicateKeyError(err)) throw eTagConflict(storageKey, err);
      throw err;
    }
    return expected + 1;
  }

  private async writeLatest(storageKey: string, scoped: ScopedKey, json: string): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      const version = (await this.latestVersion(scoped)) + 1;
      try {
        await this.insertVersion(scoped, version, json);
        return version;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        if (attempt >= MAX_UNCONDITIONAL_ATTEMPTS) {
          throw new StorageError('contended', `Storage: error writing "${storageKey}": still contended after ${attempt} attempts.`, err);
        }
      }
    }
  }

  /** Best effort: a failure leaves extra versions behind, which reads ignore. */
  private async dropSuperseded({ workspaceKey, key }: ScopedKey, version: number): Promise<void> {
    const cutoff = new Date(Date.now() - this.supersededGraceMs);
    try {
      await BotStateModel.deleteMany({ workspaceKey, key, version: { $lt: version }, createdAt: { $lte: cutoff } });
    } catch (err) {
      this.logger?.warn({ err: (err as Error).message, workspaceKey, key }, 'bot state: dropping superseded versions failed');
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
