import type { Types } from 'mongoose';
import { PersonModel, type PersonDoc } from '../../models';

/** Read-only look-ups of people, shared by the permission checks and the people service. */
export async function findPerson(workspaceId: Types.ObjectId, platformUserId: string): Promise<PersonDoc | null> {
  // An object here ({"$ne": null}) would match anyone, and permissions read through this.
  if (typeof platformUserId !== 'string') return null;
  return PersonModel.findOne({ workspaceId, platformUserId }).lean<PersonDoc>();
}

/** Display names by platform user id; an unknown person is shown by their id. */
export async function displayNames(workspaceId: Types.ObjectId, userIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds.filter(Boolean))];
  const people = ids.length
    ? await PersonModel.find({ workspaceId, platformUserId: { $in: ids } }).select({ _id: 0, platformUserId: 1, displayName: 1 }).lean<Pick<PersonDoc, 'platformUserId' | 'displayName'>[]>()
    : [];
  const names = new Map(ids.map((id) => [id, id]));
  for (const p of people) if (p.displayName) names.set(p.platformUserId, p.displayName);
  return names;
}
