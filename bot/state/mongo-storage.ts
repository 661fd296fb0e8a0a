import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import mongoose from 'mongoose';
import { isDuplicateKeyError } from '../../core/services/errors';
import { BotStateClaimModel } from '../../models/bot-state-claim.model';
import { BotStateModel, type BotStateRecord } from '../../models/bot-state.model';
import type { Logger } from '../logger';
import { StorageError, eTagConflict } from './storage-error';
import { splitStorageKey, type ScopedKey } from './storage-key';

export interface MongoStorageOptions {
  /** Largest serialised item accepted; far below MongoDB's 16 MB (FerretDB enforces none). */
  maxStateBytes?: number;
  /**
   * How old a claim must be, with the item's head still at the version before it, before another
   * writer takes it for an orphan (its writer crashed between claim and head write) and removes it.
   * A live writer goes from its claim insert straight to the head replace, one round trip (and the
   * driver gives up on an unreachable server after 5 s), and stops retrying a failed head write
   * once half of this has passed, so 30 s is far beyond any live writer; a writer stalled longer
   * than this (a paused process) could still land its head write after the recovering one's.
   * The age is read from the claimant's clock by the recoverer's: clock skew between instances
   * eats into this margin (NTP keeps it to milliseconds).
   */
  orphanAfterMs?: number;
  /**
   * How long a claim is kept. Once the head has moved past a claim's version, the claim is only
   * needed against a writer that read the head before it moved and has not yet inserted its claim:
   * were the claim gone, that writer would win the version again and overwrite newer state. Between
   * reading the head and claiming, a writer does nothing but one insert, so an hour is far longer
   * than any writer can stall there. Also bounds how long an orphan nobody recovered lives.
   */
  claimRetentionMs?: number;
  /**
   * How often (at most) this storage deletes the claims past claimRetentionMs, best effort: one
   * scan of the claims collection per MongoStorage (the app has one per chat platform) per period.
   */
  pruneEveryMs?: number;
  /** Milliseconds since the epoch; tests inject a clock to age claims without waiting. */
  now?: () => number;
  logger?: Pick<Logger, 'warn'>;
}

export const DEFAULT_MAX_STATE_BYTES = 1024 * 1024;
export const DEFAULT_ORPHAN_AFTER_MS = 30_000;
export const DEFAULT_CLAIM_RETENTION_MS = 60 * 60_000;
export const DEFAULT_PRUNE_EVERY_MS = 10 * 60_000;
/**
 * Unconditional writers racing on one key each lose at most a few times per rival; a short random
 * pause after each loss lets the winner finish its head write before the next try.
 */
const MAX_UNCONDITIONAL_ATTEMPTS = 25;
const MAX_RETRY_PAUSE_MS = 20;
/**
 * A claim holder whose head write failed tries again (the replace is idempotent and nobody else may
 * write that version), as long as less than half of orphanAfterMs has passed since it claimed, so
 * that it is done long before anyone may take its claim for an orphan. Seen in practice: FerretDB
 * answering SQLITE_BUSY ("database is locked") to a head write under heavy write load.
 */
const HEAD_WRITE_ATTEMPTS = 3;
const HEAD_RETRY_PAUSE_MS = 100;

/** The one document per item: `<workspaceKey>/<key>`, unambiguous since a workspace key holds no `/`. */
export function headIdOf({ workspaceKey, key }: ScopedKey): string {
  return `${workspaceKey}/${key}`;
}

/** The claim on one version of an item: its head id, `#`, the version (digits, so the last `#` splits). */
export function claimIdOf(headId: string, version: number): string {
  return `${headId}#${version}`;
}

/**
 * The right to remove one particular orphaned claim, the one inserted at `createdAtMs`: of several
 * writers finding the same orphan only one may delete it, or a slower one would delete the claim
 * the faster one inserted after it. Starts with `!`, which no head id (a workspace key) starts with.
 */
function takeoverIdOf(claimId: string, createdAtMs: number): string {
  return `!takeover/${createdAtMs}/${claimId}`;
}

type HeadDoc = Pick<BotStateRecord, 'version' | 'deleted'>;

