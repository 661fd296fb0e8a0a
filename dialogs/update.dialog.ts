// `update` without its key or fields: asks the key, then the field=value pairs to change; confirms.
import { parseCommand, parseField, type FieldResult, type ParseContext, type UpdateCommand } from '../core/commands';
import type { DialogDeps } from './dialog-deps';
import type { FormConfig, FormValues } from './form-config';
import { itemKey, keyed, textField } from './form-fields';
import { FormDialog } from './form.dialog';

export const UPDATE_DIALOG = 'pmo.update';

/** The pairs are read as the rest of `update KEY …`, so they follow the item's kind; earlier ones are kept. */
function parseUpdate(field: string, raw: string, values: FormValues, ctx: ParseContext): FieldResult {
  if (field !== 'fields') return parseField('update', field, raw, ctx);
  const { key } = keyed(values);
  if (key === '') return { error: 'give the item key first' };
  const { command, errors } = parseCommand(`update ${key} ${raw}`, ctx);
  if (errors.length > 0 || command?.name !== 'update') return { error: errors.map((e) => e.message).join('; ') || 'I could not read those changes' };
  const earlier = typeof values.fields === 'object' && values.fields !== null ? values.fields : {};
  return { value: { ...earlier, ...command.fields } };
}

export const UPDATE_FORM: FormConfig = {
  command: 'update',
  topic: 'update',
  title: 'Update an item',
  noun: 'update',
  confirmTitle: 'Save these changes?',
  fields: [
    itemKey('Which item do you want to update? Give its key, e.g. R-12.'),
    textField('fields', 'Changes', 'What should change? Write field=value pairs, e.g. p=4 due="next friday".', {
      required: true,
      allowed: 'field=value pairs such as p=4, due="next friday", status=mitigating or owner=@person',
    }),
  ],
  parse: parseUpdate,
  catchAll: 'fields',
  toCommand: (values) => ({ name: 'update', ...keyed(values), fields: values.fields ?? {} }) as UpdateCommand,
};

export class UpdateDialog extends FormDialog {
  constructor(deps: DialogDeps) {
    super(UPDATE_DIALOG, UPDATE_FORM, deps);
  }
}
