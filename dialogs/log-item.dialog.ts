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
  return {
    command: kind,
    topic: kind,
    title: `Log ${aKind(kind)}`,
    noun: nounsOf(kind).singular,
    fields: formFields(kind, 'log').map(kindFieldDef),
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
