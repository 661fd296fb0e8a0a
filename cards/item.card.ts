// One register item with its facts and its latest history (`show KEY`).
import { adaptiveCard, type AdaptiveCard, type FactSet } from './adaptive';
import { historySection } from './history';
import { itemButtons, itemFacts, itemHeader, itemHeadline, itemTexts } from './item-sections';
import { TEXT_LIMITS, plainText } from './text';
import type { HistoryEntryView, ItemView } from '../core/view-models';

export function itemCard(item: ItemView, history: readonly HistoryEntryView[] = []): AdaptiveCard {
  const facts: FactSet = { type: 'FactSet', facts: itemFacts(item), spacing: 'medium' };
  return adaptiveCard(
    [...itemHeader(item), facts, ...itemTexts(item), ...historySection(history)],
    itemButtons(item),
    plainText(itemHeadline(item), TEXT_LIMITS.headline),
  );
}
