// The confirmation after a save: "Saved R-7 Vendor API may slip" and what was stored (SPEC §3).
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement, type FactSet } from './adaptive';
import { itemButtons, itemFacts, itemHeader, itemHeadline, itemTexts } from './item-sections';
import { TEXT_LIMITS, inlineText, plainText } from './text';
import type { SavedOutcome, SavedView } from '../core/view-models';

const OUTCOME_LABEL: Record<SavedOutcome, string> = {
  created: 'Logged',
  updated: 'Updated',
  closed: 'Closed',
  escalated: 'Escalated',
  approved: 'Approved',
  rejected: 'Rejected',
};

/** "Already overdue: …", where the eye lands after the outcome. */
function noteOf(saved: SavedView): CardElement[] {
  const note = inlineText(saved.note, TEXT_LIMITS.value);
  const told = inlineText(saved.told, TEXT_LIMITS.value);
  return [
    ...(note ? [textBlock(note, { color: 'attention', weight: 'bolder', spacing: 'small' })] : []),
    ...(told ? [textBlock(told, { isSubtle: true, spacing: 'small' })] : []),
  ];
}

export function savedCard(saved: SavedView): AdaptiveCard {
  const { item } = saved;
  const label = OUTCOME_LABEL[saved.outcome];
  const facts: FactSet = { type: 'FactSet', facts: itemFacts(item), spacing: 'medium' };
  return adaptiveCard(
    [textBlock(`✅ ${label}`, { color: 'good', weight: 'bolder' }), ...noteOf(saved), ...itemHeader(item), facts, ...itemTexts(item)],
    itemButtons(item),
    plainText(`${label} ${itemHeadline(item)}`, TEXT_LIMITS.headline),
  );
}
