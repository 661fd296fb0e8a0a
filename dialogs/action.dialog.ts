// `action` with no arguments: title and project asked; owner, due date and the item it serves offered on the card.
import type { DialogDeps } from './dialog-deps';
import type { FormConfig } from './form-config';
import { description, due, owner, project, textField, title } from './form-fields';
import { FormDialog } from './form.dialog';

export const ACTION_DIALOG = 'pmo.action';

export const ACTION_FORM: FormConfig = {
  command: 'action',
  topic: 'action',
  title: 'Log an action',
  noun: 'action',
  fields: [
    title('What needs doing? Give it a short title.'),
    project,
    owner,
    due,
    textField('item', 'Serves', 'Which item does it serve? Give its key, e.g. R-3.', { allowed: 'the key of an existing item such as R-3 or I-2', exists: 'item' }),
    description,
  ],
};

export class ActionDialog extends FormDialog {
  constructor(deps: DialogDeps) {
    super(ACTION_DIALOG, ACTION_FORM, deps);
  }
}
