// What a new kind must get right in its descriptor and schema, checked for every kind in the registry.
import { ITEM_KINDS } from '../../../core/domain';
import { REGISTERS, RELATED_FIELDS, storedName } from '../../../core/registers';

const indexesOf = (kind: (typeof ITEM_KINDS)[number]): Record<string, unknown>[] => REGISTERS[kind].model.schema.indexes().map(([fields]) => fields);

describe.each(ITEM_KINDS)('the %s register', (kind) => {
  const descriptor = REGISTERS[kind];

  it('is filed under its own kind, with a model whose schema stores each of its fields', () => {
    expect(descriptor.kind).toBe(kind);
    for (const field of descriptor.fields) expect([kind, storedName(field), descriptor.model.schema.paths[storedName(field)]]).toEqual([kind, storedName(field), expect.anything()]);
  });

  it('allocates keys through a unique (workspaceId, seq) index', () => {
    const unique = descriptor.model.schema.indexes().filter(([, options]) => options?.unique).map(([fields]) => fields);
    expect(unique).toContainEqual({ workspaceId: 1, seq: 1 });
  });

  it('declares, with extra late dates, the query that finds them and the fields they read', () => {
    const late = descriptor.lateDates !== undefined;
    expect([kind, descriptor.lateQuery !== undefined, descriptor.lateFields !== undefined]).toEqual([kind, late, late]);
    for (const field of descriptor.lateFields ?? []) expect([field, descriptor.model.schema.paths[field]]).toEqual([field, expect.anything()]);
  });
});

describe('related fields', () => {
  it('are the action serving an item, then the decision concerning it', () => {
    expect(RELATED_FIELDS).toEqual([{ kind: 'action', stored: 'itemKey' }, { kind: 'decision', stored: 'items' }]);
  });

  it.each(RELATED_FIELDS.map((f) => [f.kind, f.stored]))('%s.%s has the index show reads it by', (kind, stored) => {
    expect(indexesOf(kind as (typeof ITEM_KINDS)[number])).toContainEqual({ workspaceId: 1, [stored]: 1, seq: 1 });
  });
});
