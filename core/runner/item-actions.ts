// Which buttons a viewer gets on an item's card: only what the runner would let them do (SPEC §3).
import type { ItemAction } from '../view-models';
import { isDone, registerOf } from '../registers';
import { mayDecideChange, policyRules } from '../policy';
import { assertCanChangeItem, canChangeItem, getProject, isPmoAdmin, PmoError, type RegisterItem } from '../services';
import { loadWorkspace } from '../services/context';
import { pmoErrorReply } from './replies';
import type { Reply, RunContext } from './types';

/** What someone who may change `item` can do with it now: closed items no Close, open items of a kind that escalates (risks, issues) Escalate once. */
export function actionsOn(item: RegisterItem, mayChange: boolean): ItemAction[] {
  if (!mayChange) return [];
  const actions: ItemAction[] = ['update'];
  if (!isDone(item.kind, item.status)) actions.push('close');
  const escalatable = registerOf(item.kind).escalatesTo !== undefined && !('escalatedTo' in item && item.escalatedTo);
  if (escalatable && !isDone(item.kind, item.status)) actions.push('escalate');
  return actions;
}

/** A pending change request: Approve and Reject for whoever may decide it under the policy (SPEC §4). */
function decidable(item: RegisterItem): boolean {
  return item.kind === 'change' && item.decision === 'pending' && item.status !== 'closed';
}

/**
 * The viewer's actions for each of `items`, by the rule update/close/escalate check (owner, the
 * project's PM or a PMO admin) and, on a pending change, the policy's deciders: the workspace and
 * each project are read once, and only for items the viewer does not own or may decide (a saved
 * reply of one's own item reads nothing).
 */
export async function viewerActions(ctx: RunContext, items: readonly RegisterItem[]): Promise<(item: RegisterItem) => ItemAction[]> {
  const notOwned = items.filter((item) => !canChangeItem({ actorId: ctx.actor.userId, ownerId: item.ownerId, isAdmin: false }));
  const pending = items.filter(decidable);
  const workspace = notOwned.length > 0 || pending.length > 0 ? await loadWorkspace(ctx.workspaceId) : undefined;
  const isAdmin = workspace !== undefined && (await isPmoAdmin(workspace, ctx.actor));
  const projectKeys = isAdmin ? [] : [...new Set([...notOwned, ...pending].map((item) => item.projectKey))];
  const projects = await Promise.all(projectKeys.map((key) => getProject(ctx.workspaceId, key)));
  const pmOf = new Map(projectKeys.map((key, i) => [key, projects[i]?.pmId]));
  const rules = policyRules(workspace?.policy);
  return (item) => {
    const pmId = pmOf.get(item.projectKey);
    const decide: ItemAction[] = decidable(item) && mayDecideChange(rules, { actorId: ctx.actor.userId, pmId, isAdmin }) ? ['approve', 'reject'] : [];
    return [...decide, ...actionsOn(item, canChangeItem({ actorId: ctx.actor.userId, ownerId: item.ownerId, pmId, isAdmin }))];
  };
}

/** The refusal `update`/`close`/`escalate KEY` would give this viewer (same wording), or undefined if they may. */
export async function changeRefusal(ctx: RunContext, item: RegisterItem, verb: string): Promise<Reply | undefined> {
  const workspace = await loadWorkspace(ctx.workspaceId);
  const project = await getProject(workspace._id, item.projectKey);
  try {
    await assertCanChangeItem(workspace, ctx.actor, item, project?.pmId, verb);
    return undefined;
  } catch (err) {
    if (err instanceof PmoError) return pmoErrorReply(err);
    throw err;
  }
}
