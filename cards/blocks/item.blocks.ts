// One register item (`show KEY`) and the confirmation after a save, as Slack messages.
import { itemActionButtons, itemFactList, itemHeadline, itemLongTexts, linkedKeys } from '../item-sections';
import { KIND_LABEL, OVERDUE_MARK, humanize } from '../style';
import { TEXT_LIMITS } from '../text';
import type { HistoryEntryView, ItemView, SavedOutcome, SavedView } from '../../core/view-models';
import { CARD_VERBS } from '../verbs';
import { buttonMaker, type MakeButton } from './buttons';
import { historyBlocks } from './history.blocks';
import { actions, capBlocks, context, fallbackText, fieldSections, header, headed, section } from './layout';
import { levelText } from './style';
import { escapeMrkdwn, mrkdwnLine, plainLine } from './text';
import { BLOCK_LIMITS, type KnownBlock, type SlackMessage } from './types';

/** Long texts (description, mitigation…) get more room than in Teams: a section holds 3,000. */
const LONG_TEXT = 2000;

function itemTexts(item: ItemView): KnownBlock[] {
  return itemLongTexts(item).flatMap(([heading, text]) => headed(heading, text, LONG_TEXT));
}

/** Headline first (`R-7 Vendor API may slip`), then what it is, its level, facts and texts. */
function itemBody(item: ItemView, note?: string): KnownBlock[] {
  const what = [KIND_LABEL[item.kind], mrkdwnLine(item.project, TEXT_LIMITS.name), mrkdwnLine(humanize(item.status), TEXT_LIMITS.short)];
  const due = item.due ? ` (due ${mrkdwnLine(item.due, TEXT_LIMITS.name)})` : '';
  const overdue = item.overdue ? `\n*${OVERDUE_MARK}*${due}` : '';
  return [
    header(itemHeadline(item)),
    context([note, ...what].filter(Boolean).join(' · ')),
    section(`*${levelText(item)}*${overdue}`),
    ...fieldSections(itemFactList(item).map(({ title, value, link }) => [title, value, link ? `<${escapeMrkdwn(link)}|${mrkdwnLine(value, TEXT_LIMITS.name)}>` : undefined]), TEXT_LIMITS.value),
    ...itemTexts(item),
  ];
}

/** What the viewer may do next, then buttons to open the linked items of escalations: one row, kept last. */
function itemButtons(item: ItemView, button: MakeButton): KnownBlock[] {
  return actions([
    ...itemActionButtons(item).map(({ label, data }) => button(label, data)),
    ...linkedKeys(item).map((linked) => button(`Open ${plainLine(linked, TEXT_LIMITS.name)}`, { verb: CARD_VERBS.showItem, key: linked })),
  ]);
}

export function itemMessage(view: ItemView, history: HistoryEntryView[] = []): SlackMessage {
  const button = buttonMaker();
  const blocks = [...itemBody(view), ...historyBlocks(history), ...itemButtons(view, button)];
  return { text: fallbackText(itemHeadline(view)), blocks: capBlocks(blocks, BLOCK_LIMITS.messageBlocks) };
}

const OUTCOME_LABEL: Record<SavedOutcome, string> = { created: 'Logged', updated: 'Updated', closed: 'Closed', escalated: 'Escalated', approved: 'Approved', rejected: 'Rejected' };
/** The notification line says what the Teams reply says (bot/teams/presenter.ts). */
const OUTCOME_VERB: Record<SavedOutcome, string> = { created: 'Saved', updated: 'Updated', closed: 'Closed', escalated: 'Escalated', approved: 'Approved', rejected: 'Rejected' };

export function savedMessage(view: SavedView): SlackMessage {
  const { item } = view;
  const button = buttonMaker();
  const label = OUTCOME_LABEL[view.outcome] ?? 'Saved';
  const note = mrkdwnLine(view.note, TEXT_LIMITS.value); // 'Already overdue: …'
  const told = view.told ? [context(mrkdwnLine(view.told, TEXT_LIMITS.value))] : [];
  const blocks = [...itemBody(item, `✅ *${escapeMrkdwn(label)}*${note ? ` — ⚠️ *${note}*` : ''}`), ...told, ...itemButtons(item, button)];
  return {
    text: fallbackText(`${OUTCOME_VERB[view.outcome] ?? 'Saved'} ${itemHeadline(item)}${view.note ? ` — ${view.note}` : ''}`),
    blocks: capBlocks(blocks, BLOCK_LIMITS.messageBlocks),
  };
}
