import type { Types } from 'mongoose';
import type { ItemHistoryDoc, RegisterItemBase } from '../../models';
import { riskRating, type Actor, type ItemKind, type RiskRating } from '../domain';
import { isDone, logFields, registerOf, storedName } from '../registers';
import { assertImpactKnown, assertMayDecide } from './change-decisions.service';
import { loadWorkspace, toWorkspaceId, type WorkspaceId } from './context';
import { invalid, PmoError } from './errors';
import { requireProject } from './hierarchy.service';
import { changedOnly, diffToHistory, itemHistory, writeHistory } from './history';
import { loadForChange, saveFields } from './item-access';
import { asItem, itemModel, requireItem, type ActionItem, type ChangeItem, type DecisionItem, type IssueItem, type RegisterItem, type RiskItem } from './item-store';
import { fieldLabel, kindName, normalisePatch, type ItemPatch } from './item-validation';
import { insertWithNextKey } from './keys';

interface NewItemInput {
  title: string;
  description?: string;
  projectKey: string;
  /** Defaults to the person logging it. */
  ownerId?: string;
  due?: string | null;
}
export interface CreateRiskInput extends NewItemInput {
  probability: number | string;
  impact: number | string;
  response?: string | null;
  mitigation?: string;
  reviewDate?: string | null;
}
export interface CreateIssueInput extends NewItemInput {
  type?: string;
  priority?: string;
}
export interface CreateDecisionInput extends NewItemInput {
  outcome?: string;
  rationale?: string;
  decidedById?: string | null;
  decidedOn?: string | null;
  items?: string[];
}
export interface CreateActionInput extends NewItemInput {
  itemKey?: string | null;
}
export interface CreateChangeInput extends NewItemInput {
  impact?: string;
  impactTime?: string;
  impactCost?: string;
  impactScope?: string;
}

/**
 * The inbound request a create runs for (bot/inbox): its key is stored on the item, and when the
 * request is being carried out again (`retry`: an earlier attempt may have saved before its process
 * died) the item it already logged is returned instead of a second one.
 */
export interface RequestRef {
  key: string;
  retry: boolean;
}

/** Anyone in the workspace may log an item (SPEC §3). `now` stamps it and its history. */
export async function createRisk(ws: WorkspaceId, actor: Actor, input: CreateRiskInput, now = new Date(), request?: RequestRef): Promise<RiskItem> {
  return (await createItem('risk', ws, actor, input, now, request)) as RiskItem;
}

export async function createIssue(ws: WorkspaceId, actor: Actor, input: CreateIssueInput, now = new Date(), request?: RequestRef): Promise<IssueItem> {
  return (await createItem('issue', ws, actor, input, now, request)) as IssueItem;
}

export async function createChange(ws: WorkspaceId, actor: Actor, input: CreateChangeInput, now = new Date(), request?: RequestRef): Promise<ChangeItem> {
  return (await createItem('change', ws, actor, input, now, request)) as ChangeItem;
}

export async function createDecision(ws: WorkspaceId, actor: Actor, input: CreateDecisionInput, now = new Date(), request?: RequestRef): Promise<DecisionItem> {
  return (await createItem('decision', ws, actor, input, now, request)) as DecisionItem;
}

/** An action takes its project from the item it serves when none is given. */
export async function createAction(ws: WorkspaceId, actor: Actor, input: CreateActionInput, now = new Date(), request?: RequestRef): Promise<ActionItem> {
  const served = input.itemKey && !input.projectKey ? await requireReference(toWorkspaceId(ws), input.itemKey, 'itemKey') : undefined;
  const withProject = served ? { ...input, projectKey: served.projectKey } : input;
  return (await createItem('action', ws, actor, withProject, now, request)) as ActionItem;
}

/** Logs an item of any kind from its stored fields (an action's project defaults to the item it serves). */
export async function createItemOf(kind: ItemKind, ws: WorkspaceId, actor: Actor, input: NewItemInput & ItemPatch, now = new Date(), request?: RequestRef): Promise<RegisterItem> {
  return kind === 'action' ? createAction(ws, actor, input, now, request) : createItem(kind, ws, actor, input, now, request);
}

