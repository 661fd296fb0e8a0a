import type { StoreItem } from 'botbuilder';
import mongoose, { Types } from 'mongoose';
import { BotStateClaimModel, BotStateModel, ensureIndexes } from '../../../models';
import { MongoStorage, StorageError, claimIdOf, type MongoStorageOptions, type ScopedKey } from '../../../bot/state';
import { useTestDatabase } from '../../support/db';

useTestDatabase();

let seq = 0;
/** A fresh conversation key in workspace `teams:tenant-a` (or the one given). */
function freshKey(workspace = 'teams:tenant-a'): string {
  seq += 1;
  return `${workspace}/msteams/conversations/conv-${seq}/`;
}

async function readOne(storage: MongoStorage, key: string): Promise<StoreItem | undefined> {
  return (await storage.read([key]))[key];
}

function codeOf(err: unknown): string | undefined {
  return err instanceof StorageError ? err.code : undefined;
}

/** A hand-set clock (ms since the epoch) for ageing claims without waiting. */
function fakeClock(start = Date.UTC(2026, 0, 5, 9)): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

async function claimExists(key: string, version: number): Promise<boolean> {
  return (await BotStateClaimModel.findById(claimIdOf(key, version)).lean()) !== null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const storage = new MongoStorage();

describe('MongoStorage round trip', () => {
  it('returns nested state with dotted and $ keys, arrays and nulls as written; dates come back as ISO strings', async () => {
    const key = freshKey();
    const state = {
      'a.b': { 'c.d': 1 },
      $set: 'not an operator',
      nested: { $ref: 'x', list: [1, 'two', { three: [3] }, null] },
      '': 'empty key',
      unicode: 'Grüße — 日本',
      when: new Date('2026-03-04T05:06:07.000Z'),
      gone: undefined,
    };
    await storage.write({ [key]: { ...state } });

    const item = await readOne(storage, key);
    // JSON semantics, as MemoryStorage: a Date becomes its ISO string, an undefined property disappears.
    expect(item).toEqual({
      'a.b': { 'c.d': 1 },
      $set: 'not an operator',
      nested: { $ref: 'x', list: [1, 'two', { three: [3] }, null] },
      '': 'empty key',
      unicode: 'Grüße — 日本',
      when: '2026-03-04T05:06:07.000Z',
      eTag: '1',
    });
    // One head per item, found by its key.
    const doc = await BotStateModel.findById(key).lean();
    expect(doc).toMatchObject({ _id: key, workspaceKey: 'teams:tenant-a', key: key.slice(key.indexOf('/') + 1), version: 1, deleted: false });
    expect(typeof doc?.state).toBe('string');
    expect(doc?.state).not.toContain('eTag');
  });

  it('finds an item whose key holds quotes, <, &, backslashes, #, spaces and non-ASCII by its _id', async () => {
    const key = `slack:T0&<1>/msteams/conversations/a:1 "x" \\ <&> #2 Grüße 日本/${++seq}`;
    await storage.write({ [key]: { n: 1, eTag: '0' } });
    await storage.write({ [key]: { n: 2, eTag: '1' } });
    expect(await readOne(storage, key)).toEqual({ n: 2, eTag: '2' });
    await expect(storage.write({ [key]: { n: 3, eTag: '1' } })).rejects.toMatchObject({ code: 'etag_conflict' });
  });

  it('reads nothing for a key never written, and several keys at once', async () => {
    const [k1, k2, missing] = [freshKey(), freshKey(), freshKey()];
    await storage.write({ [k1]: { n: 1 }, [k2]: { n: 2 } });
    expect(await storage.read([k1, k2, missing])).toEqual({ [k1]: { n: 1, eTag: '1' }, [k2]: { n: 2, eTag: '1' } });
  });

  it('refuses state over the size limit and writes nothing', async () => {
    const key = freshKey();
    const small = new MongoStorage({ maxStateBytes: 1000 });
    await expect(small.write({ [key]: { blob: 'x'.repeat(1000) } })).rejects.toMatchObject({ code: 'too_large' });
    await expect(storage.write({ [key]: { blob: 'x'.repeat(1024 * 1024) } })).rejects.toThrow(/over the 1048576-byte limit/);
    expect(await readOne(storage, key)).toBeUndefined();
    expect(await BotStateModel.findById(key).lean()).toBeNull();
  });
});

describe('MongoStorage eTags', () => {
  it('increments the eTag on every write and updates a conditional item in place', async () => {
    const key = freshKey();
    await storage.write({ [key]: { n: 1 } });
    const first = await readOne(storage, key);
    expect(first?.eTag).toBe('1');

    const item = { ...first, n: 2 };
    await storage.write({ [key]: item });
    expect(item.eTag).toBe('2');
    item.n = 3;
    await storage.write({ [key]: item });
    expect(await readOne(storage, key)).toEqual({ n: 3, eTag: '3' });
  });

  it('refuses a stale eTag with botbuilder’s conflict error and keeps the newer state', async () => {
    const key = freshKey();
    await storage.write({ [key]: { n: 1 } });
    await storage.write({ [key]: { n: 2, eTag: '1' } });

    const stale = storage.write({ [key]: { n: 99, eTag: '1' } });
    await expect(stale).rejects.toThrow(`Storage: error writing "${key}" due to eTag conflict.`);
    await expect(stale).rejects.toMatchObject({ code: 'etag_conflict' });
    expect(await readOne(storage, key)).toEqual({ n: 2, eTag: '2' });
  });

  it('refuses an eTag from the future, a malformed one, and one for an item that was deleted', async () => {
    const key = freshKey();
    await storage.write({ [key]: { n: 1 } });
    for (const eTag of ['7', 'abc', '1.0', '-1', '0']) {
      await expect(storage.write({ [key]: { n: 2, eTag } })).rejects.toMatchObject({ code: 'etag_conflict' });
    }
    await storage.delete([key]);
    for (const eTag of ['1', '2']) {
      // '2' is the tombstone's version: a deleted item has no eTag to match.
      await expect(storage.write({ [key]: { n: 3, eTag } })).rejects.toMatchObject({ code: 'etag_conflict' });
    }
    expect(await readOne(storage, key)).toBeUndefined();
  });

  it('lets exactly one of two writers holding the same eTag win, every time', async () => {
    const key = freshKey();
    await storage.write({ [key]: { round: 0 } });
    const other = new MongoStorage(); // a second bot instance
    for (let round = 1; round <= 20; round++) {
      const eTag = (await readOne(storage, key))?.eTag;
      const results = await Promise.allSettled([
        storage.write({ [key]: { round, by: 'a', eTag } }),
        other.write({ [key]: { round, by: 'b', eTag } }),
      ]);
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i === 0 ? 'a' : 'b'] : []));
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [codeOf(r.reason)] : []));
      expect({ round, won: won.length, lost }).toEqual({ round, won: 1, lost: ['etag_conflict'] });
      expect(await readOne(storage, key)).toEqual({ round, by: won[0], eTag: String(round + 1) });
    }
  });

  it('lets exactly one of two first writers with eTag "0" (expect no item) create it', async () => {
    const key = freshKey();
    const results = await Promise.allSettled([
      storage.write({ [key]: { by: 'a', eTag: '0' } }),
      new MongoStorage().write({ [key]: { by: 'b', eTag: '0' } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    await expect(storage.write({ [key]: { by: 'c', eTag: '0' } })).rejects.toMatchObject({ code: 'etag_conflict' });
  });

  it('always accepts "*" and eTag-less writes, even concurrent ones, last writer winning', async () => {
    const key = freshKey();
    await storage.write({ [key]: { n: 0 } });
    await storage.write({ [key]: { n: 1, eTag: '1' } });
    const writers = Array.from({ length: 10 }, (_, i) => new MongoStorage().write({ [key]: { n: 10 + i, eTag: i % 2 ? '*' : undefined } }));
    const results = await Promise.allSettled(writers);
    expect(results.map((r) => r.status)).toEqual(Array(10).fill('fulfilled'));
    const latest = await readOne(storage, key);
    expect(latest?.eTag).toBe('12');
    await storage.write({ [key]: { n: 'stale but forced', eTag: '*' } });
    expect(await readOne(storage, key)).toEqual({ n: 'stale but forced', eTag: '13' });
  });
});

/** Runs `meanwhile` between a writer's head read and its claim insert: a writer delayed mid-write. */
class DelayedStorage extends MongoStorage {
  meanwhile?: () => Promise<void>;

  protected override async insertClaim(claimId: string): Promise<void> {
    const meanwhile = this.meanwhile;
    this.meanwhile = undefined;
    await meanwhile?.();
    return super.insertClaim(claimId);
  }
}

/** Dies between winning its claim and writing the head: leaves an orphaned claim behind. */
class CrashingStorage extends MongoStorage {
  protected override async writeHead(): Promise<void> {
    throw new Error('process died before writing the head');
  }
}

/** Its head writes are refused by the server (as FerretDB's SQLITE_BUSY under load) the first `refusals` times. */
class RefusedStorage extends MongoStorage {
  refusals = Number.POSITIVE_INFINITY;
  attempts = 0;
  /** Runs after each refusal (to move a fake clock on). */
  afterRefusal?: () => void;

  protected override async writeHead(scoped: ScopedKey, version: number, state: string | null): Promise<void> {
    this.attempts += 1;
    if (this.refusals > 0) {
      this.refusals -= 1;
      this.afterRefusal?.();
      throw new mongoose.mongo.MongoServerError({ message: 'database is locked (5) (SQLITE_BUSY)', code: 1, ok: 0 });
    }
    return super.writeHead(scoped, version, state);
  }
}

/** Runs `meanwhile` after the writer judged a claim an orphan and before it removes it. */
class SlowRecoveryStorage extends MongoStorage {
  meanwhile?: () => Promise<void>;

  protected override async removeOrphanClaim(claimId: string, createdAtMs: number): Promise<boolean> {
    const meanwhile = this.meanwhile;
    this.meanwhile = undefined;
    await meanwhile?.();
    return super.removeOrphanClaim(claimId, createdAtMs);
  }
}

describe('MongoStorage claims', () => {
  it('refuses a writer delayed between its head read and its claim while two others wrote', async () => {
    const key = freshKey();
    await storage.write({ [key]: { n: 1 } });
    const delayed = new DelayedStorage();
    delayed.meanwhile = async () => {
      await storage.write({ [key]: { n: 2, by: 'other', eTag: '1' } });
      await storage.write({ [key]: { n: 3, by: 'other', eTag: '2' } });
    };
    await expect(delayed.write({ [key]: { n: 2, by: 'delayed', eTag: '1' } })).rejects.toMatchObject({ code: 'etag_conflict' });
    expect(await readOne(storage, key)).toEqual({ n: 3, by: 'other', eTag: '3' });
  });

  it('refuses it even once the claim it hits is old enough to be an orphan: the head moved past it', async () => {
    const clock = fakeClock();
    const key = freshKey();
    const other = new MongoStorage({ now: clock.now });
    await other.write({ [key]: { n: 1 } });
    const delayed = new DelayedStorage({ now: clock.now });
    delayed.meanwhile = async () => {
      await other.write({ [key]: { n: 2, by: 'other', eTag: '1' } });
      clock.advance(5 * MINUTE);
    };
    await expect(delayed.write({ [key]: { n: 2, by: 'delayed', eTag: '1' } })).rejects.toMatchObject({ code: 'etag_conflict' });
    expect(await readOne(other, key)).toEqual({ n: 2, by: 'other', eTag: '2' });
  });

  it('(why claims are kept an hour) were they pruned while it waited, the delayed write would land over newer state', async () => {
    const clock = fakeClock();
    const key = freshKey();
    const hasty = { now: clock.now, claimRetentionMs: 0, pruneEveryMs: 0 };
    const other = new MongoStorage(hasty);
    await other.write({ [key]: { n: 1 } });
    const delayed = new DelayedStorage(hasty);
    delayed.meanwhile = async () => {
      clock.advance(1);
      await other.write({ [key]: { n: 2, eTag: '1' } });
      clock.advance(1);
      await other.write({ [key]: { n: 3, eTag: '2' } }); // prunes the claims on 1 and 2
    };
    await delayed.write({ [key]: { n: 2, by: 'delayed', eTag: '1' } });
    expect(await readOne(other, key)).toEqual({ n: 2, by: 'delayed', eTag: '2' }); // version 3 lost
  });

  it('recovers an orphaned claim once it is orphanAfterMs old, and not before', async () => {
    const clock = fakeClock();
    const warn = jest.fn();
    const options: MongoStorageOptions = { now: clock.now, logger: { warn } };
    const key = freshKey();
    const other = new MongoStorage(options);
    await other.write({ [key]: { n: 1 } });
    await expect(new CrashingStorage(options).write({ [key]: { n: 2, by: 'crashed', eTag: '1' } })).rejects.toThrow(/process died/);
    expect(await claimExists(key, 2)).toBe(true);
    expect(await readOne(other, key)).toEqual({ n: 1, eTag: '1' });

    // A fresh claim is a writer still at work, not an orphan: conditional and forced writes both wait their turn.
    clock.advance(30_000 - 1);
    await expect(other.write({ [key]: { n: 2, by: 'too early', eTag: '1' } })).rejects.toMatchObject({ code: 'etag_conflict' });
    await expect(other.write({ [key]: { n: 'forced' } })).rejects.toMatchObject({ code: 'contended' });
    expect(warn).not.toHaveBeenCalled();

    clock.advance(1);
    const item = { n: 2, by: 'recovered', eTag: '1' };
    await other.write({ [key]: item });
    expect(item.eTag).toBe('2');
    expect(await readOne(other, key)).toEqual({ n: 2, by: 'recovered', eTag: '2' });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ claimId: claimIdOf(key, 2) }), 'bot state: removed an orphaned claim');
    // The claim on 2 is now the recovering writer's own, so the stale eTag still conflicts.
    await expect(other.write({ [key]: { n: 'stale', eTag: '1' } })).rejects.toMatchObject({ code: 'etag_conflict' });
  });

  it('recovers an orphan left by a first write ("0") and by a forced one, with a shorter orphanAfterMs', async () => {
    const clock = fakeClock();
    const options: MongoStorageOptions = { now: clock.now, orphanAfterMs: 5_000 };
    const key = freshKey();
    await expect(new CrashingStorage(options).write({ [key]: { n: 1, eTag: '0' } })).rejects.toThrow(/process died/);
    expect(await BotStateModel.findById(key).lean()).toBeNull();
    await expect(new MongoStorage(options).write({ [key]: { n: 1, eTag: '0' } })).rejects.toMatchObject({ code: 'etag_conflict' });
    clock.advance(5_000);
    await new MongoStorage(options).write({ [key]: { n: 1, by: 'recovered', eTag: '0' } });
    expect(await readOne(storage, key)).toEqual({ n: 1, by: 'recovered', eTag: '1' });

    await expect(new CrashingStorage(options).write({ [key]: { n: 2, eTag: '*' } })).rejects.toThrow(/process died/);
    clock.advance(5_000);
    await new MongoStorage(options).write({ [key]: { n: 2, by: 'forced' } });
    expect(await readOne(storage, key)).toEqual({ n: 2, by: 'forced', eTag: '2' }); // the version the crashed writer had claimed
  });

  it('retries a head write the server refused, and gives the claim back when every try was refused', async () => {
    const warn = jest.fn();
    const key = freshKey();
    await storage.write({ [key]: { n: 1 } });

    const flaky = new RefusedStorage({ logger: { warn } });
    flaky.refusals = 2;
    const item = { n: 2, by: 'flaky', eTag: '1' };
    await flaky.write({ [key]: item });
    expect({ attempts: flaky.attempts, eTag: item.eTag }).toEqual({ attempts: 3, eTag: '2' });
    expect(await readOne(storage, key)).toEqual({ n: 2, by: 'flaky', eTag: '2' });

    const refused = new RefusedStorage({ logger: { warn } });
    await expect(refused.write({ [key]: { n: 3, by: 'refused', eTag: '2' } })).rejects.toThrow(/SQLITE_BUSY/);
    expect(refused.attempts).toBe(3);
    expect(await claimExists(key, 3)).toBe(false); // given back: no orphan to wait out
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ claimId: claimIdOf(key, 3) }), 'bot state: head write refused; claim given back');
    await storage.write({ [key]: { n: 3, by: 'next', eTag: '2' } });
    expect(await readOne(storage, key)).toEqual({ n: 3, by: 'next', eTag: '3' });
  });

  it('keeps its claim after a failure that may have been applied, or once half of orphanAfterMs has passed', async () => {
    const clock = fakeClock();
    const key = freshKey();
    await storage.write({ [key]: { n: 1 } });
    await expect(new CrashingStorage({ now: clock.now }).write({ [key]: { n: 2, eTag: '1' } })).rejects.toThrow(/process died/);
    expect(await claimExists(key, 2)).toBe(true);

    // Someone else may count it an orphan soon: no further try, and the claim is not given back.
    const late = new RefusedStorage({ now: clock.now });
    late.afterRefusal = () => clock.advance(15_000);
    const key2 = freshKey();
    await storage.write({ [key2]: { n: 1 } });
    await expect(late.write({ [key2]: { n: 2, eTag: '1' } })).rejects.toThrow(/SQLITE_BUSY/);
    expect(late.attempts).toBe(1);
    expect(await claimExists(key2, 2)).toBe(true);
  });

  it('lets exactly one of two writers finding the same orphan win, every time', async () => {
    const clock = fakeClock();
    const key = freshKey();
    const [a, b] = [new MongoStorage({ now: clock.now }), new MongoStorage({ now: clock.now })];
    await a.write({ [key]: { round: 0 } });
    for (let round = 1; round <= 10; round++) {
      const eTag = (await readOne(a, key))?.eTag;
      await expect(new CrashingStorage({ now: clock.now }).write({ [key]: { round, by: 'crashed', eTag } })).rejects.toThrow(/process died/);
      clock.advance(30_000);
      const results = await Promise.allSettled([a.write({ [key]: { round, by: 'a', eTag } }), b.write({ [key]: { round, by: 'b', eTag } })]);
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i === 0 ? 'a' : 'b'] : []));
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [codeOf(r.reason)] : []));
      expect({ round, won: won.length, lost }).toEqual({ round, won: 1, lost: ['etag_conflict'] });
      expect(await readOne(a, key)).toEqual({ round, by: won[0], eTag: String(round + 1) });
    }
  });

  it('does not let a slow recoverer remove the claim a faster one inserted in the orphan’s place', async () => {
    const clock = fakeClock();
    const key = freshKey();
    const fast = new MongoStorage({ now: clock.now });
    await fast.write({ [key]: { n: 1 } });
    await expect(new CrashingStorage({ now: clock.now }).write({ [key]: { n: 2, eTag: '1' } })).rejects.toThrow(/process died/);
    clock.advance(30_000);

    const slow = new SlowRecoveryStorage({ now: clock.now });
    slow.meanwhile = async () => {
      await fast.write({ [key]: { n: 2, by: 'fast', eTag: '1' } }); // recovers the same orphan first
    };
    await expect(slow.write({ [key]: { n: 2, by: 'slow', eTag: '1' } })).rejects.toMatchObject({ code: 'etag_conflict' });
    expect(await readOne(fast, key)).toEqual({ n: 2, by: 'fast', eTag: '2' });
    expect(await claimExists(key, 2)).toBe(true);
  });

  it('prunes claims older than claimRetentionMs, at most once per pruneEveryMs', async () => {
    const clock = fakeClock();
    const s = new MongoStorage({ now: clock.now }); // 1 h retention, every 10 min
    const [old, recent] = [freshKey(), freshKey()];
    await s.write({ [old]: { n: 1 } }); // its first write prunes (nothing yet)
    clock.advance(HOUR + 1);
    await s.write({ [recent]: { n: 1 } }); // prunes: the claim on `old` is over an hour old
    expect(await claimExists(old, 1)).toBe(false);
    expect(await claimExists(recent, 1)).toBe(true);
    // The head stays ahead of every pruned claim, so the item reads and writes on as before.
    await s.write({ [old]: { n: 2, eTag: '1' } });
    expect(await readOne(s, old)).toEqual({ n: 2, eTag: '2' });

    const ancient = { _id: claimIdOf(freshKey(), 1), createdAt: new Date(Date.UTC(2020, 0, 1)) };
    await BotStateClaimModel.create(ancient);
    clock.advance(10 * MINUTE - 1);
    await s.write({ [recent]: { n: 2 } });
    expect(await BotStateClaimModel.findById(ancient._id).lean()).not.toBeNull(); // pruned under 10 min ago
    clock.advance(1);
    await s.delete([recent]);
    expect(await BotStateClaimModel.findById(ancient._id).lean()).toBeNull();
  });
});

