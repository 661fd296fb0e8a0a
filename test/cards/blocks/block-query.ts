// Reading built Block Kit JSON in tests: its buttons, inputs and every text a reader sees.
import type { Block } from '../../../cards/blocks';

export type Node = Record<string, unknown>;

/** Every object in the JSON tree, depth first. */
export function nodes(value: unknown): Node[] {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (typeof value !== 'object' || value === null) return [];
  return [value as Node, ...Object.values(value).flatMap(nodes)];
}

export const buttons = (blocks: Block[]): Node[] => nodes(blocks).filter((n) => n.type === 'button');
export const inputs = (blocks: Block[]): Node[] => blocks.filter((b) => b.type === 'input');
export const ofType = (blocks: Block[], type: string): Block[] => blocks.filter((b) => b.type === type);

/** The texts of text objects, in order. */
export function texts(blocks: Block[]): string[] {
  return nodes(blocks)
    .filter((n) => (n.type === 'plain_text' || n.type === 'mrkdwn') && typeof n.text === 'string')
    .map((n) => n.text as string);
}

export const allText = (blocks: Block[]): string => texts(blocks).join('\n');

/** The data each button carries, parsed back from its value. */
export const buttonData = (blocks: Block[]): unknown[] => buttons(blocks).map((b) => JSON.parse(String(b.value)));
