import type { WorkspaceDoc } from '../../models';
import type { Actor } from '../domain';
import { displayNames, findPerson } from './directory';
import { PmoError } from './errors';

/**
 * SPEC §3: anyone in the workspace may log an item; only its owner, its project's PM or a PMO
 * admin may update, close or escalate it; hierarchy set-up, links, roles and settings are for PMO
 * admins. Teams team owners / Slack workspace admins (flagged by the adapter) and the local user
 * count as PMO admins.
 */
export async function isPmoAdmin(workspace: WorkspaceDoc, actor: Actor): Promise<boolean> {
  if (actor.isPlatformAdmin || workspace.platform === 'local') return true;
  const person = await findPerson(workspace._id, actor.userId);
  return person?.role === 'pmo_admin';
}

/** `action` completes "Only a PMO admin can ...", e.g. "add projects". */
export async function assertPmoAdmin(workspace: WorkspaceDoc, actor: Actor, action: string): Promise<void> {
  if (!(await isPmoAdmin(workspace, actor))) throw new PmoError('forbidden', `Only a PMO admin can ${action}.`);
}

/** The item rule as a pure predicate (cards use it to decide which buttons to show). */
export function canChangeItem(p: { actorId: string; ownerId?: string | null; pmId?: string | null; isAdmin: boolean }): boolean {
  return p.isAdmin || p.actorId === p.ownerId || (!!p.pmId && p.actorId === p.pmId);
}

/**
 * Throws `forbidden` naming who may, e.g. "Only the owner (Jane), the project's PM (Sam) or a PMO
 * admin can close R-7."
 */
export async function assertCanChangeItem(
  workspace: WorkspaceDoc,
  actor: Actor,
  item: { key: string; ownerId?: string | null },
  pmId: string | null | undefined,
  verb: string,
): Promise<void> {
  if (canChangeItem({ actorId: actor.userId, ownerId: item.ownerId, pmId, isAdmin: false })) return;
  if (await isPmoAdmin(workspace, actor)) return;
  const names = await displayNames(workspace._id, [item.ownerId ?? '', pmId ?? '']);
  const who = [
    item.ownerId ? `the owner (${names.get(item.ownerId)})` : null,
    pmId ? `the project's PM (${names.get(pmId)})` : null,
  ].filter((w): w is string => w !== null);
  const list = who.length ? `${who.join(', ')} or a PMO admin` : 'a PMO admin';
  throw new PmoError('forbidden', `Only ${list} can ${verb} ${item.key}.`);
}

/** Status updates are the PM's (or a PMO admin's) job. */
export async function assertCanReportStatus(
  workspace: WorkspaceDoc,
  actor: Actor,
  project: { key: string; pmId?: string | null },
): Promise<void> {
  if (project.pmId && project.pmId === actor.userId) return;
  if (await isPmoAdmin(workspace, actor)) return;
  const pm = project.pmId ? (await displayNames(workspace._id, [project.pmId])).get(project.pmId) : null;
  const who = pm ? `the project's PM (${pm}) or a PMO admin` : 'a PMO admin (the project has no PM yet)';
  throw new PmoError('forbidden', `Only ${who} can post ${project.key}'s status update.`);
}
