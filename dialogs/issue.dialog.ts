// `issue` with no arguments: title and project asked; priority, type, owner, due offered on the card.
import type { DialogDeps } from './dialog-deps';
import type { FormConfig } from './form-config';
import { description, due, issueType, owner, priority, project, title } from './form-fields';
import { FormDialog } from './form.dialog';

export const ISSUE_DIALOG = 'pmo.issue';

export const ISSUE_FORM: FormConfig = {
  command: 'issue',
  topic: 'issue',
  title: 'Log an issue',
  noun: 'issue',
  fields: [title('What is the issue? Give it a short title.'), project, priority, issueType, owner, due, description],
};

export class IssueDialog extends FormDialog {
  constructor(deps: DialogDeps) {
    super(ISSUE_DIALOG, ISSUE_FORM, deps);
  }
}
