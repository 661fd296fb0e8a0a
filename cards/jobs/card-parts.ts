// Parts the job cards share (digest, scorecard, follow-up): a section heading and a key number.
import type { CardElement, Column } from '../adaptive';
import { column, textBlock } from '../adaptive';

/** A section's heading, set off from what came before. */
export const heading = (text: string): CardElement => textBlock(text, { weight: 'bolder', size: 'medium', spacing: 'large', separator: true });

/** One big figure with its label under it; `alert`: a figure other than 0 shows in the attention colour. */
export function keyNumber(label: string, value: number | string, alert: boolean): Column {
  return column([
    textBlock(String(value), { size: 'large', weight: 'bolder', color: alert && value !== 0 ? 'attention' : 'default', horizontalAlignment: 'center' }),
    textBlock(label, { size: 'small', isSubtle: true, spacing: 'none', horizontalAlignment: 'center' }),
  ], 'stretch');
}
