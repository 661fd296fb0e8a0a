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

  it('a filter without _id still scans (nothing else is pushed down)', async () => {
    if (!(await onFerretDb())) return;
    const plan = await explain({ status: 'pending' });
    expect(plan.filterPushdown).toBe(false);
    expect(plan.queryPlanner?.Plan?.join('\n')).toMatch(/SCAN /);
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
