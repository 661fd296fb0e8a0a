// `close` with no key: asks which item and, skippably, the resolution; confirms; closes it.
import type { DialogDeps } from './dialog-deps';
import type { FormConfig } from './form-config';
import { itemKey, keyed, longText } from './form-fields';
import { FormDialog } from './form.dialog';

export const CLOSE_DIALOG = 'pmo.close';

export const CLOSE_FORM: FormConfig = {
  command: 'close',
  topic: 'close',
  title: 'Close an item',
  noun: 'closure',
  confirmTitle: 'Close this item?',
  fields: [
    itemKey('Which item should be closed? Give its key, e.g. I-3.'),
    longText('resolution', 'Resolution', 'How was it resolved?', { ask: true, max: 2000 }),
  ],
  toCommand: (values) => ({
    name: 'close',
    ...keyed(values),
    ...(typeof values.resolution === 'string' ? { resolution: values.resolution } : {}),
  }),
};

export class CloseDialog extends FormDialog {
  constructor(deps: DialogDeps) {
    super(CLOSE_DIALOG, CLOSE_FORM, deps);
  }
}
