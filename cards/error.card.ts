// Something went wrong or the input was not understood: what, and what to do next.
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from './adaptive';
import { TEXT_LIMITS, blockText, inlineText, plainText } from './text';
import type { ErrorView } from '../core/view-models';

export function errorCard(error: ErrorView): AdaptiveCard {
  const body: CardElement[] = [textBlock(`⚠ ${inlineText(error.message, TEXT_LIMITS.headline)}`, { color: 'attention', weight: 'bolder' })];
  const detail = blockText(error.detail);
  if (detail) body.push(textBlock(detail, { spacing: 'small' }));
  const hint = inlineText(error.hint);
  if (hint) body.push(textBlock(hint, { isSubtle: true, spacing: 'small' }));
  return adaptiveCard(body, [], plainText(error.message, TEXT_LIMITS.headline));
}
