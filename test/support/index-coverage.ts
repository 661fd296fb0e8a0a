// Whether a query's filter and sort are served by an index: its equality fields as the index's
// leading keys, then its sort, then (optionally) a range. `_id` is an index of every collection.
import type { FilterShape, QueryShape } from './query-shapes';

export interface IndexSpec {
  keys: [string, number][];
  unique: boolean;
}

/** The indexes a model declares (`schema.indexes()`), and `_id`. */
export function indexSpecs(declared: readonly [Record<string, unknown>, Record<string, unknown>?][]): IndexSpec[] {
  return [
    { keys: [['_id', 1]], unique: true },
    ...declared.map(([fields, options]) => ({
      keys: Object.entries(fields).map(([k, v]) => [k, Number(v)] as [string, number]),
      unique: options?.unique === true,
    })),
  ];
}

/** A branch of the filter: what one index scan has to answer. */
interface Branch {
  eq: Set<string>;
  range: Set<string>;
}

function branches(filter: FilterShape): Branch[] {
  const base = (f: FilterShape['fields']): Branch => ({
    eq: new Set(Object.keys(f).filter((k) => f[k] === 'eq')),
    range: new Set(Object.keys(f).filter((k) => f[k] === 'range')),
  });
  if (!filter.or || filter.or.length === 0) return [base(filter.fields)];
  return filter.or.flatMap((part) => branches(part).map((b) => {
    const merged = base({ ...filter.fields });
    b.eq.forEach((k) => merged.eq.add(k));
    b.range.forEach((k) => merged.range.add(k));
    return merged;
  }));
}

/** Fields that only name the tenant: an index that narrows to them alone scans a whole workspace. */
const SCOPE_FIELDS = new Set(['workspaceId']);

/**
 * Served by `index`: its leading keys are equality fields of the filter, either all of them or at
 * least one besides the workspace (the rest are checked on the few documents it finds), and all
 * its keys matched so on a unique index serve anything (one document at most); then the sort, in
 * the index's order or wholly reversed, sort fields fixed by equality aside; a range may follow or
 * stay residual. A filter with no equality field must start the index with its range or its sort.
 */
function servedBy(branch: Branch, sort: QueryShape['sort'], index: IndexSpec): boolean {
  const { keys } = index;
  let i = 0;
  while (i < keys.length && branch.eq.has(keys[i][0])) i++;
  if (index.unique && i === keys.length) return true;
  const narrows = keys.slice(0, i).some(([field]) => !SCOPE_FIELDS.has(field));
  if (i < branch.eq.size && !narrows) return false; // only the workspace, and equality fields left over
  const sorted = sort.filter(([field]) => !branch.eq.has(field));
  let direction = 0;
  for (const [field, dir] of sorted) {
    if (i >= keys.length || keys[i][0] !== field) return false;
    const d = Math.sign(keys[i][1]) * dir;
    if (direction !== 0 && d !== direction) return false;
    direction = d;
    i++;
  }
  if (branch.eq.size === 0 && sorted.length === 0) return branch.range.has(keys[0][0]);
  return true;
}

/** Whether some index serves the query (each branch of an `$or` by one of its own). */
export function isServed(query: Pick<QueryShape, 'filter' | 'sort'>, indexes: readonly IndexSpec[]): boolean {
  return branches(query.filter).every((b) => indexes.some((index) => servedBy(b, query.sort, index)));
}
