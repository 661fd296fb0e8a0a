// `link` with no project: asks which project this channel belongs to; confirms; links it.
import type { DialogDeps } from './dialog-deps';
import type { FormConfig } from './form-config';
import { project } from './form-fields';
import { FormDialog } from './form.dialog';

export const LINK_DIALOG = 'pmo.link';

export const LINK_FORM: FormConfig = {
  command: 'link',
  topic: 'link',
  title: 'Link this channel to a project',
  noun: 'link',
  confirmTitle: 'Link this channel to this project?',
  fields: [{ ...project, question: 'Which project is this channel for? Give its key, e.g. APOLLO.' }],
};

export class LinkDialog extends FormDialog {
  constructor(deps: DialogDeps) {
    super(LINK_DIALOG, LINK_FORM, deps);
  }
}
