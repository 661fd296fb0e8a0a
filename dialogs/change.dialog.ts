// `change` with no arguments: title and project asked; impact, owner, due offered on the card.
import type { DialogDeps } from './dialog-deps';
import type { FormConfig } from './form-config';
import { description, due, longText, owner, project, title } from './form-fields';
import { FormDialog } from './form.dialog';

export const CHANGE_DIALOG = 'pmo.change';

export const CHANGE_FORM: FormConfig = {
  command: 'change',
  topic: 'change',
  title: 'Log a change request',
  noun: 'change request',
  fields: [
    title('What change is requested? Give it a short title.'),
    project,
    longText('impact', 'Impact', 'What is its impact on time, cost and scope?', { max: 2000 }),
    owner,
    due,
    description,
  ],
};

export class ChangeDialog extends FormDialog {
  constructor(deps: DialogDeps) {
    super(CHANGE_DIALOG, CHANGE_FORM, deps);
  }
}
