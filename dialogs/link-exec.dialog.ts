// `link exec` with no portfolio: asks which portfolio's digest this channel gets; confirms; links it.
import type { DialogDeps } from './dialog-deps';
import type { FormConfig } from './form-config';
import { parentKey } from './form-fields';
import { FormDialog } from './form.dialog';

export const LINK_EXEC_DIALOG = 'pmo.linkExec';

export const LINK_EXEC_FORM: FormConfig = {
  command: 'link_exec',
  topic: 'link',
  title: 'Make this channel an exec channel',
  noun: 'exec channel',
  confirmTitle: "Post this portfolio's digest here?",
  fields: [{ ...parentKey('portfolio', true), question: 'Which portfolio should post its digest here? Give its key.' }],
};

export class LinkExecDialog extends FormDialog {
  constructor(deps: DialogDeps) {
    super(LINK_EXEC_DIALOG, LINK_EXEC_FORM, deps);
  }
}
