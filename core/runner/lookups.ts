// What several commands look up around a service call: names, the overdue rule, mentioned people.
import type { PersonRef } from '../commands';
import { peopleOf } from '../registers';
import { displayNames, ensurePerson, getSettings, isOverdue, overdueContext, todayIn, toWorkspaceId, type OverdueContext, type RegisterItem } from '../services';
import { cleanName } from '../sanitize';
import type { RunContext } from './types';

/**
 * Display names by platform user id; the actor's own name from the adapter when not stored yet.
 * When the actor is the only one named (an item they log and own), the adapter's name is the one
 * the turn has just stored, so nothing is read.
 */
export async function namesFor(ctx: RunContext, userIds: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const ids = userIds.filter((id): id is string => typeof id === 'string' && id !== '');
  const { userId, displayName } = ctx.actor;
  const actorName = cleanName(displayName ?? '');
  if (actorName && ids.every((id) => id === userId)) return new Map(ids.length > 0 ? [[userId, actorName]] : []);
  const names = await displayNames(toWorkspaceId(ctx.workspaceId), ids);
  if (actorName && names.get(userId) === userId) names.set(userId, actorName);
  return names;
}

/** The people an item's view names. */
export function itemPeople(item: RegisterItem): (string | null | undefined)[] {
  return peopleOf(item);
}

/** Whether each item is overdue today in the workspace's zone, under its change policy. */
export async function overdueCheck(ctx: RunContext): Promise<(item: RegisterItem) => boolean> {
  const { timeZone, changePendingDays } = ctx;
  // The turn read the workspace already when it says so; otherwise one read here.
  const rule: OverdueContext = changePendingDays === undefined
    ? overdueContext(await getSettings(ctx.workspaceId), ctx.now)
    : { today: todayIn(timeZone, ctx.now), zone: timeZone, changePendingDays };
  return (item) => isOverdue(item, rule);
}

/**
 * Someone @mentioned as owner or PM may not have talked to the bot yet: record them with the name
 * from the mention so cards and reminders can name them. The actor is the adapter's to record.
 */
export async function ensureMentioned(ctx: RunContext, ref: PersonRef | undefined): Promise<void> {
  if (!ref || ref.platformUserId === ctx.actor.userId) return;
  await ensurePerson(ctx.workspaceId, ref.platformUserId, ref.displayName ?? '', { mentioned: true });
}
