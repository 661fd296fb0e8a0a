// Overdue reminders in Block Kit: per item a summary and a row with Mark done, Snooze, a date picker and Set due date.
import { itemLevel } from '../item-sections';
import { KIND_LABEL, humanize } from '../style';
import { TEXT_LIMITS } from '../text';
import type { ReminderItem, ReminderView } from '../../core/job-views';
import { dateLabel, overdueLabel, plural } from './format';
import { ActionIds, capBlocks, context, header, mrkdwnText, section, type Block } from './slack-kit';
import { JOB_VERBS, SNOOZE_DAYS, dueInputId } from './verbs';

function itemBlocks(entry: ReminderItem, view: ReminderView, ids: ActionIds): Block[] {
  const { item } = entry;
  const details = [
    KIND_LABEL[item.kind],
    mrkdwnText(item.project, TEXT_LIMITS.name),
    humanize(item.status),
    ...(item.ownerName ? [`owner ${mrkdwnText(item.ownerName, TEXT_LIMITS.name)}`] : []),
    ...(item.due ? [`due ${item.due}`] : []),
    ...('reviewDate' in item && item.reviewDate ? [`review ${item.reviewDate}`] : []),
  ];
  const inputId = dueInputId(item.key);
  return [
    section(`*${mrkdwnText(item.key, TEXT_LIMITS.name)}* ${mrkdwnText(item.title, TEXT_LIMITS.rowTitle)}\n${details.join(' · ')}\n:warning: *${overdueLabel(entry.daysOverdue)}* · ${itemLevel(item).text}`),
    {
      type: 'actions',
      block_id: inputId,
      elements: [
        ids.button('Mark done', { verb: JOB_VERBS.itemDone, key: item.key }, 'primary'),
        ids.button('Snooze a week', { verb: JOB_VERBS.itemSnooze, key: item.key, days: SNOOZE_DAYS }),
        { type: 'datepicker', action_id: inputId, initial_date: view.snoozedDue, placeholder: { type: 'plain_text', text: 'New due date' } },
        ids.button('Set due date', { verb: JOB_VERBS.itemDue, key: item.key }),
      ],
    },
  ];
}

export function reminderBlocks(view: ReminderView): Block[] {
  const ids = new ActionIds();
  const name = mrkdwnText(view.recipientName, TEXT_LIMITS.name);
  const intro = view.role === 'pm'
    ? `Hi ${name}, ${plural(view.totalItems, 'item is', 'items are')} overdue on ${view.projects.map((p) => `*${mrkdwnText(p.key, TEXT_LIMITS.name)}*`).join(', ')} as of ${dateLabel(view.today)}.`
    : `Hi ${name}, ${plural(view.totalItems, 'item you own is', 'items you own are')} overdue as of ${dateLabel(view.today)}.`;
  const blocks: Block[] = [header(view.role === 'pm' ? 'Overdue on your projects' : 'Your overdue items'), section(intro)];
  blocks.push(...view.items.flatMap((entry) => itemBlocks(entry, view, ids)));
  const more = view.totalItems - view.items.length;
  if (more > 0) {
    const commands = view.moreCommands.map((c) => `\`${mrkdwnText(c, TEXT_LIMITS.short)}\``).join(' or ');
    blocks.push(context(`…and ${more} more${commands ? ` — type ${commands} to see them` : ''}.`));
  }
  return capBlocks(blocks, (left) => `${left} more blocks left out — type \`list risks overdue\` to see everything.`);
}
