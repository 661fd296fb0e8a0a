// Every Block Kit limit our builders must keep, checked on plain JSON (tests, and a guard before sending).
import { Checker, checkElement, isObject } from './check-elements';
import { BLOCK_LIMITS, MORE_LIMITS, type Block, type SlackMessage, type SlackModalView } from './types';

const LONE_SURROGATE = /\p{Cs}/u;

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
