// Reading built cards in tests: every node, TextBlocks, facts.
import type { AdaptiveCard } from '../../cards';

export type Node = Record<string, unknown>;
export function nodes(value: unknown, found: Node[] = []): Node[] {
  if (Array.isArray(value)) value.forEach((v) => nodes(v, found));
  else if (typeof value === 'object' && value !== null) {
    found.push(value as Node);
    Object.values(value).forEach((v) => nodes(v, found));
  }
  return found;
}
export const ofType = (card: AdaptiveCard, type: string) => nodes(card.body).filter((n) => n.type === type);
export const textBlocks = (card: AdaptiveCard) => ofType(card, 'TextBlock') as unknown as { text: string; color?: string }[];
export const allText = (card: AdaptiveCard) => textBlocks(card).map((t) => t.text).join('\n');
export const facts = (card: AdaptiveCard) => Object.fromEntries(nodes(card.body).filter((n) => 'title' in n && 'value' in n && !('type' in n)).map((f) => [f.title, f.value]));
