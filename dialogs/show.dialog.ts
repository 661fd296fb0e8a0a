// `show` with no key: asks which item, then shows it (nothing to confirm).
import type { DialogDeps } from './dialog-deps';
import type { FormConfig } from './form-config';
import { itemKey, keyed } from './form-fields';
import { FormDialog } from './form.dialog';

export const SHOW_DIALOG = 'pmo.show';

export const SHOW_FORM: FormConfig = {
  command: 'show',
  topic: 'show',
  title: 'Show an item',
  noun: 'item',
  confirm: false,
  fields: [itemKey('Which item? Give its key, e.g. R-12.')],
  toCommand: (values) => ({ name: 'show', ...keyed(values) }),
};

export class ShowDialog extends FormDialog {
  constructor(deps: DialogDeps) {
    super(SHOW_DIALOG, SHOW_FORM, deps);
  }
}
