import { PersonModel, type PersonDoc } from '../../models';
import { ROLES, type Actor, type Role } from '../domain';
import { cleanName } from '../sanitize';
import { tryClaim } from './claims';
import { loadWorkspace, toWorkspaceId, type WorkspaceId } from './context';
import { findPerson } from './directory';
import { invalid, isDuplicateKeyError, PmoError } from './errors';
import { assertPmoAdmin } from './permissions';

export { displayNames, findPerson } from './directory';

/** The seat the first person in a workspace takes (SPEC §2: they become its first PMO admin). */
const FOUNDING_ADMIN = 'founding-admin';

/** A platform user id as the code expects it: text, never an object a query would read as an operator. */
function userId(platformUserId: unknown, field: string): string {
  if (typeof platformUserId !== 'string' || platformUserId === '') throw invalid(field, 'A person needs a platform user id.');
  return platformUserId;
}

/**
 * The person behind an incoming activity, created on first contact and kept up to date with
 * their display name (cleaned of controls and bidi overrides: core/sanitize). The installer of the bot (when the adapter knows them), failing that the
 * first person to talk to it, becomes a PMO admin: race-safe through a unique-index claim.
 */
export async function ensurePerson(
  ws: WorkspaceId,
  platformUserId: string,
  name: string,
  options: { installer?: boolean; mentioned?: boolean } = {},
): Promise<PersonDoc> {
  const workspaceId = toWorkspaceId(ws);
  userId(platformUserId, 'platformUserId');
  const displayName = cleanName(name);
  const existing = await findPerson(workspaceId, platformUserId);
  if (existing) {
    const set: Partial<PersonDoc> = {};
    if (displayName && displayName !== existing.displayName) set.displayName = displayName;
    if (options.installer && existing.role !== 'pmo_admin') set.role = 'pmo_admin';
    if (Object.keys(set).length === 0) return existing;
    return upsertPerson(workspaceId, platformUserId, { $set: set });
  }
  // Someone merely @mentioned has not talked to the bot: they never take the founding admin seat.
  const seat = options.mentioned ? undefined : await tryClaim(workspaceId, FOUNDING_ADMIN, platformUserId, new Date());
  const founder = options.installer || seat?.holderId === platformUserId;
  const update = founder
    ? { $set: { role: 'pmo_admin' as Role, ...(displayName ? { displayName } : {}) } }
    : { $setOnInsert: { role: 'member' as Role }, ...(displayName ? { $set: { displayName } } : {}) };
  return upsertPerson(workspaceId, platformUserId, update);
}

export async function getPerson(ws: WorkspaceId, platformUserId: string): Promise<PersonDoc | null> {
  return findPerson(toWorkspaceId(ws), platformUserId);
}

export async function listPeople(ws: WorkspaceId, filter: { role?: Role } = {}): Promise<PersonDoc[]> {
  const query = { workspaceId: toWorkspaceId(ws), ...(filter.role ? { role: filter.role } : {}) };
  return PersonModel.find(query).sort({ displayName: 1 }).lean<PersonDoc[]>();
}

/**
 * `role @user ROLE`, PMO admin only. The target need not have talked to the bot yet. Refuses to
 * demote the last PMO admin so a workspace is never left without one.
 */
export async function grantRole(
  ws: WorkspaceId,
  actor: Actor,
  targetUserId: string,
  role: string,
  targetName?: string,
): Promise<{ person: PersonDoc; previousRole: Role | null }> {
  const workspace = await loadWorkspace(ws);
  await assertPmoAdmin(workspace, actor, 'grant roles');
  if (!ROLES.includes(role as Role)) throw invalid('role', `role must be one of ${ROLES.join(', ')}.`);
  if (!targetUserId) throw invalid('user', 'Say whose role to change, e.g. role @jane pm.');
  userId(targetUserId, 'user');
  const target = await findPerson(workspace._id, targetUserId);
  if (target?.role === 'pmo_admin' && role !== 'pmo_admin') {
    const admins = await PersonModel.countDocuments({ workspaceId: workspace._id, role: 'pmo_admin' });
    if (admins <= 1) {
      throw new PmoError('conflict', `${target.displayName || targetUserId} is the only PMO admin; make someone else a PMO admin first.`);
    }
  }
  const cleaned = cleanName(targetName);
  const name = cleaned && cleaned !== target?.displayName ? { displayName: cleaned } : {};
  const person = await upsertPerson(workspace._id, targetUserId, { $set: { role: role as Role, ...name } });
  return { person, previousRole: target?.role ?? null };
}

type PersonUpdate = { $set?: Partial<PersonDoc>; $setOnInsert?: Partial<PersonDoc> };

/** Upsert by the unique (workspaceId, platformUserId); a lost insert race is retried as an update. */
async function upsertPerson(workspaceId: PersonDoc['workspaceId'], platformUserId: string, update: PersonUpdate): Promise<PersonDoc> {
  for (let attempt = 1; ; attempt++) {
    try {
      const doc = await PersonModel.findOneAndUpdate({ workspaceId, platformUserId }, update, {
        upsert: true,
        new: true,
      }).lean<PersonDoc>();
      if (!doc) throw new Error(`person upsert for ${platformUserId} returned nothing`);
      return doc;
    } catch (err) {
      if (!isDuplicateKeyError(err) || attempt >= 3) throw err;
    }
  }
}
