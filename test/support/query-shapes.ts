// What a query asks of an index, as the index-coverage check reads it: which fields a filter
// matches by equality, which by range, and the sort. Values are dropped; only the shape is kept.

/** A filter's fields: `eq` for a value, `$eq` or `$in`; `range` for any other operator. */
export type FieldUse = 'eq' | 'range';

export interface FilterShape {
  fields: Record<string, FieldUse>;
  /** A top-level `$or`: each branch is matched together with `fields`. */
  or?: FilterShape[];
}

export interface QueryShape {
  collection: string;
  method: string;
  filter: FilterShape;
  sort: [string, 1 | -1][];
}

const EQUALITY_OPERATORS = new Set(['$eq', '$in']);

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

/** The shape of a filter: `$and` folded in, a top-level `$or` kept as branches, anything else (`$nor`, `$expr`) dropped as residual. */
export function filterShape(filter: unknown): FilterShape {
  const shape: FilterShape = { fields: {} };
  if (!filter || typeof filter !== 'object') return shape;
  for (const [field, value] of Object.entries(filter as Record<string, unknown>)) {
    if (field === '$and' && Array.isArray(value)) {
      for (const part of value) {
        const inner = filterShape(part);
        Object.assign(shape.fields, inner.fields);
        if (inner.or) shape.or = inner.or;
      }
    } else if (field === '$or' && Array.isArray(value)) {
      shape.or = value.map(filterShape);
    } else if (!field.startsWith('$')) {
      shape.fields[field] = isOperatorObject(value) && !Object.keys(value).every((op) => EQUALITY_OPERATORS.has(op)) ? 'range' : 'eq';
    }
  }
  return shape;
}

/** A sort as mongoose hands it to the driver (`{ a: 1, b: -1 }`, `[['a', 1]]`, `'asc'`/`'desc'`). */
export function sortShape(sort: unknown): [string, 1 | -1][] {
  if (!sort || typeof sort !== 'object') return [];
  const entries: [string, unknown][] = Array.isArray(sort)
    ? (sort as unknown[]).map((e) => (Array.isArray(e) ? [String(e[0]), e[1]] : [String(e), 1]))
    : Object.entries(sort as Record<string, unknown>);
  return entries.map(([field, dir]) => [field, dir === -1 || dir === '-1' || dir === 'desc' || dir === 'descending' ? -1 : 1]);
}

/** Driver methods that take a filter first, and where their options (with the sort) are. */
const FILTER_FIRST: Record<string, number> = {
  find: 1, findOne: 1, countDocuments: 1, deleteOne: 1, deleteMany: 1,
  updateOne: 2, updateMany: 2, replaceOne: 2, findOneAndUpdate: 2, findOneAndReplace: 2, findOneAndDelete: 1,
};

/** The queries one collection method call makes (none for inserts and index work; one per statement of a bulk write). */
export function shapesOf(collection: string, method: string, args: readonly unknown[]): QueryShape[] {
  const one = (filter: unknown, options?: unknown): QueryShape => ({
    collection,
    method,
    filter: filterShape(filter),
    sort: sortShape((options as { sort?: unknown } | undefined)?.sort),
  });
  if (method in FILTER_FIRST) return [one(args[0], args[FILTER_FIRST[method]])];
  if (method === 'distinct') return [one(args[1])];
  if (method === 'aggregate') {
    const pipeline = (args[0] ?? []) as Record<string, unknown>[];
    const match = pipeline[0]?.$match;
    const sort = match ? pipeline[1]?.$sort : pipeline[0]?.$sort;
    return [{ collection, method, filter: filterShape(match ?? {}), sort: sortShape(sort) }];
  }
  if (method === 'bulkWrite') {
    return ((args[0] ?? []) as Record<string, { filter?: unknown }>[]).flatMap((op) => {
      const [kind, body] = Object.entries(op)[0] ?? [];
      return kind && kind !== 'insertOne' && body?.filter ? [{ ...one(body.filter), method: `bulkWrite.${kind}` }] : [];
    });
  }
  return [];
}

/** One line naming a query: `risks.find {workspaceId: eq, projectKey: eq, $or: [{status: range} | …]} sort {score: -1}`. */
export function describeShape(q: Pick<QueryShape, 'collection' | 'method' | 'filter' | 'sort'>): string {
  const filter = (f: FilterShape): string => {
    const parts = Object.entries(f.fields).map(([k, v]) => `${k}: ${v}`);
    if (f.or) parts.push(`$or: [${f.or.map(filter).join(' | ')}]`);
    return `{${parts.join(', ')}}`;
  };
  const sort = q.sort.length > 0 ? ` sort {${q.sort.map(([k, d]) => `${k}: ${d}`).join(', ')}}` : '';
  return `${q.collection}.${q.method} ${filter(q.filter)}${sort}`;
}