describe('MongoStorage delete and workspaces', () => {
  it('deletes a key, leaving a tombstone that carries the version on, and nothing else', async () => {
    const [key, kept, never] = [freshKey(), freshKey(), freshKey()];
    for (let n = 1; n <= 3; n++) await storage.write({ [key]: { n } });
    await storage.write({ [kept]: { kept: true } });

    await storage.delete([key, never]);
    expect(await storage.read([key, kept, never])).toEqual({ [kept]: { kept: true, eTag: '1' } });
    expect(await BotStateModel.findById(key).lean()).toMatchObject({ version: 4, deleted: true, state: null });
    expect(await BotStateModel.findById(never).lean()).toBeNull(); // deleting nothing writes nothing

    await storage.delete([key]); // deleting again changes nothing
    expect(await BotStateModel.findById(key).lean()).toMatchObject({ version: 4, deleted: true });
  });

  it('creates a deleted item again at once, with eTag "0" or without one', async () => {
    const [key, key2] = [freshKey(), freshKey()];
    await storage.write({ [key]: { n: 1 } });
    await storage.delete([key]);
    const item = { n: 'again', eTag: '0' };
    await storage.write({ [key]: item });
    expect(item.eTag).toBe('3');
    expect(await readOne(storage, key)).toEqual({ n: 'again', eTag: '3' });
    await expect(storage.write({ [key]: { n: 'twice', eTag: '0' } })).rejects.toMatchObject({ code: 'etag_conflict' });

    await storage.write({ [key2]: { n: 1 } });
    await storage.delete([key2]);
    await storage.write({ [key2]: { n: 'again' } });
    expect(await readOne(storage, key2)).toEqual({ n: 'again', eTag: '3' });
  });

  it('refuses a writer delayed across a delete: the item stays deleted', async () => {
    const key = freshKey();
    await storage.write({ [key]: { n: 1 } });
    const delayed = new DelayedStorage();
    delayed.meanwhile = () => storage.delete([key]);
    await expect(delayed.write({ [key]: { n: 2, eTag: '1' } })).rejects.toMatchObject({ code: 'etag_conflict' });
    expect(await readOne(storage, key)).toBeUndefined();
  });

  it('keeps two workspaces with the same conversation key apart', async () => {
    const rest = 'msteams/conversations/shared-conv/';
    const [a, b] = [`teams:tenant-a/${rest}`, `teams:tenant-b/${rest}`];
    await storage.write({ [a]: { owner: 'a' } });
    expect(await readOne(storage, b)).toBeUndefined();

    await storage.write({ [b]: { owner: 'b', eTag: '0' } }); // a's item does not count as b's
    await storage.write({ [a]: { owner: 'a2', eTag: '1' } });
    await storage.delete([b]);
    expect(await storage.read([a, b])).toEqual({ [a]: { owner: 'a2', eTag: '2' } });
  });

  it.each([
    ['msteams/conversations/c1/'],
    ['no-slash-at-all'],
    ['/msteams/conversations/c1/'],
    [':tenant/msteams/conversations/c1/'],
    ['teams:/msteams/conversations/c1/'],
    ['teams:tenant-a/'],
    ['Teams:tenant-a/x'],
  ])('refuses key %p, which names no workspace, on read, write and delete', async (bad) => {
    const refusal = { code: 'bad_key', message: expect.stringContaining('no workspace prefix') };
    await expect(storage.read([bad])).rejects.toMatchObject(refusal);
    await expect(storage.write({ [bad]: { n: 1 } })).rejects.toMatchObject(refusal);
    await expect(storage.delete([bad])).rejects.toMatchObject(refusal);
  });

  it('writes nothing of a batch holding a key without a workspace', async () => {
    const good = freshKey();
    await expect(storage.write({ [good]: { n: 1 }, 'msteams/users/u1/': { n: 2 } })).rejects.toMatchObject({ code: 'bad_key' });
    expect(await readOne(storage, good)).toBeUndefined();
  });
});