/**
 * botbuilder Storage over MongoDB / FerretDB with optimistic concurrency, touching documents by
 * `_id` only. FerretDB 1.24's SQLite backend pushes down nothing else: any other filter decodes
 * the whole collection in Go, on every turn. (Even the `_id` lookup it pushes down runs as a scan
 * inside SQLite, as its `_id` index is on another expression than the one it queries by; measured
 * ~15x cheaper than the Go scan, but still growing with the bytes in the collection. On MongoDB
 * every `_id` lookup is an index seek.)
 *
 * Keys are `<workspaceKey>/<key>`. Each item is one head document in `bot_states` (`_id` = the
 * key, version, state as JSON). To write version n + 1 over version n a writer first inserts the
 * claim `<key>#<n+1>` into `bot_state_claims`; the primary key lets exactly one writer insert it,
 * so of two writers holding the same eTag exactly one wins and the other gets an eTag-conflict
 * error. Only the winner then replaces the head. A delete writes a tombstone as the next version,
 * so version numbers never restart and old claims never collide with a re-created item.
 *
 * Items are stored as JSON (as MemoryStorage does): a Date comes back as its ISO string. An item
 * written with an eTag has its `eTag` set in place to the new one; eTag `'0'` means "expect no
 * (live) item"; `'*'`, `''` or none write unconditionally, the last writer winning.
 *
 * Upgrading from the one-document-per-version design: those documents (ObjectId `_id`) are never
 * found by the new ids, so a conversation in the middle of a dialog at the upgrade starts afresh;
 * a storage's first prune deletes them. Old and new versions of the bot must not run side by side.
 */
export class MongoStorage implements Storage {
  private readonly maxStateBytes: number;
  private readonly orphanAfterMs: number;
  private readonly claimRetentionMs: number;
  private readonly pruneEveryMs: number;
  private readonly now: () => number;
  private readonly logger?: Pick<Logger, 'warn'>;
  private lastPruneAt = Number.NEGATIVE_INFINITY;
  private legacyDropped = false;

