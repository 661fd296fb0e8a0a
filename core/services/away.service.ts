// `away until DATE` / `away off` (issue 14): stored on the person; reminders and nudges skip whoever is away.
import { PersonModel } from '../../models';
import type { Actor, IsoDate } from '../domain';
import { toWorkspaceId, type WorkspaceId } from './context';
import { findPerson } from './directory';
import { invalid } from './errors';
import { isIsoDate } from './time';

/** Away through `until` (inclusive, a date in the workspace's zone), or back (null). Returns the previous value. */
export async function setAway(ws: WorkspaceId, actor: Actor, until: IsoDate | null): Promise<{ previous: IsoDate | null }> {
  const workspaceId = toWorkspaceId(ws);
  if (until !== null && !isIsoDate(until)) throw invalid('until', `"${String(until)}" is not a date like 2026-12-24.`);
  if (typeof actor.userId !== 'string' || actor.userId === '') throw invalid('user', 'A person needs a platform user id.');
  const before = await PersonModel.findOneAndUpdate(
    { workspaceId, platformUserId: actor.userId },
    { $set: { awayUntil: until }, $setOnInsert: { role: 'member', displayName: actor.displayName ?? '' } },
    { upsert: true, new: false },
  ).lean<{ awayUntil?: string | null }>();
  return { previous: before?.awayUntil ?? null };
}

/** The last day this person is away, when it is today or later; else null. */
export async function awayUntil(ws: WorkspaceId, userId: string, today: IsoDate): Promise<IsoDate | null> {
  const person = await findPerson(toWorkspaceId(ws), userId);
  const until = person?.awayUntil ?? null;
  return until !== null && until >= today ? until : null;
}

/** Who is away on `day` (their awayUntil is that day or later). */
export async function awayOn(ws: WorkspaceId, day: IsoDate): Promise<Set<string>> {
  const people = await PersonModel.find({ workspaceId: toWorkspaceId(ws), awayUntil: { $gte: day } })
    .select({ _id: 0, platformUserId: 1 })
    .lean<{ platformUserId: string }[]>();
  return new Set(people.map((p) => p.platformUserId));
}

/**
 * The display names of `userIds` (as directory displayNames: the id when none is known) and which
 * of them are away on `day`, in the one query a job run already makes for the names.
 */
export async function namesAndAway(ws: WorkspaceId, userIds: readonly string[], day: IsoDate): Promise<{ names: Map<string, string>; away: Set<string> }> {
  const ids = [...new Set(userIds.filter(Boolean))];
  const people = ids.length
    ? await PersonModel.find({ workspaceId: toWorkspaceId(ws), platformUserId: { $in: ids } })
      .select({ _id: 0, platformUserId: 1, displayName: 1, awayUntil: 1 })
      .lean<{ platformUserId: string; displayName?: string; awayUntil?: string | null }[]>()
    : [];
  const names = new Map(ids.map((id) => [id, id]));
  const away = new Set<string>();
  for (const p of people) {
    if (p.displayName) names.set(p.platformUserId, p.displayName);
    if (p.awayUntil && p.awayUntil >= day) away.add(p.platformUserId);
  }
  return { names, away };
}
