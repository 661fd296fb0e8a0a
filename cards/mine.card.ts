// `mine`: one card of what needs me, each item a row that opens its card (with its update, close and
// decide buttons), each missing status update a button that starts it.
import { adaptiveCard, column, submit, textBlock, type AdaptiveCard, type CardElement, type ColumnSet } from './adaptive';
import { itemLevel } from './item-sections';
import { OVERDUE_MARK } from './style';
import { TEXT_LIMITS, inlineText, plainText } from './text';
import { CARD_VERBS } from './verbs';
import type { MineView } from '../core/mine-view';
import type { ItemView } from '../core/view-models';
import { MINE_MORE, MINE_NOTHING, MINE_SECTIONS, mineSummary, mineTitle } from './mine-format';

const heading = (text: string): CardElement => textBlock(text, { weight: 'bolder', spacing: 'large', separator: true });

function row(item: ItemView): ColumnSet {
  const level = itemLevel(item);
  const details = [inlineText(item.project, TEXT_LIMITS.name)];
  if (item.due) details.push(`due ${inlineText(item.due)}`);
  if (item.overdue) details.push(OVERDUE_MARK);
  return {
    type: 'ColumnSet',
    spacing: 'small',
    columns: [
      column([
        textBlock(`**${inlineText(item.key, TEXT_LIMITS.name)}** ${inlineText(item.title, TEXT_LIMITS.rowTitle)}`, { maxLines: 2 }),
        textBlock(`${level.text} · ${details.join(' · ')}`, { size: 'small', isSubtle: !item.overdue, color: item.overdue ? 'attention' : 'default', spacing: 'none' }),
      ], 'stretch'),
      column([{ type: 'ActionSet', actions: [submit(`Open ${plainText(item.key, TEXT_LIMITS.name)}`, { verb: CARD_VERBS.showItem, key: item.key })] }], 'auto'),
    ],
  };
}

function items(body: CardElement[], title: string, shown: ItemView[], total: number, more: string): void {
  if (total === 0) return;
  body.push(heading(title), ...shown.map(row));
  if (total > shown.length) body.push(textBlock(`…and ${total - shown.length} more — type **${more}**`, { isSubtle: true, size: 'small' }));
}

export function mineCard(view: MineView): AdaptiveCard {
  const body: CardElement[] = [textBlock(mineTitle(view), { size: 'large', weight: 'bolder', style: 'heading' })];
  items(body, MINE_SECTIONS.overdue(view.overdueTotal), view.overdue, view.overdueTotal, MINE_MORE.overdue);
  items(body, MINE_SECTIONS.due(view.dueThisWeekTotal, view.weekEnd), view.dueThisWeek, view.dueThisWeekTotal, MINE_MORE.due);
  if (view.missingUpdates.length > 0) {
    body.push(heading(MINE_SECTIONS.missing(view.missingUpdates.length, view.period)));
    body.push(...view.missingUpdates.map((p): ColumnSet => ({
      type: 'ColumnSet',
      spacing: 'small',
      columns: [
        column([textBlock(`**${inlineText(p.key, TEXT_LIMITS.name)}** ${inlineText(p.name, TEXT_LIMITS.rowTitle)}`, { maxLines: 2 })], 'stretch'),
        column([{ type: 'ActionSet', actions: [submit(`Update ${plainText(p.key, TEXT_LIMITS.name)}`, { verb: CARD_VERBS.start, command: 'status', project: p.key })] }], 'auto'),
      ],
    })));
  }
  items(body, MINE_SECTIONS.decisions(view.decisionsTotal), view.decisions, view.decisionsTotal, MINE_MORE.decisions);
  if (body.length === 1) body.push(textBlock(MINE_NOTHING, { isSubtle: true }));
  return adaptiveCard(body, [], plainText(mineSummary(view), TEXT_LIMITS.headline));
}
