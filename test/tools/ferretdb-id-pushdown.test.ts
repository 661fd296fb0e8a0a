// tools/ferretdb/_patch: the embedded FerretDB finds a document by `_id` through the `_id_` index,
// also when the filter has other fields (a conditional update) or lists several ids.
import mongoose, { Types } from 'mongoose';
import { useTestDatabase } from '../support/db';

useTestDatabase();

interface Explained {
  filterPushdown?: boolean;
  queryPlanner?: { Plan?: string[] };
}

async function explain(filter: Record<string, unknown>): Promise<Explained> {
  return (await mongoose.connection.db!.command({ explain: { find: 'pushdown', filter } })) as Explained;
}

/** The plans are FerretDB's (against a MongoDB of your own, PMO_TEST_MONGODB_URI, only the results are checked). */
const onFerretDb = async (): Promise<boolean> => 'ferretdbVersion' in (await mongoose.connection.db!.admin().command({ buildInfo: 1 }));

describe('the embedded FerretDB reads by _id through its index', () => {
  const id = new Types.ObjectId();

  beforeAll(async () => {
    const collection = mongoose.connection.db!.collection('pushdown');
    await collection.insertMany([{ _id: id, status: 'pending', attempts: 0 }, ...Array.from({ length: 20 }, (_, i) => ({ _id: new Types.ObjectId(), status: 'sent', attempts: i }))]);
  });

  it.each([
    ['_id alone', () => ({ _id: id })],
    ['_id with the state it was read in', () => ({ _id: id, status: 'pending', attempts: 0 })],
    ['a list of ids', () => ({ _id: { $in: [id, new Types.ObjectId()] }, status: 'pending' })],
  ])('%s: an index search, not a scan', async (_name, filter) => {
    if (!(await onFerretDb())) return;
    const plan = await explain(filter());
    expect(plan.filterPushdown).toBe(true);
    expect(plan.queryPlanner?.Plan?.join('\n')).toMatch(/SEARCH \S+ USING INDEX \S+__id_ /);
  });

  it('a filter on other fields is narrowed in SQLite; operators and odd strings are left to FerretDB', async () => {
    if (!(await onFerretDb())) return;
    expect((await explain({ status: 'pending' })).filterPushdown).toBe(true);
    expect((await explain({ status: { $in: ['pending', 'sent'] } })).filterPushdown).toBe(true);
    expect((await explain({ attempts: { $gt: 1 } })).filterPushdown).toBe(false);
    expect((await explain({ status: 'a<b' })).filterPushdown).toBe(false);
    expect((await explain({ 'sp ace': 'x', 'a-b': 'y' })).filterPushdown).toBe(false);
  });

  it('what is pushed down is only narrowed: the whole filter still decides', async () => {
    const collection = mongoose.connection.db!.collection('pushdown');
    expect(await collection.countDocuments({ _id: id, status: 'sent' })).toBe(0);
    expect(await collection.findOne({ _id: id, status: 'pending' })).toMatchObject({ attempts: 0 });
    expect((await collection.updateOne({ _id: id, attempts: 1 }, { $set: { status: 'sending' } })).matchedCount).toBe(0);
    expect((await collection.updateOne({ _id: id, attempts: 0 }, { $set: { status: 'sending' } })).modifiedCount).toBe(1);
    expect(await collection.countDocuments({ _id: { $in: [id, new Types.ObjectId()] }, status: 'sending' })).toBe(1);
    expect((await collection.deleteMany({ _id: { $in: [id] }, status: 'pending' })).deletedCount).toBe(0);
  });
});

describe('fields other than _id narrow the rows without changing what matches', () => {
  const workspace = new Types.ObjectId();
  const other = new Types.ObjectId();

  beforeAll(async () => {
    await mongoose.connection.db!.collection('pushdown_fields').insertMany([
      { n: 1, workspaceId: workspace, key: 'R-1', tags: 'a' },
      { n: 2, workspaceId: workspace, key: 'R-2', tags: ['b', 'a'] }, // an array holding the value matches too
      { n: 3, workspaceId: workspace, key: 'R-3', tags: ['b'] },
      { n: 4, workspaceId: other, key: 'R-1', tags: 'a' },
      { n: 5, workspaceId: workspace }, // no key, no tags
      { n: 6, workspaceId: [workspace, other], key: 'é<&>"\\', tags: 'A' }, // odd strings, and case
      { n: 7, workspaceId: String(workspace), key: 'R-1' }, // the id as a string is another value
      { n: 8, 'sp ace': 'x', 'a-b': 'y', '1st': 'z' }, // field names that are not plain identifiers
      { n: 9, oid: 'x', RowId: 'y', _rowid_: 'z' }, // names SQLite reads as the rowid
    ]);
  });

  const ns = async (filter: Record<string, unknown>) =>
    (await mongoose.connection.db!.collection('pushdown_fields').find(filter).sort({ n: 1 }).toArray()).map((d) => d.n as number);

  it.each([
    ['an ObjectId', () => ({ workspaceId: workspace }), [1, 2, 3, 5, 6]],
    ['an ObjectId and a string', () => ({ workspaceId: workspace, key: 'R-1' }), [1]],
    ['a string, also inside arrays', () => ({ tags: 'a' }), [1, 2, 4]],
    ['a list of strings', () => ({ tags: { $in: ['a', 'b'] } }), [1, 2, 3, 4]],
    ['a list of ObjectIds', () => ({ workspaceId: { $in: [other] } }), [4, 6]],
    ['a string with characters JSON escapes', () => ({ key: 'é<&>"\\' }), [6]],
    ['a string in another case', () => ({ tags: 'a', n: 6 }), []],
    ['the id as a string', () => ({ workspaceId: String(workspace) }), [7]],
    ['a missing field', () => ({ key: 'R-9' }), []],
    ['fields with odd names', () => ({ 'sp ace': 'x', 'a-b': 'y', '1st': 'z' }), [8]],
    ['fields named like the rowid', () => ({ oid: 'x', RowId: 'y', _rowid_: 'z' }), [9]],
    ['one field named like the rowid', () => ({ oid: 'x' }), [9]],
  ])('%s', async (_name, filter, expected) => {
    expect(await ns(filter())).toEqual(expected);
  });
});
