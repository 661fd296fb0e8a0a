// A guided form (a command typed without arguments): one input per field, Save and Cancel.
import { adaptiveCard, submit, textBlock, type AdaptiveCard, type CardElement, type CardInput } from './adaptive';
import { CARD_BYTE_BUDGET, TEXT_LIMITS, inlineText, inputText, jsonBytes, plainText } from './text';
import { CARD_VERBS, RESERVED_DATA_KEYS } from './verbs';
import type { FormField, FormView } from '../core/view-models';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function asNumber(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}
const asDate = (value: unknown): string | undefined => (typeof value === 'string' && ISO_DATE.test(value) ? value : undefined);

/** What the client says when its own check fails (required, range), in the field's words. */
function clientMessage(field: FormField, label: string): string | undefined {
  const rules: string[] = [];
  if (field.required) rules.push('is required');
  if (field.min !== undefined && field.max !== undefined && field.type !== 'text' && field.type !== 'multiline') {
    rules.push(`must be between ${field.min} and ${field.max}`);
  }
  return rules.length > 0 ? `${label} ${rules.join(' and ')}` : undefined;
}

function input(field: FormField, text: string | undefined): CardInput {
  const label = plainText(field.label, TEXT_LIMITS.name);
  const errorMessage = clientMessage(field, label);
  const base = {
    id: field.id,
    label,
    ...(field.required ? { isRequired: true } : {}),
    ...(errorMessage ? { errorMessage } : {}),
    ...(field.placeholder ? { placeholder: plainText(field.placeholder, TEXT_LIMITS.name) } : {}),
  };
  const choices = (field.choices ?? []).map((c) => ({ title: plainText(c.title, TEXT_LIMITS.name), value: c.value }));
  const chosen = choices.some((c) => c.value === text) ? text : undefined;
  switch (field.type) {
    case 'number':
      return { type: 'Input.Number', ...base, value: asNumber(field.value), min: asNumber(field.min), max: asNumber(field.max) };
    case 'date':
      return { type: 'Input.Date', ...base, value: asDate(field.value), min: asDate(field.min), max: asDate(field.max) };
    case 'choice':
      return { type: 'Input.ChoiceSet', ...base, style: 'compact', choices, value: chosen };
    case 'person':
      // Known people become a searchable list; otherwise the parser's own person syntax is typed.
      // A person already chosen is shown in a plain list: the JS renderer (Web Chat, the local chat)
      // puts a filtered list's raw value, the platform id, into its text box instead of the name.
      if (choices.length > 0) return { type: 'Input.ChoiceSet', ...base, style: chosen === undefined ? 'filtered' : 'compact', choices, value: chosen };
      return { type: 'Input.Text', ...base, value: text };
    case 'text':
    case 'multiline':
      return {
        type: 'Input.Text',
        ...base,
        value: text,
        ...(field.type === 'multiline' ? { isMultiline: true } : {}),
        maxLength: asNumber(field.max),
      };
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function build(form: FormView, values: readonly (string | undefined)[], keep: readonly string[] = []): AdaptiveCard {
  const body: CardElement[] = [textBlock(inlineText(form.title, TEXT_LIMITS.headline), { size: 'medium', weight: 'bolder', style: 'heading' })];
  const intro = inlineText(form.intro, TEXT_LIMITS.value);
  if (intro) body.push(textBlock(intro, { spacing: 'small' }));
  if (form.fields.some((f) => f.error)) {
    body.push(textBlock('Please correct the field marked below.', { color: 'attention', spacing: 'small' }));
  }
  form.fields.forEach((field, i) => {
    body.push(withoutUndefined(input(field, values[i])));
    if (field.error) body.push(textBlock(inlineText(field.error, TEXT_LIMITS.short), { color: 'attention', size: 'small', spacing: 'small' }));
  });
  const instance = form.formId ? { form: form.formId } : {};
  const actions = [
    submit(plainText(form.submitLabel ?? 'Save', TEXT_LIMITS.name), {
      verb: CARD_VERBS.submitForm, command: form.command, ...instance, ...(keep.length > 0 ? { keep: [...keep] } : {}),
    }, { style: 'positive' }),
    submit('Cancel', { verb: CARD_VERBS.cancel, command: form.command, ...instance }, { associatedInputs: 'none' }),
  ];
  return adaptiveCard(body, actions, plainText(form.title, TEXT_LIMITS.headline));
}

/**
 * Prefilled values get what the rest of the card leaves, shortest first. One that does not fit is
 * left out (the user types it again) rather than cut, since an input submits whatever it holds.
 */
function fittingValues(values: readonly (string | undefined)[], bytes: number): (string | undefined)[] {
  const VALUE_OVERHEAD = 12; // ,"value":
  const sizes = values.map((value) => (value === undefined ? 0 : jsonBytes(value) + VALUE_OVERHEAD));
  const kept = new Set<number>();
  let left = bytes;
  for (const i of sizes.map((_, i) => i).sort((a, b) => sizes[a] - sizes[b])) {
    if (sizes[i] > left) break;
    kept.add(i);
    left -= sizes[i];
  }
  return values.map((value, i) => (kept.has(i) ? value : undefined));
}

export function formCard(form: FormView): AdaptiveCard {
  const clash = form.fields.find((f) => RESERVED_DATA_KEYS.includes(f.id));
  if (clash) throw new Error(`form field id "${clash.id}" would overwrite the action data; rename it`);
  const values = form.fields.map((f) => (f.value === undefined ? undefined : inputText(String(f.value))));
  // The skeleton reserves room for every input id in `keep`, in case all values are left out.
  const skeleton = build(form, values.map(() => undefined), form.fields.map((f) => f.id));
  const fitted = fittingValues(values, CARD_BYTE_BUDGET - jsonBytes(skeleton));
  // A value left out must not read as "emptied" when the card comes back.
  const keep = form.fields.filter((_, i) => values[i] !== undefined && fitted[i] === undefined).map((f) => f.id);
  return build(form, fitted, keep);
}
