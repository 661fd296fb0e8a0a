// `risk` with no arguments: title, probability, impact and project asked; the rest offered on the card.
import type { DialogDeps } from './dialog-deps';
import type { FormConfig } from './form-config';
import { date, description, due, longText, owner, probability, project, response, riskImpact, title } from './form-fields';
import { FormDialog } from './form.dialog';

export const RISK_DIALOG = 'pmo.risk';

export const RISK_FORM: FormConfig = {
  command: 'risk',
  topic: 'risk',
  title: 'Log a risk',
  noun: 'risk',
  fields: [
    title('What is the risk? Give it a short title.'),
    probability,
    riskImpact,
    project,
    owner,
    due,
    description,
    response,
    longText('mitigation', 'Mitigation', 'How will you mitigate it?', { max: 2000 }),
    date('review', 'Review date', 'When should it be reviewed next?'),
  ],
};

export class RiskDialog extends FormDialog {
  constructor(deps: DialogDeps) {
    super(RISK_DIALOG, RISK_FORM, deps);
  }
}
