// A register view (`list risks|issues|changes ...`): one compact row per item, tap a row to open it.
import { adaptiveCard, column, submit, textBlock, type AdaptiveCard, type CardElement, type ColumnSet } from './adaptive';
import { itemLevel } from './item-sections';
import { KIND_PLURAL, OVERDUE_MARK, humanize } from './style';
import { TEXT_LIMITS, inlineText, jsonBytes, plainText } from './text';
import { CARD_VERBS } from './verbs';
import type { ItemView, ListView } from '../core/view-models';

export const LIST_ROWS_SHOWN = 25;
/** Rows stop early when long titles would take the card past Teams' size limit. */
const ROWS_BYTE_BUDGET = 20_000;

function row(item: ItemView): ColumnSet {
  const level = itemLevel(item);
  const details = [inlineText(item.project, TEXT_LIMITS.name), inlineText(humanize(item.status))];
  if (item.ownerName) details.push(inlineText(item.ownerName, TEXT_LIMITS.name));
  if (item.due) details.push(`due ${inlineText(item.due)}`);
  const flags: CardElement[] = [textBlock(level.text, { color: level.color, size: 'small', weight: 'bolder', horizontalAlignment: 'right' })];
  if (item.overdue) flags.push(textBlock(OVERDUE_MARK, { color: 'attention', size: 'small', spacing: 'none', horizontalAlignment: 'right' }));
  return {
    type: 'ColumnSet',
    separator: true,
    spacing: 'small',
    selectAction: submit(`Open ${plainText(item.key, TEXT_LIMITS.name)}`, { verb: CARD_VERBS.showItem, key: item.key }),
    columns: [
      column([
        textBlock(`**${inlineText(item.key, TEXT_LIMITS.name)}** ${inlineText(item.title, TEXT_LIMITS.rowTitle)}`, { maxLines: 2 }),
        textBlock(details.join(' · '), { size: 'small', isSubtle: true, spacing: 'none' }),
      ], 'stretch'),
      column(flags, 'auto'),
    ],
  };
}

function fittingRows(items: readonly ItemView[]): ColumnSet[] {
  const rows: ColumnSet[] = [];
  let bytes = 0;
  for (const item of items.slice(0, LIST_ROWS_SHOWN)) {
    const next = row(item);
    bytes += jsonBytes(next);
    if (bytes > ROWS_BYTE_BUDGET) break;
    rows.push(next);
  }
  return rows;
}

export function listCard(list: ListView): AdaptiveCard {
  const shown = fittingRows(list.items);
  const total = Math.max(list.total, list.items.length);
  const what = KIND_PLURAL[list.kind];
  const filters = inlineText(list.filters, TEXT_LIMITS.headline);
  const title = `${humanize(what)}${filters ? ` — ${filters}` : ''}`;
  const body: CardElement[] = [textBlock(title, { size: 'medium', weight: 'bolder', style: 'heading' })];
  if (total === 0) {
    body.push(textBlock(`No matching ${what}.`, { isSubtle: true }));
  } else {
    const count = total > shown.length ? `Top ${shown.length} of ${total}` : `${total} ${total === 1 ? what.replace(/s$/, '') : what}`;
    body.push(textBlock(count, { isSubtle: true, spacing: 'none' }), ...shown);
  }
  const more = total - shown.length;
  if (more > 0) body.push(textBlock(`…and ${more} more — narrow with project=KEY or mine`, { isSubtle: true, spacing: 'medium' }));
  return adaptiveCard(body, [], plainText(`${humanize(what)}: ${total}`, TEXT_LIMITS.headline));
}
