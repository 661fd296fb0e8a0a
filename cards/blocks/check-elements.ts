// The checker's bookkeeping and the limits of interactive elements (buttons, inputs, selects).
import { BLOCK_LIMITS, MORE_LIMITS } from './types';

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class Checker {
  readonly problems: string[] = [];
  private readonly blockIds = new Set<string>();
  private readonly actionIds = new Set<string>();

  fail(path: string, what: string): void {
    this.problems.push(`${path}: ${what}`);
  }

  string(path: string, value: unknown, max: number, required = true): void {
    if (value === undefined && !required) return;
    if (typeof value !== 'string') return this.fail(path, 'must be a string');
    if (value.length === 0) this.fail(path, 'must not be empty');
    if (value.length > max) this.fail(path, `${value.length} characters, more than ${max}`);
  }

  text(path: string, value: unknown, max: number, plainOnly = false): void {
    if (!isObject(value)) return this.fail(path, 'must be a text object');
    if (value.type !== 'plain_text' && (plainOnly || value.type !== 'mrkdwn')) this.fail(`${path}.type`, plainOnly ? 'must be plain_text' : 'must be plain_text or mrkdwn');
    this.string(`${path}.text`, value.text, max);
  }

  optionalText(path: string, value: unknown, max: number): void {
    if (value !== undefined) this.text(path, value, max, true);
  }

  unique(path: string, value: unknown, max: number, seen: 'block' | 'action'): void {
    this.string(path, value, max);
    const ids = seen === 'block' ? this.blockIds : this.actionIds;
    if (typeof value !== 'string') return;
    if (ids.has(value)) this.fail(path, `duplicate ${seen}_id "${value}"`);
    ids.add(value);
  }

  count(path: string, value: unknown, max: number): value is unknown[] {
    if (!Array.isArray(value)) {
      this.fail(path, 'must be an array');
      return false;
    }
    if (value.length === 0) this.fail(path, 'must not be empty');
    if (value.length > max) this.fail(path, `${value.length} items, more than ${max}`);
    return true;
  }
}

function checkOptions(c: Checker, path: string, element: Json, max: number): void {
  if (!c.count(`${path}.options`, element.options, max)) return;
  const values = new Set<string>();
  element.options.forEach((option, i) => {
    const at = `${path}.options[${i}]`;
    if (!isObject(option)) return c.fail(at, 'must be an option object');
    c.text(`${at}.text`, option.text, MORE_LIMITS.optionText, element.type === 'static_select');
    c.string(`${at}.value`, option.value, MORE_LIMITS.optionValue);
    if (typeof option.value === 'string' && values.has(option.value)) c.fail(`${at}.value`, `duplicate option value "${option.value}"`);
    values.add(String(option.value));
  });
  const initial = element.initial_option;
  if (initial !== undefined && !(isObject(initial) && JSON.stringify(element.options).includes(JSON.stringify(initial)))) {
    c.fail(`${path}.initial_option`, 'must be one of the options');
  }
}

function checkNumber(c: Checker, path: string, element: Json): void {
  if (typeof element.is_decimal_allowed !== 'boolean') c.fail(`${path}.is_decimal_allowed`, 'is required (boolean)');
  const read = (key: string): number | undefined => {
    const value = element[key];
    if (value === undefined) return undefined;
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (!Number.isFinite(n)) {
      c.fail(`${path}.${key}`, 'must be a number as a string');
      return undefined;
    }
    if (element.is_decimal_allowed === false && !Number.isInteger(n)) c.fail(`${path}.${key}`, 'must be a whole number');
    return n;
  };
  const [min, max, initial] = [read('min_value'), read('max_value'), read('initial_value')];
  if (min !== undefined && max !== undefined && min > max) c.fail(path, 'min_value is greater than max_value');
  if (initial !== undefined && ((min !== undefined && initial < min) || (max !== undefined && initial > max))) c.fail(`${path}.initial_value`, 'is out of range');
}

export function checkElement(c: Checker, path: string, element: unknown): void {
  if (!isObject(element)) return c.fail(path, 'must be an element object');
  c.unique(`${path}.action_id`, element.action_id, BLOCK_LIMITS.actionId, 'action');
  c.optionalText(`${path}.placeholder`, element.placeholder, MORE_LIMITS.placeholder);
  switch (element.type) {
    case 'button':
      c.text(`${path}.text`, element.text, BLOCK_LIMITS.buttonText, true);
      c.string(`${path}.value`, element.value, BLOCK_LIMITS.value, false);
      c.string(`${path}.url`, element.url, MORE_LIMITS.url, false);
      if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') c.fail(`${path}.style`, 'must be primary or danger');
      return;
    case 'plain_text_input': {
      const max = element.max_length ?? BLOCK_LIMITS.plainTextInputMax;
      if (typeof max !== 'number' || max < 1 || max > BLOCK_LIMITS.plainTextInputMax) c.fail(`${path}.max_length`, `must be 1–${BLOCK_LIMITS.plainTextInputMax}`);
      c.string(`${path}.initial_value`, element.initial_value, typeof max === 'number' ? Math.min(max, BLOCK_LIMITS.plainTextInputMax) : BLOCK_LIMITS.plainTextInputMax, false);
      return;
    }
    case 'number_input':
      return checkNumber(c, path, element);
    case 'datepicker':
      if (element.initial_date !== undefined && !(typeof element.initial_date === 'string' && ISO_DATE.test(element.initial_date))) c.fail(`${path}.initial_date`, 'must be YYYY-MM-DD');
      return;
    case 'static_select':
      return checkOptions(c, path, element, BLOCK_LIMITS.options);
    case 'radio_buttons':
      return checkOptions(c, path, element, 10);
    case 'users_select':
      return;
    default:
      c.fail(`${path}.type`, `unknown element type ${JSON.stringify(element.type)}`);
  }
}

