// Deciding a change request (SPEC §2, §4): `approve C-n` / `reject C-n`, who may, and who is told.
import type { WorkspaceDoc } from '../../models';
import type { Actor } from '../domain';
import { decidersPhrase, mayDecideChange, policyRules } from '../policy';
import { loadWorkspace, type WorkspaceId } from './context';
import { displayNames } from './directory';
import { invalid, PmoError } from './errors';
import { getProject } from './hierarchy.service';
import { writeHistory, type HistoryDraft } from './history';
import { asItem, itemModel, requireItem, type ChangeItem } from './item-store';
import { withOverdue, type ListedItem } from './item-list.service';
import { overdueContext } from './overdue';
import { isDone } from '../registers';
import { listPeople } from './people.service';
import { isPmoAdmin } from './permissions';
import { todayIn } from './time';

export type ChangeVerdict = 'approved' | 'rejected';

/** What an approval may add: why, and (directive) the impact on each dimension still missing. */
export interface VerdictInput {
  comment?: string;
  impactTime?: string;
  impactCost?: string;
  impactScope?: string;
}

const IMPACTS = [
  ['impactTime', 'time'],
  ['impactCost', 'cost'],
  ['impactScope', 'scope'],
] as const;

/** Whether `actor` may decide a change of a project with this PM under the workspace's policy. */
export async function canDecideChange(workspace: WorkspaceDoc, actor: Actor, pmId: string | null | undefined): Promise<boolean> {
  const rules = policyRules(workspace.policy);
  if (mayDecideChange(rules, { actorId: actor.userId, pmId, isAdmin: false })) return true;
  return isPmoAdmin(workspace, actor);
}

/** Throws `forbidden` naming who may: "Only the project's PM (Sam) or a PMO admin can approve or reject C-3 …". */
export async function assertMayDecide(workspace: WorkspaceDoc, actor: Actor, item: { key: string }, pmId: string | null | undefined): Promise<void> {
  if (await canDecideChange(workspace, actor, pmId)) return;
  const rules = policyRules(workspace.policy);
  const pm = rules.changeDecidedBy === 'pm-or-admin' && pmId ? (await displayNames(workspace._id, [pmId])).get(pmId) : undefined;
  const who = pm ? `the project's PM (${pm}) or a PMO admin` : decidersPhrase(rules);
  throw new PmoError('forbidden', `Only ${who} can approve or reject ${item.key} (this workspace's PMO policy is ${workspace.policy ?? 'controlling'}).`);
}

/** Directive: an approval needs the impact on time, cost and scope, stored or given with it. */
export function assertImpactKnown(workspace: WorkspaceDoc, change: ChangeItem, input: VerdictInput): void {
  if (!policyRules(workspace.policy).approvalNeedsImpact) return;
  const missing = IMPACTS.filter(([field]) => !(input[field] ?? change[field] ?? '').trim()).map(([, said]) => said);
  if (missing.length === 0) return;
  const example = missing.map((said) => `${said}="…"`).join(' ');
  const named = missing.length > 1 ? `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}` : missing[0];
  throw invalid(
    'impact',
    `Under the directive policy an approved change needs its impact on time, cost and scope; ${change.key} has none on ${named}. ` +
      `Give it with the approval: approve ${change.key} ${example}`,
  );
}

/** "C-3 is already approved (by Sam on 2026-03-02); nothing changed." */
async function alreadyDecided(workspace: WorkspaceDoc, change: ChangeItem): Promise<PmoError> {
  const by = change.decidedById ? (await displayNames(workspace._id, [change.decidedById])).get(change.decidedById) : undefined;
  const parts = [by ? `by ${by}` : '', change.decidedAt ? `on ${todayIn(workspace.timeZone, change.decidedAt)}` : ''].filter(Boolean);
  const when = parts.length ? ` (${parts.join(' ')})` : '';
  return new PmoError('conflict', `${change.key} is already ${change.decision}${when}; nothing changed.`);
}

/**
 * `approve C-n` / `reject C-n`: the policy's deciders only. The decision is taken only from
 * pending, in one conditional update, so two deciders at once (or an old card's button) cannot
 * both decide; the history records who decided, when, and the comment as why.
 */
export async function decideChange(
  ws: WorkspaceId,
  actor: Actor,
  key: string,
  verdict: ChangeVerdict,
  input: VerdictInput = {},
  now = new Date(),
): Promise<{ item: ChangeItem; pmId: string | null }> {
  const workspace = await loadWorkspace(ws);
  const found = await requireItem(workspace._id, key);
  if (found.kind !== 'change') throw invalid('key', `${found.key} is not a change request; approve and reject take a change request key like C-3.`);
  const change = found;
  const project = await getProject(workspace._id, change.projectKey);
  await assertMayDecide(workspace, actor, change, project?.pmId);
  if (change.decision !== 'pending') throw await alreadyDecided(workspace, change);
  if (change.status === 'closed') throw new PmoError('conflict', `${change.key} is closed; nothing changed.`);
  if (verdict === 'approved') assertImpactKnown(workspace, change, input);
  const impacts: Record<string, string> = {};
  for (const [field] of IMPACTS) {
    const given = input[field]?.trim();
    if (given && given !== change[field]) impacts[field] = given;
  }
  const set = { ...impacts, decision: verdict, decidedById: actor.userId, decidedAt: now };
  const doc = await itemModel('change')
    .findOneAndUpdate({ workspaceId: workspace._id, _id: change._id, decision: 'pending', status: { $ne: 'closed' } }, { $set: set, $inc: { __v: 1 } }, { new: true })
    .lean<ChangeItem>();
  if (!doc) throw await alreadyDecided(workspace, (await requireItem(workspace._id, key)) as ChangeItem);
  const note = input.comment?.trim() || null;
  const drafts: HistoryDraft[] = [
    ...Object.entries(impacts).map(([field, to]): HistoryDraft => ({ action: 'updated', field, from: change[field as keyof ChangeItem] as string, to })),
    { action: 'updated', field: 'decision', from: 'pending', to: verdict, note },
  ];
  await writeHistory(workspace._id, change, actor.userId, now, drafts);
  return { item: { ...doc, kind: 'change' }, pmId: project?.pmId ?? null };
}

/** Who decides a change of a project with this PM: the PMO admins, and under supportive the PM; never `except` (who raised it). */
export async function changeDeciders(workspace: WorkspaceDoc, pmId: string | null | undefined, except?: string): Promise<string[]> {
  const admins = (await listPeople(workspace._id, { role: 'pmo_admin' })).map((p) => p.platformUserId);
  const pm = policyRules(workspace.policy).changeDecidedBy === 'pm-or-admin' && pmId ? [pmId] : [];
  return [...new Set([...pm, ...admins])].filter((id) => id && id !== except);
}

/**
 * The change requests of the workspace awaiting a decision, oldest first, each with whether it is
 * overdue (`mine`'s "changes awaiting my decision"): read by decision, served by the
 * (workspaceId, decision, createdAt) index, so however many decided changes are open, none is missed.
 */
export async function listPendingChanges(ws: WorkspaceId, now: Date): Promise<ListedItem[]> {
  const workspace = await loadWorkspace(ws);
  const ctx = overdueContext(workspace, now);
  const docs = await itemModel('change').find({ workspaceId: workspace._id, decision: 'pending' }).sort({ createdAt: 1 }).lean<object[]>();
  return docs.map((doc) => withOverdue(asItem('change', doc), ctx)).filter((item) => !isDone('change', item.status));
}
