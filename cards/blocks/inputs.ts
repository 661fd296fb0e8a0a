// One input block per form field; block_id and action_id are the field id, as Teams input ids are.
import { TEXT_LIMITS } from '../text';
import type { FormChoice, FormField } from '../../core/view-models';
import { context } from './layout';
import { inputValue, mrkdwnLine, plain, plainLine } from './text';
import { BLOCK_LIMITS, MORE_LIMITS, type InputBlock, type InputElement, type KnownBlock, type OptionObject } from './types';

/** Modals have number_input; in messages Slack documents it nowhere, so numbers are typed there. */
export type InputSurface = 'modal' | 'message';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: unknown): value is string => typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value));

function asNumber(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

const placeholder = (text: string | undefined) => {
  const shown = plainLine(text, MORE_LIMITS.placeholder);
  return shown ? { placeholder: plain(shown) } : {};
};

/** A refused value (too long, say) is shown whole for correcting, so its input takes what Slack allows. */
const textMax = (field: FormField): number =>
  field.error !== undefined ? BLOCK_LIMITS.plainTextInputMax
    : Math.min(asNumber(field.type === 'text' || field.type === 'multiline' ? field.max : undefined) ?? BLOCK_LIMITS.plainTextInputMax, BLOCK_LIMITS.plainTextInputMax);

/** Whether a text field's value can be prefilled (one longer than the input allows is left out). */
export function prefillFits(field: FormField): boolean {
  if (field.value === undefined || (field.type !== 'text' && field.type !== 'multiline')) return true;
  return inputValue(String(field.value)).length <= textMax(field);
}

function textInput(field: FormField, multiline: boolean, extraPlaceholder?: string): InputElement {
  const max = textMax(field);
  const value = field.value === undefined ? '' : inputValue(String(field.value));
  return {
    type: 'plain_text_input',
    action_id: field.id,
    ...(multiline ? { multiline: true } : {}),
    max_length: Math.max(1, Math.floor(max)),
    // A value longer than the input allows is left out (the user types it again) rather than cut.
    ...(value !== '' && value.length <= max ? { initial_value: value } : {}),
    ...placeholder(field.placeholder ?? extraPlaceholder),
  };
}

function numberInput(field: FormField): InputElement {
  let min = asNumber(field.min);
  let max = asNumber(field.max);
  if (min !== undefined && max !== undefined && min > max) [min, max] = [undefined, undefined];
  const value = asNumber(field.value);
  const decimals = [min, max, value].some((n) => n !== undefined && !Number.isInteger(n));
  const fits = value !== undefined && (min === undefined || value >= min) && (max === undefined || value <= max);
  return {
    type: 'number_input',
    action_id: field.id,
    is_decimal_allowed: decimals,
    ...(fits ? { initial_value: String(value) } : {}),
    ...(min !== undefined ? { min_value: String(min) } : {}),
    ...(max !== undefined ? { max_value: String(max) } : {}),
    ...placeholder(field.placeholder),
  };
}

/** Up to 100 options with usable values, keeping the chosen one even when it comes late. */
function options(choices: readonly FormChoice[], chosen: string | undefined): OptionObject[] {
  const seen = new Set<string>();
  const usable = choices.filter((c) => {
    const ok = typeof c.value === 'string' && c.value.length > 0 && c.value.length <= MORE_LIMITS.optionValue && !seen.has(c.value);
    if (ok) seen.add(c.value);
    return ok;
  });
  const shown = usable.slice(0, BLOCK_LIMITS.options);
  const late = usable.findIndex((c) => c.value === chosen);
  if (late >= BLOCK_LIMITS.options) shown[shown.length - 1] = usable[late];
  return shown.map((c) => ({ text: plain(plainLine(c.title, MORE_LIMITS.optionText) || c.value), value: c.value }));
}

function element(field: FormField, surface: InputSurface): InputElement {
  const chosen = field.value === undefined ? undefined : String(field.value);
  const opts = options(field.choices ?? [], chosen);
  switch (field.type) {
    case 'number': {
      if (surface === 'modal') return numberInput(field);
      const [min, max] = [asNumber(field.min), asNumber(field.max)];
      return textInput(field, false, min !== undefined && max !== undefined ? `${min}–${max}` : undefined);
    }
    case 'date':
      return { type: 'datepicker', action_id: field.id, ...(isDate(field.value) ? { initial_date: field.value } : {}), ...placeholder(field.placeholder) };
    case 'choice':
    case 'person': {
      // A person picker (users_select) would answer Slack ids the form cannot list by name, so known
      // people are a list and anyone else is typed (@name); a choice without choices is typed too.
      if (opts.length === 0) return textInput(field, false);
      const initial = opts.find((o) => o.value === chosen);
      return { type: 'static_select', action_id: field.id, options: opts, ...(initial ? { initial_option: initial } : {}), ...placeholder(field.placeholder ?? 'Choose…') };
    }
    case 'multiline':
      return textInput(field, true);
    case 'text':
    default:
      return textInput(field, false);
  }
}

/** A hint for what the element cannot enforce itself (Slack's date picker has no minimum). */
function hint(field: FormField, surface: InputSurface): string | undefined {
  if (field.type === 'date' && isDate(field.min)) return `On or after ${field.min}`;
  if (field.type === 'number' && surface === 'message' && field.min !== undefined && field.max !== undefined) {
    return `A number from ${field.min} to ${field.max}`;
  }
  return undefined;
}

/**
 * The input, and under it the reason it is asked again (field.error), where the eye lands next.
 * `asked`: the field the form asks now, focused in a modal (Slack allows focus there only) rather than moved.
 */
export function fieldBlocks(field: FormField, surface: InputSurface, asked = false): KnownBlock[] {
  const hintText = plainLine(hint(field, surface), MORE_LIMITS.hint);
  const block: InputBlock = {
    type: 'input',
    block_id: field.id,
    label: plain(plainLine(field.label, TEXT_LIMITS.short) || field.id),
    element: { ...element(field, surface), ...(asked && surface === 'modal' ? { focus_on_load: true } : {}) },
    ...(hintText ? { hint: plain(hintText) } : {}),
    ...(field.required ? {} : { optional: true }),
  };
  const error = mrkdwnLine(field.error, TEXT_LIMITS.value);
  return error ? [block, context(`⚠️ *${error}*`)] : [block];
}
