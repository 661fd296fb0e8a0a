// The Update button's form: the item's own fields (as its kind's log form asks them), its current values, and
// the `update KEY field=value…` of only what changed.
import { aKind, formFields, nounsOf, storedName } from '../core/registers';
import type { UpdateCommand } from '../core/commands';
import type { ItemKind } from '../core/domain';
import type { RegisterItem } from '../core/services';
import { parseItemField } from '../core/commands';
import type { FieldDef, FormConfig, FormValues } from './form-config';
import { keyed, kindFieldDef } from './form-fields';
import { isPerson } from './form-state';

/** Where the values the form was opened with are kept, to send only what changed. */
export const ORIGINAL = 'original';

/**
 * The descriptor's fields `update` may change (not the project), the item's state (status, resolution,
 * a change's decision) right after the title; what an item keeps set (an issue's priority) may not be emptied.
 */
function editFields(kind: ItemKind): FieldDef[] {
  return formFields(kind, 'edit').map((field): FieldDef => {
    const def = kindFieldDef(field);
    if (field.name === 'title') return { ...def, question: 'What should the title be?' };
    return field.keep && field.value.type !== 'person' ? { ...def, required: true } : def;
  });
}

const samePerson = (a: unknown, b: unknown): boolean => isPerson(a) && isPerson(b) && a.platformUserId === b.platformUserId;

/**
 * `update KEY` with each field whose value differs from the one the form opened with. A field the
 * user emptied is cleared (`''`, which the service stores as empty or no date), except a person.
 */
function changedCommand(config: FormConfig, values: FormValues): UpdateCommand {
  const original = (values[ORIGINAL] ?? {}) as FormValues;
  const fields: Record<string, unknown> = {};
  for (const def of config.fields) {
    const now = values[def.name];
    const was = original[def.name];
    if (now === was || samePerson(now, was)) continue;
    if (now !== undefined) fields[def.name] = now;
    else if (!def.required && def.type !== 'person') fields[def.name] = '';
  }
  return { name: 'update', ...keyed(values), fields } as UpdateCommand;
}

export function editForm(kind: ItemKind): FormConfig {
  const config: FormConfig = {
    command: 'update',
    topic: 'update',
    title: `Update ${aKind(kind)}`,
    noun: nounsOf(kind).singular,
    confirmTitle: 'Save these changes?',
    fields: editFields(kind),
    parse: (field, raw, _values, ctx) => parseItemField(kind, field, raw, ctx),
    toCommand: (values) => changedCommand(config, values),
  };
  return config;
}

/** The ids of the people the item's form shows (its person-valued fields: owner, decided by), to name them. */
export function personIds(item: RegisterItem): string[] {
  const stored = item as unknown as Record<string, unknown>;
  const ids = formFields(item.kind, 'edit').filter((f) => f.value.type === 'person').map((f) => stored[storedName(f)]);
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
}

/**
 * The item's current values, by the form's field names; a person (the owner, a decision's decided by)
 * by id with their name when `names` has it, never named by platform id alone.
 */
export function currentValues(item: RegisterItem, names: ReadonlyMap<string, string>): FormValues {
  const stored = item as unknown as Record<string, unknown>;
  const values: FormValues = {};
  for (const field of formFields(item.kind, 'edit')) {
    const value = stored[storedName(field)];
    if (field.value.type === 'person') {
      if (typeof value === 'string' && value) {
        const name = names.get(value);
        values[field.name] = { platformUserId: value, ...(name ? { displayName: name } : {}) };
      }
    } else if (Array.isArray(value)) {
      if (value.length > 0) values[field.name] = value.join(', ');
    } else if (value !== null && value !== undefined && value !== '') {
      values[field.name] = value;
    }
  }
  return values;
}
