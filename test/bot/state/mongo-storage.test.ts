import type { StoreItem } from 'botbuilder';
import { BotStateModel } from '../../../models';
import { MongoStorage, StorageError, type ScopedKey } from '../../../bot/state';
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
    const doc = await BotStateModel.findOne({ workspaceKey: 'teams:tenant-a', key: key.slice(key.indexOf('/') + 1) }).lean();
    expect(typeof doc?.state).toBe('string');
    expect(doc?.state).not.toContain('eTag');
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
    for (const eTag of ['7', 'abc', '1.0', '-1']) {
      await expect(storage.write({ [key]: { n: 2, eTag } })).rejects.toMatchObject({ code: 'etag_conflict' });
    }
    await storage.delete([key]);
    await expect(storage.write({ [key]: { n: 3, eTag: '1' } })).rejects.toMatchObject({ code: 'etag_conflict' });
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

/** Runs `meanwhile` between a writer's eTag check and its insert: a writer delayed mid-write. */
class DelayedStorage extends MongoStorage {
  meanwhile?: () => Promise<void>;

  protected override async insertVersion(scoped: ScopedKey, version: number, state: string): Promise<void> {
    const meanwhile = this.meanwhile;
    this.meanwhile = undefined;
    await meanwhile?.();
    return super.insertVersion(scoped, version, state);
  }
}

describe('MongoStorage superseded versions', () => {
  const keyPart = (key: string) => ({ workspaceKey: key.slice(0, key.indexOf('/')), key: key.slice(key.indexOf('/') + 1) });

  it('drops superseded versions once their grace period is over', async () => {
    const key = freshKey();
    const prompt = new MongoStorage({ supersededGraceMs: 0 });
    for (let n = 1; n <= 3; n++) await prompt.write({ [key]: { n } });
    expect(await BotStateModel.find(keyPart(key)).lean()).toEqual([expect.objectContaining({ version: 3 })]);

    const key2 = freshKey();
    for (let n = 1; n <= 3; n++) await storage.write({ [key2]: { n } });
    expect(await BotStateModel.countDocuments(keyPart(key2))).toBe(3);
    expect(await readOne(storage, key2)).toEqual({ n: 3, eTag: '3' });
  });

  it('still refuses a writer delayed between its check and its insert while two others wrote', async () => {
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

  it('(why the grace period exists) without it the delayed write would land unseen under the latest', async () => {
    const key = freshKey();
    const noGrace = new MongoStorage({ supersededGraceMs: 0 });
    await noGrace.write({ [key]: { n: 1 } });
    const delayed = new DelayedStorage({ supersededGraceMs: 0 });
    delayed.meanwhile = async () => {
      await noGrace.write({ [key]: { n: 2, eTag: '1' } });
      await noGrace.write({ [key]: { n: 3, eTag: '2' } });
    };
    await delayed.write({ [key]: { n: 2, by: 'delayed', eTag: '1' } });
    expect(await readOne(noGrace, key)).toEqual({ n: 3, eTag: '3' });
  });
});

describe('MongoStorage delete and workspaces', () => {
  it('deletes every version of a key and nothing else', async () => {
    const [key, kept] = [freshKey(), freshKey()];
    for (let n = 1; n <= 3; n++) await storage.write({ [key]: { n } });
    await storage.write({ [kept]: { kept: true } });

    await storage.delete([key, freshKey()]);
    expect(await storage.read([key, kept])).toEqual({ [kept]: { kept: true, eTag: '1' } });
    expect(await BotStateModel.countDocuments({ key: key.slice(key.indexOf('/') + 1) })).toBe(0);
    await storage.write({ [key]: { n: 'again' } });
    expect(await readOne(storage, key)).toEqual({ n: 'again', eTag: '1' });
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
