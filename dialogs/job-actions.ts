// The buttons of the reminder cards: mark done, snooze, set a new due date. One-shot actions through
// the runner's close and update, so permissions and history are the same as typed commands.
import { dueInputId } from '../cards/jobs';
import { CARD_VERBS, ownValue, type CardActionData } from '../cards/verbs';
import { parseItemField, type ParseContext, type UpdateCommand } from '../core/commands';
import type { IsoDate } from '../core/domain';
import { isDone, parseItemKey } from '../core/registers';
import { errorReply, pmoErrorReply, type Reply, type RunContext } from '../core/runner';
import { addDays, getItem, PmoError, todayIn, type RegisterItem } from '../core/services';
import type { RunCommand } from './dialog-deps';

export type JobItemAction = Extract<CardActionData, { verb: typeof CARD_VERBS.itemDone | typeof CARD_VERBS.itemSnooze | typeof CARD_VERBS.itemDue }>;

/** Runs one reminder button; `data` still carries the card's inputs (the `due_<key>` date). */
export async function runJobItemAction(data: JobItemAction, ctx: RunContext, parse: ParseContext, run: RunCommand): Promise<Reply> {
  const found = parseItemKey(data.key);
  if (found === null) return errorReply(`"${data.key}" is not an item key, so nothing was changed.`);
  const { kind } = found;
  const key = data.key.trim().toUpperCase();
  switch (data.verb) {
    case CARD_VERBS.itemDone:
      return run({ name: 'close', key, kind, resolution: 'Marked done from the overdue reminder.' }, ctx);
    case CARD_VERBS.itemSnooze: {
      const fields = await snoozed(key, data.days, ctx);
      return 'reply' in fields ? fields.reply : run({ name: 'update', key, kind, fields } as UpdateCommand, ctx);
    }
    case CARD_VERBS.itemDue: {
      const raw = ownValue(data, dueInputId(data.key));
      if (raw !== undefined && raw !== null && typeof raw !== 'string') return errorReply(`The new due date for ${key} must be a date; nothing was changed.`, { field: 'due' });
      const text = typeof raw === 'string' ? raw.trim() : '';
      if (text === '') return errorReply(`Pick a new due date for ${key} in the date box first; nothing was changed.`, { field: 'due' });
      const due = parseItemField(kind, 'due', text, parse);
      if (due.error !== undefined) return errorReply(`${key}: ${due.error}. Nothing was changed.`, { field: 'due' });
      return run({ name: 'update', key, kind, fields: { due: due.value as IsoDate } } as UpdateCommand, ctx);
    }
  }
}

/**
 * "Snooze a week" means: do not remind me of this for a week. So each date that makes the item
 * overdue moves to a week from today (a date still ahead moves a week on from itself).
 */
async function snoozed(key: string, days: number, ctx: RunContext): Promise<{ due?: IsoDate; review?: IsoDate } | { reply: Reply }> {
  let item: RegisterItem;
  try {
    item = (await getItem(ctx.workspaceId, key)).item;
  } catch (err) {
    if (err instanceof PmoError) return { reply: pmoErrorReply(err) };
    throw err;
  }
  if (isDone(item.kind, item.status)) return { reply: { type: 'text', text: `${item.key} is already ${item.status}; there is nothing to snooze.` } };
  const today = todayIn(ctx.timeZone, ctx.now);
  const later = (date: IsoDate): IsoDate => addDays(date > today ? date : today, days);
  const fields: { due?: IsoDate; review?: IsoDate } = {};
  if (item.due) fields.due = later(item.due);
  if (item.kind === 'risk' && item.reviewDate && item.reviewDate <= today) fields.review = later(item.reviewDate);
  if (Object.keys(fields).length > 0) return fields;
  const why =
    item.kind === 'change'
      ? `${item.key} is overdue because its decision is still pending; snoozing cannot change that. Record the decision, e.g. update ${item.key} decision=approved.`
      : `${item.key} has no due date to move; set one with the date box.`;
  return { reply: errorReply(why) };
}
