// One register item with its facts and its latest history (`show KEY`).
import { adaptiveCard, type AdaptiveCard, type FactSet } from './adaptive';
import { HISTORY_SHOWN, historySection } from './history';
import { itemButtons, itemFacts, itemHeader, itemHeadline, itemTexts } from './item-sections';
import { CARD_BYTE_BUDGET, TEXT_LIMITS, jsonBytes, plainText } from './text';
import type { HistoryEntryView, ItemView } from '../core/view-models';

/** The item with as many of its latest history entries as keep the card within the byte budget (a decision has three long texts). */
export function itemCard(item: ItemView, history: readonly HistoryEntryView[] = []): AdaptiveCard {
  const facts: FactSet = { type: 'FactSet', facts: itemFacts(item), spacing: 'medium' };
  const build = (shown: number) => adaptiveCard(
    [...itemHeader(item), facts, ...itemTexts(item), ...historySection(history, shown)],
    itemButtons(item),
    plainText(itemHeadline(item), TEXT_LIMITS.headline),
  );
  let shown = HISTORY_SHOWN;
  let card = build(shown);
  while (shown > 0 && jsonBytes(card) > CARD_BYTE_BUDGET) card = build(--shown);
  return card;
}
