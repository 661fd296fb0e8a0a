// `mine` in Block Kit, for a message and for the top of the App Home: what needs me, with buttons.
import type { MineView } from '../../core/mine-view';
import type { ItemView } from '../../core/view-models';
import { MINE_MORE, MINE_NOTHING, MINE_SECTIONS, mineSummary, mineTitle } from '../mine-format';
import { OVERDUE_MARK } from '../style';
import { CARD_VERBS } from '../verbs';
import { buttonMaker, type MakeButton } from './buttons';
import { capBlocks, context, fallbackText, header, section } from './layout';
import { levelText } from './style';
import { escapeMrkdwn, mrkdwnLine } from './text';
import { BLOCK_LIMITS, type KnownBlock, type SlackMessage } from './types';

function itemRow(item: ItemView, button: MakeButton): KnownBlock {
  const details = [levelText(item), mrkdwnLine(item.project, 40)];
  if (item.due) details.push(`due ${mrkdwnLine(item.due, 20)}`);
  if (item.overdue) details.push(`*${OVERDUE_MARK}*`);
  return section(`*${mrkdwnLine(item.key, 20)}* ${mrkdwnLine(item.title, 150)}\n${details.join(' · ')}`, button('Open', { verb: CARD_VERBS.showItem, key: item.key }));
}

function items(blocks: KnownBlock[], title: string, shown: ItemView[], total: number, more: string, button: MakeButton): void {
  if (total === 0) return;
  blocks.push(section(`*${escapeMrkdwn(title)}*`), ...shown.map((item) => itemRow(item, button)));
  if (total > shown.length) blocks.push(context(`_…and ${total - shown.length} more: \`${escapeMrkdwn(more)}\`_`));
}

/** The sections of what needs me, without a header: the message and the App Home add their own. */
export function mineBlocks(view: MineView, button: MakeButton = buttonMaker()): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  items(blocks, MINE_SECTIONS.overdue(view.overdueTotal), view.overdue, view.overdueTotal, MINE_MORE.overdue, button);
  items(blocks, MINE_SECTIONS.due(view.dueThisWeekTotal, view.weekEnd), view.dueThisWeek, view.dueThisWeekTotal, MINE_MORE.due, button);
  if (view.missingUpdates.length > 0) {
    blocks.push(section(`*${escapeMrkdwn(MINE_SECTIONS.missing(view.missingUpdates.length, view.period))}*`));
    for (const p of view.missingUpdates) {
      blocks.push(section(`*${mrkdwnLine(p.key, 40)}* ${mrkdwnLine(p.name, 150)}`, button('Update', { verb: CARD_VERBS.start, command: 'status', project: p.key })));
    }
  }
  items(blocks, MINE_SECTIONS.decisions(view.decisionsTotal), view.decisions, view.decisionsTotal, MINE_MORE.decisions, button);
  if (blocks.length === 0) blocks.push(context(escapeMrkdwn(MINE_NOTHING)));
  return blocks;
}

export function mineMessage(view: MineView): SlackMessage {
  const blocks = capBlocks([header(mineTitle(view)), ...mineBlocks(view)], BLOCK_LIMITS.messageBlocks);
  return { text: fallbackText(mineSummary(view)), blocks };
}
