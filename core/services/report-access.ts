import type { WorkspaceDoc } from '../../models';
import type { Actor } from '../domain';
import { findPerson } from './directory';
import { PmoError } from './errors';
import { listProjects } from './hierarchy.service';
import { isPmoAdmin } from './permissions';

/** Which projects an actor may read reports of: every one, or the listed ones (their own as PM). */
export type ReportScope = { all: true } | { all: false; projectKeys: string[] };

/**
 * SPEC §3: `digest` on demand and `export` are for PMO admins, executives, and PMs for their own
 * projects. Anyone else is refused, saying who may; `what` completes "… can <what>".
 */
export async function reportScope(workspace: WorkspaceDoc, actor: Actor, what: string): Promise<ReportScope> {
  if (await isPmoAdmin(workspace, actor)) return { all: true };
  if ((await findPerson(workspace._id, actor.userId))?.role === 'executive') return { all: true };
  const own = await listProjects(workspace._id, { pmId: actor.userId, includeClosed: true });
  if (own.length > 0) return { all: false, projectKeys: own.map((p) => p.key) };
  throw new PmoError('forbidden', `Only PMO admins, executives, and PMs for their own projects can ${what}.`);
}

/** Throws unless the scope covers `projectKey`, naming the projects the actor may use instead. */
export function assertInScope(scope: ReportScope, projectKey: string, what: string): void {
  if (scope.all || scope.projectKeys.includes(projectKey.toUpperCase())) return;
  const yours = scope.projectKeys.join(', ');
  throw new PmoError('forbidden', `You can ${what} only for your own projects (${yours}), not ${projectKey.toUpperCase()}.`, { field: 'project' });
}