/** One collection method call as mongoose issued it. */
interface Call {
  collection: string;
  method: string;
  filter: Record<string, unknown> | null;
}

/** Methods that take a filter first; inserts take none. Anything else is unexpected here. */
const FILTERED = new Set(['find', 'findOne', 'replaceOne', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'countDocuments', 'findOneAndUpdate', 'findOneAndReplace', 'findOneAndDelete', 'distinct']);
const UNFILTERED = new Set(['insertOne', 'insertMany']);
const STATE_COLLECTIONS = new Set(['bot_states', 'bot_state_claims']);

/** The bot-state collection calls `run` makes, seen through mongoose's debug hook. */
async function callsDuring(run: () => Promise<unknown>): Promise<Call[]> {
  const calls: Call[] = [];
  mongoose.set('debug', (collection: string, method: string, ...args: unknown[]) => {
    if (!STATE_COLLECTIONS.has(collection)) return;
    if (!FILTERED.has(method) && !UNFILTERED.has(method)) throw new Error(`unexpected ${collection}.${method}`);
    calls.push({ collection, method, filter: FILTERED.has(method) ? (args[0] as Record<string, unknown>) : null });
  });
  try {
    await run();
  } finally {
    mongoose.set('debug', false);
  }
  return calls;
}

/** Calls whose filter is anything but `{ _id: <string> }`, the one filter FerretDB's SQLite backend pushes down. */
function scanning(calls: Call[]): Call[] {
  return calls.filter((c) => c.filter !== null && !(Object.keys(c.filter).length === 1 && typeof c.filter._id === 'string'));
}

