// Every Block Kit limit our builders must keep, checked on plain JSON (tests, and a guard before sending).
import { BLOCK_LIMITS, MORE_LIMITS, type Block, type SlackMessage, type SlackModalView } from './types';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const LONE_SURROGATE = /\p{Cs}/u;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

class Checker {
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

function checkElement(c: Checker, path: string, element: unknown): void {
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

function checkBlock(c: Checker, path: string, block: unknown): void {
  if (!isObject(block)) return c.fail(path, 'must be a block object');
  if (block.block_id !== undefined) c.unique(`${path}.block_id`, block.block_id, MORE_LIMITS.blockId, 'block');
  switch (block.type) {
    case 'header':
      return c.text(`${path}.text`, block.text, BLOCK_LIMITS.headerText, true);
    case 'section':
      if (block.text === undefined && block.fields === undefined) return c.fail(path, 'needs text or fields');
      if (block.text !== undefined) c.text(`${path}.text`, block.text, BLOCK_LIMITS.sectionText);
      if (block.fields !== undefined && c.count(`${path}.fields`, block.fields, BLOCK_LIMITS.fields)) {
        block.fields.forEach((field, i) => c.text(`${path}.fields[${i}]`, field, BLOCK_LIMITS.fieldText));
      }
      if (block.accessory !== undefined) checkElement(c, `${path}.accessory`, block.accessory);
      return;
    case 'context':
      if (c.count(`${path}.elements`, block.elements, BLOCK_LIMITS.contextElements)) {
        block.elements.forEach((element, i) => c.text(`${path}.elements[${i}]`, element, MORE_LIMITS.contextText));
      }
      return;
    case 'actions':
      if (c.count(`${path}.elements`, block.elements, BLOCK_LIMITS.actionsElements)) {
        block.elements.forEach((element, i) => checkElement(c, `${path}.elements[${i}]`, element));
      }
      return;
    case 'divider':
      return;
    case 'input':
      c.text(`${path}.label`, block.label, MORE_LIMITS.label, true);
      c.optionalText(`${path}.hint`, block.hint, MORE_LIMITS.hint);
      if (block.element === undefined) return c.fail(`${path}.element`, 'is required');
      if (isObject(block.element) && block.element.type === 'button') return c.fail(`${path}.element`, 'a button is not an input');
      return checkElement(c, `${path}.element`, block.element);
    default:
      c.fail(`${path}.type`, `unknown block type ${JSON.stringify(block.type)}`);
  }
}

/** Strings Slack cannot take as sent: half an emoji (a lone surrogate) anywhere in the JSON. */
function checkStrings(c: Checker, path: string, value: unknown): void {
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) c.fail(path, 'contains a lone surrogate (half an emoji)');
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkStrings(c, `${path}[${i}]`, v));
  } else if (isObject(value)) {
    for (const [key, v] of Object.entries(value)) checkStrings(c, `${path}.${key}`, v);
  }
}

export interface SurfaceExtras {
  title?: string;
  submit?: string;
  close?: string;
  privateMetadata?: string;
  callbackId?: string;
}

/** Every limit violation found in a message's or modal's blocks; [] when Slack will take them. */
export function checkLimits(surface: 'message' | 'modal', blocks: Block[], extra: SurfaceExtras = {}): string[] {
  const c = new Checker();
  const max = surface === 'message' ? BLOCK_LIMITS.messageBlocks : BLOCK_LIMITS.modalBlocks;
  if (!Array.isArray(blocks)) return ['blocks: must be an array'];
  if (blocks.length > max) c.fail('blocks', `${blocks.length} blocks, more than the ${max} a ${surface} may have`);
  blocks.forEach((block, i) => checkBlock(c, `blocks[${i}]`, block));
  checkStrings(c, 'blocks', blocks);
  if (extra.title !== undefined) c.string('title', extra.title, BLOCK_LIMITS.modalTitle);
  if (extra.submit !== undefined) c.string('submit', extra.submit, MORE_LIMITS.modalButton);
  if (extra.close !== undefined) c.string('close', extra.close, MORE_LIMITS.modalButton);
  if (extra.privateMetadata !== undefined && extra.privateMetadata.length > MORE_LIMITS.privateMetadata) {
    c.fail('private_metadata', `${extra.privateMetadata.length} characters, more than ${MORE_LIMITS.privateMetadata}`);
  }
  if (extra.callbackId !== undefined) c.string('callback_id', extra.callbackId, MORE_LIMITS.callbackId);
  return c.problems;
}

/** A whole message: its blocks and its notification text. */
export function checkMessage(message: SlackMessage): string[] {
  const c = new Checker();
  c.string('text', message.text, MORE_LIMITS.messageText);
  checkStrings(c, 'text', message.text);
  return [...c.problems, ...checkLimits('message', message.blocks)];
}

/** A whole modal: its blocks, title, buttons, callback id and private metadata. */
export function checkModal(view: SlackModalView): string[] {
  return checkLimits('modal', view.blocks, {
    title: view.title.text,
    submit: view.submit?.text,
    close: view.close?.text,
    privateMetadata: view.private_metadata,
    callbackId: view.callback_id,
  });
}
