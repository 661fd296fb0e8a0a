// "Save this risk?": what will be stored, an Edit button per field, then Save or Cancel.
import { adaptiveCard, column, submit, textBlock, type AdaptiveCard, type CardElement, type ColumnSet } from './adaptive';
import { CARD_BYTE_BUDGET, NONE, TEXT_LIMITS, blockText, inlineText, jsonBytes, plainText, shareBytes } from './text';
import { CARD_VERBS } from './verbs';
import type { ConfirmationField, ConfirmationView } from '../core/view-models';

function row(command: string, field: ConfirmationField, value: string, instance: { form?: string }): ColumnSet {
  const label = plainText(field.label, TEXT_LIMITS.name);
  const edit = field.editable === false ? [] : [column([{
    type: 'ActionSet',
    actions: [submit('Edit', { verb: CARD_VERBS.editField, command, field: field.id, ...instance }, { tooltip: `Edit ${label}` })],
  }], 'auto')];
  return {
    type: 'ColumnSet',
    separator: true,
    spacing: 'small',
    columns: [column([textBlock(inlineText(label), { weight: 'bolder' })], 2), column([textBlock(value)], 5), ...edit],
  };
}

function build(confirmation: ConfirmationView, values: readonly string[]): AdaptiveCard {
  const { command } = confirmation;
  const instance = confirmation.formId ? { form: confirmation.formId } : {};
  const body: CardElement[] = [
    textBlock(inlineText(confirmation.title, TEXT_LIMITS.headline), { size: 'medium', weight: 'bolder', style: 'heading' }),
  ];
  const note = inlineText(confirmation.note);
  if (note) body.push(textBlock(note, { isSubtle: true, spacing: 'small' }));
  body.push(...confirmation.fields.map((field, i) => row(command, field, values[i], instance)));
  const actions = [
    submit('Save', { verb: CARD_VERBS.confirmSave, command, ...instance }, { style: 'positive' }),
    submit('Cancel', { verb: CARD_VERBS.cancel, command, ...instance }),
  ];
  return adaptiveCard(body, actions, plainText(confirmation.title, TEXT_LIMITS.headline));
}

export function confirmationCard(confirmation: ConfirmationView): AdaptiveCard {
  // Values share what the rest of the card leaves, so a long description is clipped, not the card.
  const skeleton = build(confirmation, confirmation.fields.map(() => NONE));
  const values = shareBytes(
    confirmation.fields.map((field) => field.value),
    CARD_BYTE_BUDGET - jsonBytes(skeleton),
    (text, max) => blockText(text, max) || NONE,
    TEXT_LIMITS.longText,
  );
  return build(confirmation, values);
}
