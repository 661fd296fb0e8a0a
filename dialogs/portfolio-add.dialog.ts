// `portfolio add` with no arguments: key and name.
import type { DialogDeps } from './dialog-deps';
import type { FormConfig } from './form-config';
import { containerKey, containerName } from './form-fields';
import { FormDialog } from './form.dialog';

export const PORTFOLIO_ADD_DIALOG = 'pmo.portfolioAdd';

export const PORTFOLIO_ADD_FORM: FormConfig = {
  command: 'portfolio_add',
  topic: 'portfolio',
  title: 'Add a portfolio',
  noun: 'portfolio',
  fields: [containerKey('portfolio'), containerName('portfolio')],
};

export class PortfolioAddDialog extends FormDialog {
  constructor(deps: DialogDeps) {
    super(PORTFOLIO_ADD_DIALOG, PORTFOLIO_ADD_FORM, deps);
  }
}