/** FerretDB reports whether it pushed a filter down to SQLite; MongoDB says nothing of the kind. */
async function ferretPushdown(call: Call): Promise<boolean | undefined> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected');
  const explained = await db.command({ explain: { find: call.collection, filter: call.filter } });
  return explained.filterPushdown as boolean | undefined;
}

const shape = (calls: Call[]) => calls.map((c) => `${c.collection}.${c.method}`);

describe('MongoStorage queries', () => {
  it('reads, writes, deletes and recovers orphans by _id alone', async () => {
    const clock = fakeClock();
    const s = new MongoStorage({ now: clock.now });
    const [key, other] = [freshKey(), freshKey()];
    await s.write({ [other]: { warm: 'up' } }); // the first write of a storage also prunes; see below

    const write = await callsDuring(() => s.write({ [key]: { n: 1, eTag: '0' } }));
    expect(shape(write)).toEqual(['bot_states.findOne', 'bot_state_claims.insertOne', 'bot_states.replaceOne']);
    const read = await callsDuring(() => s.read([key, other]));
    expect(shape(read)).toEqual(['bot_states.findOne', 'bot_states.findOne']);
    const forced = await callsDuring(() => s.write({ [key]: { n: 2, eTag: '*' } }));
    expect(shape(forced)).toEqual(['bot_states.findOne', 'bot_state_claims.insertOne', 'bot_states.replaceOne']);
    const deleted = await callsDuring(() => s.delete([key]));
    expect(shape(deleted)).toEqual(['bot_states.findOne', 'bot_state_claims.insertOne', 'bot_states.replaceOne']);

    await expect(new CrashingStorage({ now: clock.now }).write({ [other]: { n: 2, eTag: '1' } })).rejects.toThrow(/process died/);
    clock.advance(30_000);
    const recovery = await callsDuring(() => s.write({ [other]: { n: 2, eTag: '1' } }));
    expect(shape(recovery)).toEqual([
      'bot_states.findOne', // head
      'bot_state_claims.insertOne', // claim: taken
      'bot_state_claims.findOne', // its age
      'bot_states.findOne', // head still before it?
      'bot_state_claims.insertOne', // takeover
      'bot_state_claims.deleteOne', // the orphan
      'bot_state_claims.insertOne', // claim again
      'bot_states.replaceOne',
    ]);

    const all = [...write, ...read, ...forced, ...deleted, ...recovery];
    expect(scanning(all)).toEqual([]);
    for (const call of all.filter((c) => c.filter !== null)) {
      const pushdown = await ferretPushdown(call);
      if (pushdown !== undefined) expect({ call, pushdown }).toEqual({ call, pushdown: true });
    }
  });

  it('(what that check catches) the earlier design’s queries are flagged, and FerretDB scans for them', async () => {
    const key = freshKey();
    const calls = await callsDuring(async () => {
      await BotStateModel.findOne({ workspaceKey: 'teams:tenant-a', key }).sort({ version: -1 }).lean();
      await BotStateModel.find({ _id: { $in: [key, freshKey()] } }).lean();
      await BotStateClaimModel.deleteMany({ _id: key, createdAt: { $lt: new Date() } });
    });
    expect(scanning(calls)).toHaveLength(3);
    for (const call of calls) expect(await ferretPushdown(call)).not.toBe(true);
  });

  it('queries by anything else only to prune: on a storage’s first write, then once per pruneEveryMs', async () => {
    const clock = fakeClock();
    const s = new MongoStorage({ now: clock.now });
    const key = freshKey();
    const first = await callsDuring(() => s.write({ [key]: { n: 1 } }));
    expect(scanning(first)).toEqual([
      { collection: 'bot_state_claims', method: 'deleteMany', filter: { createdAt: { $lt: new Date(clock.now() - HOUR) } } },
      { collection: 'bot_states', method: 'deleteMany', filter: { _id: { $type: 'objectId' } } }, // once: the earlier design's records
    ]);
    clock.advance(10 * MINUTE - 1);
    expect(scanning(await callsDuring(() => s.write({ [key]: { n: 2 } })))).toEqual([]);
    clock.advance(1);
    expect(scanning(await callsDuring(() => s.write({ [key]: { n: 3 } })))).toEqual([
      { collection: 'bot_state_claims', method: 'deleteMany', filter: { createdAt: { $lt: new Date(clock.now() - HOUR) } } },
    ]);
  });
});

