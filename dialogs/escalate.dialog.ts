// `escalate` with no key: asks which risk, confirms, then turns it into an issue.
import type { DialogDeps } from './dialog-deps';
import type { FormConfig } from './form-config';
import { itemKey, keyed } from './form-fields';
import { FormDialog } from './form.dialog';

export const ESCALATE_DIALOG = 'pmo.escalate';

export const ESCALATE_FORM: FormConfig = {
  command: 'escalate',
  topic: 'escalate',
  title: 'Escalate a risk',
  noun: 'escalation',
  confirmTitle: 'Turn this risk into an issue?',
  fields: [itemKey('Which risk has happened? Give its key, e.g. R-12.', 'a risk key such as R-12')],
  toCommand: (values) => ({ name: 'escalate', key: keyed(values).key }),
};

export class EscalateDialog extends FormDialog {
  constructor(deps: DialogDeps) {
    super(ESCALATE_DIALOG, ESCALATE_FORM, deps);
  }
}
