// Small constructors for the blocks every message uses, each keeping its own Block Kit limit.
import { NONE } from '../text';
import { clipUnits, labelled, mrkdwn, mrkdwnBlock, mrkdwnLine, plain, plainLine } from './text';
import {
  BLOCK_LIMITS, MORE_LIMITS, type ActionsBlock, type ButtonElement, type ContextBlock, type HeaderBlock, type KnownBlock,
  type SectionBlock,
} from './types';

/**
 * Clips text that is already mrkdwn. The builders size their parts to fit, so this is a backstop;
 * when it does cut, a half entity (`&am…`) or half token (`<!date^…`) is dropped, not shown.
 */
function clipMrkdwn(text: string, max: number): string {
  const clipped = clipUnits(text, max);
  return clipped === text ? text : clipped.replace(/(&[a-z]*|<[^>]*)…$/, '…');
}

/** A bold heading line; `text` is user text, shown as typed. */
export function header(text: string): HeaderBlock {
  return { type: 'header', text: plain(plainLine(text, BLOCK_LIMITS.headerText) || NONE) };
}

/** A paragraph; `text` must already be mrkdwn (escaped), it is only clipped here. */
export function section(text: string, accessory?: ButtonElement): SectionBlock {
  const body = clipMrkdwn(text, BLOCK_LIMITS.sectionText) || NONE;
  return { type: 'section', text: mrkdwn(body), ...(accessory ? { accessory } : {}) };
}

/** A bold heading over multi-line user text, or nothing when the text is empty. */
export function headed(heading: string, text: string | undefined, max: number): SectionBlock[] {
  const body = mrkdwnBlock(text, Math.min(max, BLOCK_LIMITS.sectionText - heading.length - 3));
  return body ? [section(`*${heading}*\n${body}`)] : [];
}

/** Small grey text; each part already mrkdwn. */
export function context(...parts: string[]): ContextBlock {
  const elements = parts
    .filter((part) => part.length > 0)
    .slice(0, BLOCK_LIMITS.contextElements)
    .map((part) => mrkdwn(clipMrkdwn(part, MORE_LIMITS.contextText)));
  return { type: 'context', elements: elements.length > 0 ? elements : [mrkdwn(NONE)] };
}

export function actions(buttons: (ButtonElement | undefined)[]): ActionsBlock[] {
  const elements = buttons.filter((b): b is ButtonElement => b !== undefined).slice(0, BLOCK_LIMITS.actionsElements);
  return elements.length > 0 ? [{ type: 'actions', elements }] : [];
}

/** Label/value pairs as two-column section fields, ten to a section; values are user text. */
export function fieldSections(pairs: [label: string, value: string, mrkdwnValue?: string][], max: number): SectionBlock[] {
  const fields = pairs.map(([label, value, written]) => {
    const room = BLOCK_LIMITS.fieldText - label.length - 3;
    // A value already written as mrkdwn (a checked link) goes as it is when it fits; else as plain text.
    if (written !== undefined && written.length <= room) return mrkdwn(labelled(label, written));
    return mrkdwn(labelled(label, mrkdwnLine(value, Math.min(max, room)) || NONE));
  });
  const sections: SectionBlock[] = [];
  for (let i = 0; i < fields.length; i += BLOCK_LIMITS.fields) {
    sections.push({ type: 'section', fields: fields.slice(i, i + BLOCK_LIMITS.fields) });
  }
  return sections;
}

/**
 * The backstop that keeps any message within `max` blocks: the overflow is replaced by a note,
 * and a closing row of buttons (Save/Cancel, More) is kept.
 */
export function capBlocks(blocks: KnownBlock[], max: number): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const last = blocks[blocks.length - 1];
  const tail = last.type === 'actions' ? [last] : [];
  const keep = max - 1 - tail.length;
  const hidden = blocks.length - tail.length - keep;
  return [...blocks.slice(0, keep), context(`_…and ${hidden} more not shown_`), ...tail];
}

/** The notification line that goes with the blocks (mrkdwn, so escaped). */
export function fallbackText(text: string): string {
  return mrkdwnLine(text, 300) || NONE;
}
