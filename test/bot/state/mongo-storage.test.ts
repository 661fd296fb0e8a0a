import type { StoreItem } from 'botbuilder';
import mongoose, { Types } from 'mongoose';
import { BotStateModel, ensureIndexes } from '../../../models';
import { MongoStorage, StorageError } from '../../../bot/state';
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
  method: string;
  filter: Record<string, unknown> | null;
}

/** The bot_states calls `run` makes, seen through mongoose's debug hook. */
async function callsDuring(run: () => Promise<unknown>): Promise<Call[]> {
  const calls: Call[] = [];
  const previous = mongoose.get('debug'); // the index-coverage recorder (test/support/query-log.ts)
  mongoose.set('debug', (collection: string, method: string, ...args: unknown[]) => {
    if (collection !== 'bot_states') return;
    calls.push({ method, filter: method.startsWith('insert') ? null : (args[0] as Record<string, unknown>) });
  });
  try {
    await run();
  } finally {
    mongoose.set('debug', previous);
  }
  return calls;
}

describe('MongoStorage queries', () => {
  it('reads by _id and writes by _id and the version read: one update per write, an insert for a new item', async () => {
    const s = new MongoStorage();
    const [key, other] = [freshKey(), freshKey()];
    await s.write({ [other]: { warm: 'up' } }); // a storage's first write also drops the earlier design's records; see below

    expect(await callsDuring(() => s.write({ [key]: { n: 1, eTag: '0' } }))).toEqual([
      { method: 'findOne', filter: { _id: key } },
      { method: 'insertOne', filter: null },
    ]);
    expect(await callsDuring(() => s.write({ [key]: { n: 2, eTag: '1' } }))).toEqual([
      { method: 'updateOne', filter: { _id: key, version: 1, deleted: false } },
    ]);
    expect(await callsDuring(() => s.read([key, other]))).toEqual([
      { method: 'findOne', filter: { _id: key } },
      { method: 'findOne', filter: { _id: other } },
    ]);
    expect(await callsDuring(() => s.write({ [key]: { n: 3, eTag: '*' } }))).toEqual([
      { method: 'findOne', filter: { _id: key } },
      { method: 'updateOne', filter: { _id: key, version: 2 } },
    ]);
    expect(await callsDuring(() => s.delete([key]))).toEqual([{ method: 'updateOne', filter: { _id: key, deleted: false } }]);
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

    // A storage's first write deletes the old records, and nothing else.
    const fresh = new MongoStorage();
    await fresh.write({ [freshKey()]: { n: 1 } });
    expect(await states.find({ key: rest }).toArray()).toEqual([expect.objectContaining({ _id: key, version: 2 })]);
    expect(await readOne(fresh, key)).toEqual({ step: 'newer', eTag: '2' });
  });
});