  constructor(options: MongoStorageOptions = {}) {
    this.maxStateBytes = options.maxStateBytes ?? DEFAULT_MAX_STATE_BYTES;
    this.orphanAfterMs = options.orphanAfterMs ?? DEFAULT_ORPHAN_AFTER_MS;
    this.claimRetentionMs = options.claimRetentionMs ?? DEFAULT_CLAIM_RETENTION_MS;
    this.pruneEveryMs = options.pruneEveryMs ?? DEFAULT_PRUNE_EVERY_MS;
    this.now = options.now ?? Date.now;
    this.logger = options.logger;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const scoped = keys.map((storageKey) => ({ storageKey, headId: headIdOf(splitStorageKey(storageKey)) }));
    const items: StoreItems = {};
    // One lookup per key: `{ _id: { $in } }` would not be pushed down by FerretDB.
    for (const { storageKey, headId } of scoped) {
      const doc = await BotStateModel.findById(headId, { version: 1, deleted: 1, state: 1 }).lean();
      if (doc && !doc.deleted && typeof doc.state === 'string') {
        items[storageKey] = { ...(JSON.parse(doc.state) as StoreItem), eTag: String(doc.version) };
      }
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    // Every key and item is checked before anything is written: a bad one fails the whole batch.
    const writes = Object.entries(changes).map(([storageKey, item]) => ({
      storageKey,
      scoped: splitStorageKey(storageKey),
      item: item as StoreItem,
      json: this.serialise(storageKey, item as StoreItem),
    }));
    for (const { storageKey, scoped, item, json } of writes) {
      const conditional = item.eTag !== undefined && item.eTag !== '' && item.eTag !== '*';
      if (conditional) {
        item.eTag = String(await this.writeIfCurrent(storageKey, scoped, json, item.eTag as string));
      } else {
        await this.writeLatest(storageKey, scoped, json);
      }
    }
    await this.pruneIfDue();
  }

  /** Deletes unconditionally (botbuilder's contract), leaving a tombstone as the next version. */
  async delete(keys: string[]): Promise<void> {
    const scoped = keys.map((storageKey) => ({ storageKey, scoped: splitStorageKey(storageKey) }));
    for (const { storageKey, scoped: one } of scoped) {
      await this.writeLatest(storageKey, one, null);
    }
    await this.pruneIfDue();
  }

  /**
   * Inserts a claim; a duplicate-key error means another writer claimed that version first. Tests
   * override it to run something between a writer's head read and its claim.
   */
  protected async insertClaim(claimId: string): Promise<void> {
    await BotStateClaimModel.create({ _id: claimId, createdAt: new Date(this.now()) });
  }

  /** Replaces (or creates) an item's head; only the holder of the claim on `version` gets here. */
  protected async writeHead({ workspaceKey, key }: ScopedKey, version: number, state: string | null): Promise<void> {
    const head: BotStateRecord = {
      _id: headIdOf({ workspaceKey, key }),
      workspaceKey,
      key,
      version,
      state,
      deleted: state === null,
      updatedAt: new Date(this.now()),
    };
    await BotStateModel.replaceOne({ _id: head._id }, head, { upsert: true });
  }

  private async readHead(headId: string): Promise<HeadDoc | null> {
    return BotStateModel.findById(headId, { version: 1, deleted: 1 }).lean();
  }

  /** eTag `'0'`: no live item expected; `'n'`: the live item is at version n. Returns the version written. */
  private async writeIfCurrent(storageKey: string, scoped: ScopedKey, json: string, eTag: string): Promise<number> {
    const expected = /^\d{1,15}$/.test(eTag) ? Number(eTag) : NaN;
    if (Number.isNaN(expected)) throw eTagConflict(storageKey);
    const head = await this.readHead(headIdOf(scoped));
    const live = head !== null && !head.deleted;
    // A stale or future eTag fails here; two writers holding the current one both pass and the claim picks one.
    if (expected === 0 ? live : !live || head.version !== expected) throw eTagConflict(storageKey);
    return this.claimAndWrite(storageKey, scoped, head?.version ?? 0, json);
  }

  /** Writes over whatever version is there (a null state deletes), retrying when another writer got in first. */
  private async writeLatest(storageKey: string, scoped: ScopedKey, json: string | null): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const head = await this.readHead(headIdOf(scoped));
      if (json === null && (head === null || head.deleted)) return; // nothing to delete
      try {
        await this.claimAndWrite(storageKey, scoped, head?.version ?? 0, json);
        return;
      } catch (err) {
        if (!(err instanceof StorageError && err.code === 'etag_conflict')) throw err;
        if (attempt >= MAX_UNCONDITIONAL_ATTEMPTS) {
          throw new StorageError('contended', `Storage: error writing "${storageKey}": still contended after ${attempt} attempts.`, err);
        }
        await pause(Math.random() * Math.min(2 * attempt, MAX_RETRY_PAUSE_MS));
      }
    }
  }

  /** Claims version `current + 1` and, having won it, writes the head. Returns the version written. */
  private async claimAndWrite(storageKey: string, scoped: ScopedKey, current: number, json: string | null): Promise<number> {
    const headId = headIdOf(scoped);
    const version = current + 1;
    const claimId = claimIdOf(headId, version);
    let claimedAt = this.now();
    if (!(await inserted(() => this.insertClaim(claimId)))) {
      if (!(await this.recoverOrphan(headId, claimId, current))) throw eTagConflict(storageKey);
      claimedAt = this.now();
      if (!(await inserted(() => this.insertClaim(claimId)))) throw eTagConflict(storageKey);
    }
    await this.writeHeadHolding(claimId, claimedAt, scoped, version, json);
    return version;
  }

  /**
   * Writes the head for the claim this writer holds, retrying a failed write while the claim is
   * surely still its own (see HEAD_WRITE_ATTEMPTS). When every attempt was refused by the server
   * (so none of them was applied) it gives the claim back, rather than leave an orphan that blocks
   * the item for orphanAfterMs; after a failure that may have been applied (a lost connection) it
   * keeps it: the item may be at this version already, and freeing the claim would let a writer
   * holding the previous eTag win the same version again.
   */
  private async writeHeadHolding(claimId: string, claimedAt: number, scoped: ScopedKey, version: number, state: string | null): Promise<void> {
    let applied = false; // whether a failed attempt may have been applied all the same
    for (let attempt = 1; ; attempt++) {
      try {
        await this.writeHead(scoped, version, state);
        return;
      } catch (err) {
        applied ||= !refusedByServer(err);
        const holding = this.now() - claimedAt < this.orphanAfterMs / 2;
        if (holding && attempt < HEAD_WRITE_ATTEMPTS) {
          await pause(HEAD_RETRY_PAUSE_MS * attempt);
          continue;
        }
        if (holding && !applied) await this.releaseClaim(claimId, err);
        throw err;
      }
    }
  }

  /** Best effort: failing, the claim stays and is recovered as an orphan after orphanAfterMs. */
  private async releaseClaim(claimId: string, cause: unknown): Promise<void> {
    try {
      await BotStateClaimModel.deleteOne({ _id: claimId });
      this.logger?.warn({ claimId, err: (cause as Error).message }, 'bot state: head write refused; claim given back');
    } catch (err) {
      this.logger?.warn({ claimId, err: (err as Error).message }, 'bot state: giving back a claim failed');
    }
  }

  /**
   * True when the claim on `current + 1` is gone or was an orphan this writer removed: older than
   * orphanAfterMs while the head is still at `current`, so its writer never wrote the head.
   */
  private async recoverOrphan(headId: string, claimId: string, current: number): Promise<boolean> {
    const claim = await BotStateClaimModel.findById(claimId).lean();
    if (!claim) return true; // removed meanwhile (a recovery or the prune): the insert decides
    const createdAtMs = claim.createdAt.getTime();
    if (this.now() - createdAtMs < this.orphanAfterMs) return false;
    const head = await this.readHead(headId);
    if ((head?.version ?? 0) !== current) return false; // its writer finished (or others moved on)
    return this.removeOrphanClaim(claimId, createdAtMs);
  }

  /**
   * Deletes the orphaned claim inserted at `createdAtMs` if this writer is the first to take it
   * over. Without the takeover, a writer slower to get here than another could delete the claim
   * that other one inserted in the orphan's place, and both would win the version. Every writer
   * that found the orphan then competes for the claim by inserting it again, and one wins. Tests
   * override it to pause between the orphan check and the removal.
   */
  protected async removeOrphanClaim(claimId: string, createdAtMs: number): Promise<boolean> {
    const takeover = { _id: takeoverIdOf(claimId, createdAtMs), createdAt: new Date(this.now()) };
    if (!(await inserted(() => BotStateClaimModel.create(takeover)))) return false;
    await BotStateClaimModel.deleteOne({ _id: claimId });
    this.logger?.warn({ claimId, claimedAt: new Date(createdAtMs).toISOString() }, 'bot state: removed an orphaned claim');
    return true;
  }

  /**
   * Best effort, at most once per pruneEveryMs: a failure leaves old claims behind, which only
   * cost space (the normal path only inserts claims). On a storage's first run it also deletes the
   * documents of the earlier one-version-per-document design (ObjectId `_id`s), which no read
   * finds any more: FerretDB 1.24's SQLite backend runs even an `{ _id }` lookup as a table scan
   * in SQLite (its `_id` index is on a different expression), so their bytes would slow every
   * lookup. The only queries here that are not by `_id`.
   */
  private async pruneIfDue(): Promise<void> {
    const now = this.now();
    if (now - this.lastPruneAt < this.pruneEveryMs) return;
    this.lastPruneAt = now;
    try {
      await BotStateClaimModel.deleteMany({ createdAt: { $lt: new Date(now - this.claimRetentionMs) } });
      if (!this.legacyDropped) {
        await BotStateModel.deleteMany({ _id: { $type: 'objectId' } });
        this.legacyDropped = true;
      }
    } catch (err) {
      this.logger?.warn({ err: (err as Error).message }, 'bot state: pruning failed');
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

/** The server answered with an error (not about write concern): the write was not applied. */
function refusedByServer(err: unknown): boolean {
  return err instanceof mongoose.mongo.MongoServerError && !(err instanceof mongoose.mongo.MongoWriteConcernError);
}

/** False when the insert hit a duplicate `_id`: someone else inserted it first. */
async function inserted(insert: () => Promise<unknown>): Promise<boolean> {
  try {
    await insert();
    return true;
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
