// The index-coverage rule the run's teardown applies to every query of the wire-level suites
// (test/support/global-teardown.ts): equality prefix, then sort, then range; `_id` counts.
import { declaredIndexes } from '../support/index-coverage-check';
import { indexSpecs, isServed } from '../support/index-coverage';
import { describeShape, shapesOf } from '../support/query-shapes';

const risks = indexSpecs([
  [{ workspaceId: 1, seq: 1 }, { unique: true }],
  [{ workspaceId: 1, projectKey: 1, status: 1 }],
  [{ workspaceId: 1, status: 1, score: -1 }],
]);

const served = (method: string, ...args: unknown[]) => shapesOf('risks', method, args).every((q) => isServed(q, risks));

describe('index coverage', () => {
  it.each([
    ['an equality prefix', 'find', { workspaceId: 'w', projectKey: 'P' }],
    ['equality then range', 'find', { workspaceId: 'w', projectKey: { $in: ['P', 'Q'] }, status: { $nin: ['closed'] } }],
    ['a residual range past the prefix', 'find', { workspaceId: 'w', projectKey: 'P', createdAt: { $gte: new Date() } }],
    ['equality then sort, reversed', 'find', { workspaceId: 'w', status: 'open' }, { sort: { score: 1 } }],
    ['a sort on an equality field', 'find', { workspaceId: 'w', status: 'open' }, { sort: { status: 1, score: -1 } }],
    ['a point lookup on a unique index, extra fields aside', 'findOne', { workspaceId: 'w', seq: 7, status: 'open' }, { sort: { title: 1 } }],
    ['_id', 'updateOne', { _id: 'x', version: 3 }, {}, {}],
    ['a range on _id alone', 'deleteMany', { _id: { $type: 'objectId' } }],
    ['a residual equality past a prefix that narrows below the workspace', 'find', { workspaceId: 'w', projectKey: 'P', ownerId: 'u' }],
    ['each $or branch by its own index', 'find', { workspaceId: 'w', $or: [{ projectKey: 'P' }, { status: 'open' }] }],
    ['a bulk write by _id', 'bulkWrite', [{ updateOne: { filter: { _id: 'a' }, update: {} } }, { insertOne: { document: {} } }]],
  ])('serves %s', (_what, method, ...args) => {
    expect(served(method as string, ...args)).toBe(true);
  });

  it.each([
    ['an empty filter (a collection scan)', 'countDocuments', {}],
    ['a workspace scan: an equality field outside the prefix', 'find', { workspaceId: 'w', ownerId: 'u' }],
    ['a field no index has', 'findOne', { title: 'x' }],
    ['a sort the index does not give', 'find', { workspaceId: 'w', projectKey: 'P' }, { sort: { score: -1 } }],
    ['a sort after a residual equality', 'find', { workspaceId: 'w', projectKey: 'P', ownerId: 'u' }, { sort: { ownerId: 1, seq: 1 } }],
    ['a sort of mixed directions', 'find', { workspaceId: 'w' }, { sort: { status: 1, score: 1 } }],
    ['an $or branch no index serves', 'find', { workspaceId: 'w', $or: [{ projectKey: 'P' }, { ownerId: 'u' }] }],
  ])('flags %s, naming it', (_what, method, ...args) => {
    expect(served(method as string, ...args)).toBe(false);
  });

  it('names a query by collection, method and filter shape, without values', () => {
    const [query] = shapesOf('risks', 'find', [{ workspaceId: 'w', status: { $nin: ['closed'] }, $or: [{ due: { $lt: '2026-01-01' } }, { seq: 3 }] }, { sort: { score: -1 } }]);
    expect(describeShape(query)).toBe('risks.find {workspaceId: eq, status: range, $or: [{due: range} | {seq: eq}]} sort {score: -1}');
  });

  it('knows every model by its collection, with _id', () => {
    const indexes = declaredIndexes();
    expect(indexes.get('risks')?.[0]).toEqual({ keys: [['_id', 1]], unique: true });
    expect(indexes.has('bot_states')).toBe(true);
  });
});
