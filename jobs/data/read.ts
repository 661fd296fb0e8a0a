// How the loaders read people: one query for every name a run shows.
import type { Types } from 'mongoose';
import { PersonModel } from '../../models';

/** Display names of `userIds` (each id maps to itself when the person is unknown or unnamed), as core/services displayNames. */
export async function loadNames(workspaceId: Types.ObjectId, userIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds.filter(Boolean))];
  const names = new Map(ids.map((id) => [id, id]));
  if (ids.length === 0) return names;
  const people = await PersonModel.find({ workspaceId, platformUserId: { $in: ids } })
    .select({ _id: 0, platformUserId: 1, displayName: 1 })
    .lean<{ platformUserId: string; displayName?: string | null }[]>();
  for (const p of people) if (p.displayName && names.has(p.platformUserId)) names.set(p.platformUserId, p.displayName);
  return names;
}
