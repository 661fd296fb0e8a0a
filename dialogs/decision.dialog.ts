// `decision` with no arguments: title, what was decided and project asked; the rest offered on the card.
import type { DialogDeps } from './dialog-deps';
import type { FormConfig } from './form-config';
import { date, description, longText, person, project, textField, title } from './form-fields';
import { FormDialog } from './form.dialog';

export const DECISION_DIALOG = 'pmo.decision';

export const DECISION_FORM: FormConfig = {
  command: 'decision',
  topic: 'decision',
  title: 'Log a decision',
  noun: 'decision',
  fields: [
    title('What was decided? Give it a short title.'),
    project,
    longText('outcome', 'What was decided', 'What exactly was decided?', { max: 2000, ask: true }),
    longText('rationale', 'Rationale', 'Why was it decided so?', { max: 2000 }),
    person('decidedBy', 'Decided by', 'Who decided it? @mention them, or say me.'),
    date('decidedOn', 'Decided on', 'When was it decided?'),
    textField('items', 'Concerns', 'Which items does it concern? Give their keys, e.g. R-3, I-2.', { allowed: 'keys of existing items such as R-3, I-2', exists: 'item' }),
    description,
  ],
};

export class DecisionDialog extends FormDialog {
  constructor(deps: DialogDeps) {
    super(DECISION_DIALOG, DECISION_FORM, deps);
  }
}
