// `risk`, `issue`, `decision`… with no arguments: each kind's guided form, from its descriptor (core/registers):
// the required fields asked (a title and project, a risk's probability and impact), the rest offered on the card.
import { ITEM_KINDS, type ItemKind } from '../core/domain';
import { aKind, formFields, nounsOf } from '../core/registers';
import type { DialogDeps } from './dialog-deps';
import type { FormConfig } from './form-config';
import { kindFieldDef } from './form-fields';
import { FormDialog } from './form.dialog';

export const logDialogId = (kind: ItemKind): string => `pmo.${kind}`;

export function logForm(kind: ItemKind): FormConfig {
  const fields = formFields(kind, 'log');
  // A kind whose item lends the project (an action's `item`): the card does not insist on a project;
  // the form asks for one only when the runner still lacks it (nothing served), after the rest.
  const lent = fields.some((f) => f.projectFrom);
  return {
    command: kind,
    topic: kind,
    title: `Log ${aKind(kind)}`,
    noun: nounsOf(kind).singular,
    fields: fields.map(kindFieldDef).map((def) => (lent && def.name === 'project' ? { ...def, required: false } : def)),
  };
}

/** Every kind's log form, by kind. */
export const LOG_FORMS: Readonly<Record<ItemKind, FormConfig>> = Object.fromEntries(ITEM_KINDS.map((kind) => [kind, logForm(kind)])) as Record<ItemKind, FormConfig>;

export class LogItemDialog extends FormDialog {
  constructor(kind: ItemKind, deps: DialogDeps) {
    super(logDialogId(kind), LOG_FORMS[kind], deps);
  }
}

/** One log dialog per kind, in ITEM_KINDS order. */
export const logItemDialogs = (deps: DialogDeps): FormDialog[] => ITEM_KINDS.map((kind) => new LogItemDialog(kind, deps));
