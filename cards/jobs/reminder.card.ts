// Overdue register items for a PM or an owner, each with Mark done, Snooze a week and Set due date.
import type { AdaptiveCard, CardElement, Container } from '../adaptive';
import { adaptiveCard, column, textBlock } from '../adaptive';
import { itemLevel } from '../item-sections';
import { KIND_LABEL, humanize } from '../style';
import { CARD_BYTE_BUDGET, TEXT_LIMITS, inlineText, jsonBytes, plainText } from '../text';
import type { ReminderItem, ReminderView } from '../../core/job-views';
import { dateLabel, overdueLabel, plural } from './format';
import { actionSet, jobSubmit, showCard } from './teams-actions';
import { JOB_VERBS, SNOOZE_DAYS, dueInputId } from './verbs';

function itemBlock(entry: ReminderItem, view: ReminderView): Container {
  const { item } = entry;
  const level = itemLevel(item);
  const details = [
    KIND_LABEL[item.kind],
    inlineText(item.project, TEXT_LIMITS.name),
    inlineText(humanize(item.status)),
    ...(item.ownerName ? [`owner ${inlineText(item.ownerName, TEXT_LIMITS.name)}`] : []),
    ...(item.due ? [`due ${item.due}`] : []),
    ...('reviewDate' in item && item.reviewDate ? [`review ${item.reviewDate}`] : []),
  ];
  const key = plainText(item.key, TEXT_LIMITS.name);
  return {
    type: 'Container',
    separator: true,
    spacing: 'medium',
    items: [
      {
        type: 'ColumnSet',
        columns: [
          column([
            textBlock(`**${inlineText(item.key, TEXT_LIMITS.name)}** ${inlineText(item.title, TEXT_LIMITS.rowTitle)}`, { maxLines: 2 }),
            textBlock(details.join(' · '), { size: 'small', isSubtle: true, spacing: 'none' }),
          ], 'stretch'),
          column([
            textBlock(overdueLabel(entry.daysOverdue), { size: 'small', weight: 'bolder', color: 'attention', horizontalAlignment: 'right' }),
            textBlock(level.text, { size: 'small', color: level.color, spacing: 'none', horizontalAlignment: 'right' }),
          ], 'auto'),
        ],
      },
      actionSet([
        jobSubmit('Mark done', { verb: JOB_VERBS.itemDone, key: item.key }, { associatedInputs: 'none', tooltip: `Close ${key}` }),
        jobSubmit('Snooze a week', { verb: JOB_VERBS.itemSnooze, key: item.key, days: SNOOZE_DAYS }, { associatedInputs: 'none', tooltip: `Move ${key} due to ${view.snoozedDue}` }),
        showCard('Set due date', [
          { type: 'Input.Date', id: dueInputId(item.key), label: `New due date for ${key}`, min: view.earliestDue, value: view.snoozedDue },
        ], [jobSubmit('Save due date', { verb: JOB_VERBS.itemDue, key: item.key })]),
      ], { spacing: 'small' }),
    ],
  };
}

/** The plain-text line: notifications, screen readers, the card's fallback. */
export function reminderSummary(view: ReminderView): string {
  const whose = view.role === 'pm' ? `on ${view.projects.map((p) => p.key).join(', ')}` : 'of yours';
  return plainText(`${plural(view.totalItems, 'overdue item')} ${whose}`, TEXT_LIMITS.headline);
}

export function reminderCard(view: ReminderView): AdaptiveCard {
  const name = inlineText(view.recipientName, TEXT_LIMITS.name);
  const projects = view.projects.map((p) => `**${inlineText(p.key, TEXT_LIMITS.name)}**`).join(', ');
  const intro = view.role === 'pm'
    ? `Hi ${name}, ${plural(view.totalItems, 'item is', 'items are')} overdue on ${projects} as of ${dateLabel(view.today)}.`
    : `Hi ${name}, ${plural(view.totalItems, 'item you own is', 'items you own are')} overdue as of ${dateLabel(view.today)}.`;
  const body: CardElement[] = [
    textBlock(view.role === 'pm' ? 'Overdue on your projects' : 'Your overdue items', { size: 'large', weight: 'bolder', style: 'heading' }),
    textBlock(intro, { spacing: 'small' }),
  ];
  let shown = 0;
  for (const entry of view.items) {
    const block = itemBlock(entry, view);
    if (jsonBytes(body) + jsonBytes(block) > CARD_BYTE_BUDGET - 1_000) break;
    body.push(block);
    shown += 1;
  }
  const more = view.totalItems - shown;
  if (more > 0) {
    const commands = view.moreCommands.map((c) => `**${inlineText(c, TEXT_LIMITS.short)}**`).join(' or ');
    body.push(textBlock(`…and ${more} more${commands ? ` — type ${commands} to see them` : ''}.`, { isSubtle: true, spacing: 'medium' }));
  }
  return adaptiveCard(body, [], reminderSummary(view));
}
