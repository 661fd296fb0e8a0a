// Block Kit pieces for the job messages, escaped and kept inside Slack's limits.
import { plainText } from '../text';
import type { JobActionData } from './verbs';

export type Block = Record<string, unknown>;

export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, buttonText: 75, contextElements: 10, fields: 10, fieldText: 2000 } as const;

/** Slack mrkdwn treats only &, < and > specially in text (links, mentions); everything else shows as typed. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** User text for one line of mrkdwn: cleaned, whitespace collapsed, clipped, escaped. */
export function mrkdwnText(text: string | undefined, max: number): string {
  return escapeMrkdwn(plainText(text, max));
}

export const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
/** Plain text within `max` UTF-16 units (how Slack may count), cut between characters with an ellipsis. */
export function plainWithin(text: string, max: number): string {
  let points = max;
  let out = plainText(text, points);
  while (out.length > max && points > 1) {
    points -= Math.max(1, Math.ceil((out.length - max) / 2));
    out = plainText(text, points);
  }
  return out;
}

const plain = (text: string, max: number) => ({ type: 'plain_text', text: plainWithin(text, max), emoji: true });

export const header = (text: string): Block => ({ type: 'header', text: plain(text, SLACK_LIMITS.headerText) });
export const divider = (): Block => ({ type: 'divider' });
export const context = (...texts: string[]): Block => ({ type: 'context', elements: texts.slice(0, SLACK_LIMITS.contextElements).map(mrkdwn) });

export function section(text: string, accessory?: Block): Block {
  return { type: 'section', text: mrkdwn(text.slice(0, SLACK_LIMITS.sectionText)), ...(accessory ? { accessory } : {}) };
}

export function fields(texts: string[]): Block {
  return { type: 'section', fields: texts.slice(0, SLACK_LIMITS.fields).map((t) => mrkdwn(t.slice(0, SLACK_LIMITS.fieldText))) };
}

/** Lines joined into as few sections as fit Slack's 3,000 characters each (a longer line is cut). */
export function sections(lines: readonly string[], heading?: string): Block[] {
  const chunks: string[] = [];
  let current = heading ?? '';
  for (const raw of lines) {
    const line = raw.slice(0, SLACK_LIMITS.sectionText);
    if (current && current.length + 1 + line.length > SLACK_LIMITS.sectionText) {
      chunks.push(current);
      current = line;
    } else {
      current = current ? `${current}\n${line}` : line;
    }
  }
  if (current) chunks.push(current);
  return chunks.map((chunk) => section(chunk));
}

/** Numbers action ids within one message: Slack wants them unique, handlers match on the verb. */
export class ActionIds {
  private n = 0;

  button(text: string, data: JobActionData, style?: 'primary' | 'danger'): Block {
    this.n += 1;
    return {
      type: 'button',
      text: plain(text, SLACK_LIMITS.buttonText),
      action_id: `${data.verb}:${this.n}`,
      value: JSON.stringify(data),
      ...(style ? { style } : {}),
    };
  }
}

/** Never more blocks than Slack takes: the last one says what was left out. */
export function capBlocks(blocks: Block[], note: (left: number) => string): Block[] {
  if (blocks.length <= SLACK_LIMITS.blocks) return blocks;
  const kept = blocks.slice(0, SLACK_LIMITS.blocks - 1);
  return [...kept, context(note(blocks.length - kept.length))];
}
