// `project add` with no arguments: key and name asked; program, portfolio and PM offered on the card.
import type { DialogDeps } from './dialog-deps';
import type { FormConfig } from './form-config';
import { containerKey, containerName, parentKey, person } from './form-fields';
import { FormDialog } from './form.dialog';

export const PROJECT_ADD_DIALOG = 'pmo.projectAdd';

export const PROJECT_ADD_FORM: FormConfig = {
  command: 'project_add',
  topic: 'project',
  title: 'Add a project',
  noun: 'project',
  fields: [
    containerKey('project'),
    containerName('project'),
    parentKey('program'),
    parentKey('portfolio'),
    person('pm', 'Project manager', 'Who is the project manager? @mention them, or say me.'),
  ],
};

export class ProjectAddDialog extends FormDialog {
  constructor(deps: DialogDeps) {
    super(PROJECT_ADD_DIALOG, PROJECT_ADD_FORM, deps);
  }
}
