// One raw answer for one field: what a guided dialog uses to re-ask only the field that was wrong.
import type { ItemKind } from '../domain';
import { COMMAND_FIELDS, findField, UPDATE_FIELDS, type AnySchema } from './fields';
import { normalizeText } from './tokenize';
import { quote } from './suggest';
import type { CommandName, ParseContext } from './types';

export interface FieldResult {
  value?: unknown;
  error?: string;
}

function check(schema: AnySchema, what: string, field: string, raw: string, ctx: ParseContext): FieldResult {
  const found = findField(schema, field);
  if (found === undefined) {
    const fields = Object.keys(schema);
    if (fields.length === 0) return { error: `${what} takes no fields` };
    return { error: `${what} has no field ${quote(field)}; its fields are ${fields.join(', ')}` };
  }
  const [, spec] = found;
  const text = normalizeText(raw);
  const unquoted = /^(["“”„'‘’])([\s\S]*)(["“”'‘’])$/.exec(text);
  const result = spec.check(unquoted === null ? text : unquoted[2], ctx);
  return result.error === undefined ? { value: result.value } : { error: result.error };
}

/**
 * Validates one answer for one field of a command: `parseField('risk', 'p', '4', ctx)` → `{ value: 4 }`.
 * `field` is the command property or any of its keys. For `update`, only `key` is here: the other fields
 * depend on the item kind, see parseItemField.
 */
export function parseField(command: CommandName, field: string, raw: string, ctx: ParseContext): FieldResult {
  if (!Object.prototype.hasOwnProperty.call(COMMAND_FIELDS, command)) return { error: `there is no command ${quote(command)}` };
  const schema: AnySchema = COMMAND_FIELDS[command];
  if (command === 'update' && findField(schema, field) === undefined) {
    return { error: `update fields depend on the kind of item (risk, issue or change); give the item key first` };
  }
  return check(schema, command.replace('_', ' '), field, raw, ctx);
}

/** Validates one answer for one field of an existing item of `kind` (what `update KEY field=…` allows). */
export function parseItemField(kind: ItemKind, field: string, raw: string, ctx: ParseContext): FieldResult {
  return check(UPDATE_FIELDS[kind], kind, field, raw, ctx);
}