async function createItem(
  kind: ItemKind,
  ws: WorkspaceId,
  actor: Actor,
  input: NewItemInput & ItemPatch,
  now: Date,
  request?: RequestRef,
): Promise<RegisterItem> {
  const workspaceId = toWorkspaceId(ws);
  if (input.status !== undefined) throw invalid('status', `A new ${kindName(kind)} starts open.`);
  const fields = normalisePatch(kind, { ...input, ownerId: input.ownerId || actor.userId });
  const own = logFields(kind).filter((f) => f.required).map(storedName);
  for (const field of new Set(['title', 'projectKey', ...own])) {
    if (fields[field] === undefined || fields[field] === null) throw invalid(field, `A ${kindName(kind)} needs a ${fieldLabel(field)}.`);
  }
  const project = await requireProject(workspaceId, String(fields.projectKey), 'projectKey');
  await requireReferences(workspaceId, fields);
  if (request?.retry) {
    const logged = await itemModel(kind).findOne({ workspaceId, requestKey: request.key }).lean<RegisterItemBase>();
    if (logged) return asItem(kind, logged);
  }
  const stored = {
    ...fields, ...derived(kind, fields), projectKey: project.key, raisedById: actor.userId, createdAt: now, requestKey: request?.key ?? null,
  };
  const item = await insertWithNextKey(kind, workspaceId, stored);
  await writeHistory(workspaceId, item, actor.userId, now, [{ action: 'created', to: item.title }]);
  return item;
}

/**
 * `update KEY field=value ...`: owner, project PM or PMO admin only. Writes one history entry per
 * field that really changes (score and rating follow probability and impact). Returns the item
 * and the fields changed (none: nothing written).
 */
export async function updateItem(
  ws: WorkspaceId,
  actor: Actor,
  key: string,
  patch: ItemPatch,
  now = new Date(),
): Promise<{ item: RegisterItem; changed: string[] }> {
  const { workspaceId, item, project } = await loadForChange(ws, actor, key, 'update');
  const fields = normalisePatch(item.kind, patch);
  // `update C-n decision=…` decides as approve/reject do: the policy's deciders only (SPEC §4).
  if (item.kind === 'change' && fields.decision !== undefined && fields.decision !== item.decision) {
    const workspace = await loadWorkspace(workspaceId);
    await assertMayDecide(workspace, actor, item, project?.pmId);
    if (fields.decision === 'approved') assertImpactKnown(workspace, item, {});
  }
  if (typeof fields.projectKey === 'string') fields.projectKey = (await requireProject(workspaceId, fields.projectKey, 'projectKey')).key;
  await requireReferences(workspaceId, fields, item.key);
  const before = item as unknown as Record<string, unknown>;
  const set = changedOnly(before, { ...fields, ...derived(item.kind, { ...before, ...fields }) });
  Object.assign(set, followOn(item, set, actor, now));
  const drafts = diffToHistory(before, set);
  if (Object.keys(set).length === 0) return { item, changed: [] };
  const updated = await saveFields(workspaceId, item, set);
  await writeHistory(workspaceId, item, actor.userId, now, drafts);
  return { item: updated, changed: drafts.map((d) => d.field ?? '') };
}

/** `close KEY [resolution]`: owner, project PM or PMO admin only. */
export async function closeItem(ws: WorkspaceId, actor: Actor, key: string, resolution?: string, now = new Date()): Promise<RegisterItem> {
  const { workspaceId, item } = await loadForChange(ws, actor, key, 'close');
  if (isDone(item.kind, item.status)) throw new PmoError('conflict', `${item.key} is already ${item.status}.`);
  const note = resolution?.trim() || null;
  const status = registerOf(item.kind).closeTo;
  const updated = await saveFields(workspaceId, item, { status, closedAt: now, ...(note ? { resolution: note } : {}) });
  await writeHistory(workspaceId, item, actor.userId, now, [{ action: 'closed', field: 'status', from: item.status, to: status, note }]);
  return updated;
}