describe('MongoStorage over a database of the earlier design', () => {
  it('ignores its one-document-per-version records, and ensureIndexes drops its unique index', async () => {
    const key = freshKey();
    const rest = key.slice(key.indexOf('/') + 1);
    const states = BotStateModel.collection;
    await states.createIndex({ workspaceKey: 1, key: 1, version: 1 }, { unique: true, name: 'workspaceKey_1_key_1_version_1' });
    const old = { workspaceKey: 'teams:tenant-a', key: rest, state: JSON.stringify({ step: 'old' }), createdAt: new Date(), updatedAt: new Date() };
    await states.insertMany([
      { _id: new Types.ObjectId(), ...old, version: 1 },
      { _id: new Types.ObjectId(), ...old, version: 2 },
    ] as never[]);

    await ensureIndexes(); // start-up after the upgrade
    const indexes = (await states.listIndexes().toArray()).map((i) => i.name as string);
    expect(indexes).toEqual(['_id_']);
    await expect(ensureIndexes()).resolves.toBeUndefined();

    // The conversation starts afresh: its old versions are not found, and do not get in the way.
    expect(await readOne(storage, key)).toBeUndefined();
    await storage.write({ [key]: { step: 'new', eTag: '0' } });
    await storage.write({ [key]: { step: 'newer', eTag: '1' } });
    expect(await readOne(storage, key)).toEqual({ step: 'newer', eTag: '2' });
    expect(await states.countDocuments({ key: rest })).toBe(3); // the head and the two old records

    // A storage's first prune deletes the old records (they would only slow FerretDB's scans), and nothing else.
    const fresh = new MongoStorage();
    await fresh.write({ [freshKey()]: { n: 1 } });
    expect(await states.find({ key: rest }).toArray()).toEqual([expect.objectContaining({ _id: key, version: 2 })]);
    expect(await readOne(fresh, key)).toEqual({ step: 'newer', eTag: '2' });
  });
});
