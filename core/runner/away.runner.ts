// `away until DATE`, `away off` and `away`: no reminders or nudges to me while I am away (issue 14).
import { DateTime } from 'luxon';
import type { AwayCommand } from '../commands';
import type { IsoDate } from '../domain';
import { addDays, todayIn } from '../services';
import { awayUntil, setAway } from '../services/away.service';
import { errorReply, text } from './replies';
import type { Reply, RunContext } from './types';

const dayLabel = (date: IsoDate): string => DateTime.fromISO(date, { zone: 'utc' }).toFormat('ccc d LLL yyyy');

export async function runAway(command: AwayCommand, ctx: RunContext): Promise<Reply> {
  const today = todayIn(ctx.timeZone, ctx.now);
  if (command.until !== undefined) {
    if (command.until < today) return errorReply(`${dayLabel(command.until)} has passed; say the last day you are away, e.g. away until next friday.`, { field: 'until' });
    await setAway(ctx.workspaceId, ctx.actor, command.until);
    return text(`You are away through ${dayLabel(command.until)}: no reminders or nudges to you until ${dayLabel(addDays(command.until, 1))}, and your PMs see "(away)" by your items. Type away off when you are back sooner.`);
  }
  if (command.off) {
    const { previous } = await setAway(ctx.workspaceId, ctx.actor, null);
    if (previous === null || previous < today) return text('You were not away; nothing changed.');
    return text('Welcome back: reminders and nudges come to you again.');
  }
  const until = await awayUntil(ctx.workspaceId, ctx.actor.userId, today);
  if (until === null) return text('You are not away. Type away until DATE (e.g. away until next friday) before you leave.');
  return text(`You are away through ${dayLabel(until)}. Type away off when you are back.`);
}
