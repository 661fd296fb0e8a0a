// `program add` with no arguments: key and name asked; the portfolio offered on the card.
import type { DialogDeps } from './dialog-deps';
import type { FormConfig } from './form-config';
import { containerKey, containerName, parentKey } from './form-fields';
import { FormDialog } from './form.dialog';

export const PROGRAM_ADD_DIALOG = 'pmo.programAdd';

export const PROGRAM_ADD_FORM: FormConfig = {
  command: 'program_add',
  topic: 'program',
  title: 'Add a program',
  noun: 'program',
  fields: [containerKey('program'), containerName('program'), parentKey('portfolio')],
};

export class ProgramAddDialog extends FormDialog {
  constructor(deps: DialogDeps) {
    super(PROGRAM_ADD_DIALOG, PROGRAM_ADD_FORM, deps);
  }
}