/** `show R-3`: the actions serving the item and the decisions concerning it (indexed by itemKey and items). */
export async function relatedItems(ws: WorkspaceId, key: string): Promise<RegisterItem[]> {
  const workspaceId = toWorkspaceId(ws);
  const [actions, decisions] = await Promise.all([
    itemModel('action').find({ workspaceId, itemKey: key }).sort({ seq: 1 }).limit(50).lean<object[]>(),
    itemModel('decision').find({ workspaceId, items: key }).sort({ seq: 1 }).limit(50).lean<object[]>(),
  ]);
  return [...actions.map((doc) => asItem('action', doc)), ...decisions.map((doc) => asItem('decision', doc))];
}

/** `show KEY`: the item (of this workspace only) and its history, oldest first. */
export async function getItem(ws: WorkspaceId, key: string): Promise<{ item: RegisterItem; history: ItemHistoryDoc[] }> {
  const workspaceId = toWorkspaceId(ws);
  const item = await requireItem(workspaceId, key);
  return { item, history: await itemHistory(workspaceId, item.key) };
}

/** The items an action serves or a decision concerns (or the decision superseding one) must exist here. */
async function requireReferences(workspaceId: Types.ObjectId, fields: Record<string, unknown>, self?: string): Promise<void> {
  const keys: [unknown, string][] = [[fields.itemKey, 'itemKey'], [fields.supersededBy, 'supersededBy'], ...(Array.isArray(fields.items) ? fields.items : []).map((k): [unknown, string] => [k, 'items'])];
  for (const [key, field] of keys) {
    if (typeof key !== 'string' || !key) continue;
    if (key.toUpperCase() === self) throw new PmoError('invalid', `${self} cannot ${SELF_REFERENCE[field]} itself.`, { field });
    const named = await requireReference(workspaceId, key, field);
    // Superseded by a decision no longer in force would leave no decision in force, or make a cycle.
    if (field === 'supersededBy' && named.kind === 'decision' && isDone('decision', named.status)) {
      const by = named.supersededBy ? ` (by ${named.supersededBy})` : '';
      throw new PmoError('invalid', `${named.key} is itself superseded${by}; name the decision in force.`, { field });
    }
  }
}

const SELF_REFERENCE: Record<string, string> = { itemKey: 'serve', supersededBy: 'be superseded by', items: 'concern' };

/** An item a field names: a key naming nothing is that field's fault (re-asked there), not the key of the item at hand. */
async function requireReference(workspaceId: Types.ObjectId, key: string, field: string): Promise<RegisterItem> {
  try {
    return await requireItem(workspaceId, key);
  } catch (err) {
    if (err instanceof PmoError && err.code === 'not_found') throw new PmoError('not_found', err.message, { field });
    throw err;
  }
}

/** Stored fields computed from others: a risk's score and rating. */
function derived(kind: ItemKind, f: Record<string, unknown>): { score?: number; rating?: RiskRating } {
  if (kind !== 'risk' || typeof f.probability !== 'number' || typeof f.impact !== 'number') return {};
  const score = f.probability * f.impact;
  return { score, rating: riskRating(score) };
}

/** Bookkeeping implied by a change: closing/reopening stamps closedAt, a decision its maker and time. */
function followOn(item: RegisterItem, set: Record<string, unknown>, actor: Actor, now: Date): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  if (typeof set.status === 'string') {
    extra.closedAt = isDone(item.kind, set.status) ? (item.closedAt ?? now) : null;
  }
  if (item.kind === 'decision' && typeof set.supersededBy === 'string' && set.supersededBy) {
    extra.status = 'superseded';
    extra.closedAt = item.closedAt ?? now;
  }
  // Put back in force (a status other than superseded): no longer superseded by the other.
  if (item.kind === 'decision' && item.supersededBy && typeof set.status === 'string' && !isDone(item.kind, set.status) && !('supersededBy' in set)) {
    extra.supersededBy = null;
  }
  if (item.kind === 'change' && typeof set.decision === 'string') {
    const decided = set.decision !== 'pending';
    extra.decidedById = decided ? actor.userId : null;
    extra.decidedAt = decided ? now : null;
  }
  return extra;
}
