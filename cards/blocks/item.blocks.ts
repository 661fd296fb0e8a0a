// One register item (`show KEY`) and the confirmation after a save, as Slack messages.
import { itemHeadline } from '../item-sections';
import { ISSUE_TYPE_LABEL, KIND_LABEL, OVERDUE_MARK, humanize } from '../style';
import { TEXT_LIMITS } from '../text';
import type { HistoryEntryView, ItemView, SavedOutcome, SavedView } from '../view-models';
import { CARD_VERBS } from '../verbs';
import { buttonMaker, type MakeButton } from './buttons';
import { historyBlocks } from './history.blocks';
import { actions, capBlocks, context, fallbackText, fieldSections, header, headed, section } from './layout';
import { levelText } from './style';
import { escapeMrkdwn, mrkdwnLine, plainLine } from './text';
import { BLOCK_LIMITS, type KnownBlock, type SlackMessage } from './types';

/** Long texts (description, mitigation…) get more room than in Teams: a section holds 3,000. */
const LONG_TEXT = 2000;

type Pair = [label: string, value: string];

const pair = (label: string, value: string | number | undefined): Pair[] =>
  value === undefined || value === '' ? [] : [[label, String(value)]];

/** The same facts, in the same order, as the Teams card's FactSet (cards/item-sections.ts). */
function itemPairs(item: ItemView): Pair[] {
  const common = [
    ...pair('Project', item.project),
    ...pair('Status', humanize(item.status)),
    ...pair('Owner', item.ownerName),
    ...pair('Raised by', item.raisedByName),
    ...pair('Due', item.due ? `${item.due}${item.overdue ? ' — overdue' : ''}` : undefined),
  ];
  switch (item.kind) {
    case 'risk':
      return [
        ...common,
        ...pair('Probability', `${item.probability} / 5`),
        ...pair('Impact', `${item.impact} / 5`),
        ...pair('Score', `${item.score} (${item.rating})`),
        ...pair('Response', item.response && humanize(item.response)),
        ...pair('Next review', item.reviewDate),
        ...pair('Escalated to', item.escalatedTo),
      ];
    case 'issue':
      return [
        ...common,
        ...pair('Type', ISSUE_TYPE_LABEL[item.type]),
        ...pair('Priority', humanize(item.priority)),
        ...pair('Escalated from', item.escalatedFrom),
      ];
    case 'change':
      return [
        ...common,
        ...pair('Decision', humanize(item.decision)),
        ...pair('Decided by', item.decidedByName),
        ...pair('Decided on', item.decidedAt),
      ];
  }
}

function itemTexts(item: ItemView): KnownBlock[] {
  const extra =
    item.kind === 'risk' ? headed('Mitigation', item.mitigation, LONG_TEXT)
    : item.kind === 'issue' ? headed('Resolution', item.resolution, LONG_TEXT)
    : headed('Impact on time, cost and scope', item.impact, LONG_TEXT);
  return [...headed('Description', item.description, LONG_TEXT), ...extra];
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
    ...fieldSections(itemPairs(item), TEXT_LIMITS.value),
    ...itemTexts(item),
  ];
}

/** Buttons to open the linked risk/issue of an escalation. */
function itemLinks(item: ItemView, button: MakeButton): KnownBlock[] {
  const linked = item.kind === 'risk' ? item.escalatedTo : item.kind === 'issue' ? item.escalatedFrom : undefined;
  if (!linked) return [];
  return actions([button(`Open ${plainLine(linked, TEXT_LIMITS.name)}`, { verb: CARD_VERBS.showItem, key: linked })]);
}

export function itemMessage(view: ItemView, history: HistoryEntryView[] = []): SlackMessage {
  const button = buttonMaker();
  const blocks = [...itemBody(view), ...historyBlocks(history), ...itemLinks(view, button)];
  return { text: fallbackText(itemHeadline(view)), blocks: capBlocks(blocks, BLOCK_LIMITS.messageBlocks) };
}

const OUTCOME_LABEL: Record<SavedOutcome, string> = { created: 'Logged', updated: 'Updated', closed: 'Closed', escalated: 'Escalated' };
/** The notification line says what the Teams reply says (bot/teams/presenter.ts). */
const OUTCOME_VERB: Record<SavedOutcome, string> = { created: 'Saved', updated: 'Updated', closed: 'Closed', escalated: 'Escalated' };

export function savedMessage(view: SavedView): SlackMessage {
  const { item } = view;
  const button = buttonMaker();
  const label = OUTCOME_LABEL[view.outcome] ?? 'Saved';
  const blocks = [...itemBody(item, `✅ *${escapeMrkdwn(label)}*`), ...itemLinks(item, button)];
  return {
    text: fallbackText(`${OUTCOME_VERB[view.outcome] ?? 'Saved'} ${itemHeadline(item)}`),
    blocks: capBlocks(blocks, BLOCK_LIMITS.messageBlocks),
  };
}
