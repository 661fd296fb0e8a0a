// `role` with no arguments: who, and which role; confirms; grants it (PMO admins only, the runner checks).
import type { DialogDeps } from './dialog-deps';
import type { FormConfig } from './form-config';
import { person, role } from './form-fields';
import { FormDialog } from './form.dialog';

export const ROLE_DIALOG = 'pmo.role';

export const ROLE_FORM: FormConfig = {
  command: 'role',
  topic: 'role',
  title: 'Grant a role',
  noun: 'role',
  confirmTitle: 'Grant this role?',
  fields: [person('user', 'Person', 'Who gets the role? @mention them.', true), role],
};

export class RoleDialog extends FormDialog {
  constructor(deps: DialogDeps) {
    super(ROLE_DIALOG, ROLE_FORM, deps);
  }
}
