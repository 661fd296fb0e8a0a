// `escalate` with no key: asks which risk or issue, confirms, then turns a risk into an issue or raises a change request from an issue.
import type { DialogDeps } from './dialog-deps';
import type { FormConfig } from './form-config';
import { itemKey, keyed } from './form-fields';
import { FormDialog } from './form.dialog';

export const ESCALATE_DIALOG = 'pmo.escalate';

export const ESCALATE_FORM: FormConfig = {
  command: 'escalate',
  topic: 'escalate',
  title: 'Escalate a risk or issue',
  noun: 'escalation',
  confirmTitle: 'Escalate it (a risk becomes an issue, an issue raises a change request)?',
  fields: [itemKey('Which risk has happened, or which issue needs a change request? Give its key, e.g. R-12 or I-3.', 'a risk or issue key such as R-12 or I-3')],
  toCommand: (values) => ({ name: 'escalate', key: keyed(values).key }),
};

export class EscalateDialog extends FormDialog {
  constructor(deps: DialogDeps) {
    super(ESCALATE_DIALOG, ESCALATE_FORM, deps);
  }
}
