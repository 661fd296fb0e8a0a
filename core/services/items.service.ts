import type { Types } from 'mongoose';
import type { ItemHistoryDoc, RegisterItemBase } from '../../models';
import type { Actor, ItemKind } from '../domain';
import { isDone, logFields, projectSource, registerOf, RELATED_FIELDS, storedName, type ItemRow } from '../registers';
import { assertImpactKnown, assertMayDecide } from './change-decisions.service';
import { loadWorkspace, toWorkspaceId, type WorkspaceId } from './context';
import { invalid, PmoError } from './errors';
import { requireProject } from './hierarchy.service';
import { changedOnly, diffToHistory, itemHistory, writeHistory } from './history';
import { loadForChange, saveFields } from './item-access';
import { asItem, itemModel, requireItem, type ChangeItem, type IssueItem, type RegisterItem, type RiskItem } from './item-store';
import { fieldLabel, kindName, normalisePatch, type ItemPatch } from './item-validation';
import { insertWithNextKey } from './keys';

interface NewItemInput {
  title: string;
  description?: string;
  projectKey: string;
  /** Defaults to the person logging it. */
  ownerId?: string;
  due?: string | null;
  /** The chat message it was logged from: its permalink and its author's name. */
  source?: ItemSource;
}
/** A chat message an item was logged from ("Log in PMO register" on a message). */
export interface ItemSource {
  url: string;
  authorName: string;
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

/** Logs an item of any kind from its stored fields, by its descriptor (an action's project defaults to the item it serves). */
export async function createItemOf(kind: ItemKind, ws: WorkspaceId, actor: Actor, input: NewItemInput & ItemPatch, now = new Date(), request?: RequestRef): Promise<RegisterItem> {
  return createItem(kind, ws, actor, input, now, request);
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
  const source = projectSource(kind);
  const lenderField = source && !input.projectKey ? storedName(source) : undefined;
  const lender = lenderField ? (input as unknown as Record<string, unknown>)[lenderField] : undefined;
  const projectKey = lenderField && typeof lender === 'string' && lender ? (await requireReference(workspaceId, lender, lenderField)).projectKey : input.projectKey;
  const { source: message, ...given } = input;
  const fields = normalisePatch(kind, { ...given, projectKey, ownerId: input.ownerId || actor.userId });
  const own = logFields(kind).filter((f) => f.required).map(storedName);
  for (const field of new Set(['title', 'projectKey', ...own])) {
    if (fields[field] === undefined || fields[field] === null) throw invalid(field, `A ${kindName(kind)} needs a ${fieldLabel(field)}.`);
  }
  const project = await requireProject(workspaceId, String(fields.projectKey), 'projectKey');
  await requireReferences(workspaceId, kind, fields);
  if (request?.retry) {
    const logged = await itemModel(kind).findOne({ workspaceId, requestKey: request.key }).lean<RegisterItemBase>();
    if (logged) return asItem(kind, logged);
  }
  const stored = {
    ...fields, ...derived(kind, fields), projectKey: project.key, raisedById: actor.userId, createdAt: now, requestKey: request?.key ?? null,
    ...(message ? { sourceUrl: message.url, sourceAuthor: message.authorName } : {}),
  };
  // One write: the item is the record of its own creation (history.ts, itemHistory).
  return insertWithNextKey(kind, workspaceId, stored);
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
  await requireReferences(workspaceId, item.kind, fields, item.key);
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

/**
 * `show R-3`: the items naming it in a related field of their kind (the actions serving it, the
 * decisions concerning it), each query served by its model's (workspaceId, <field>, seq) index.
 */
export async function relatedItems(ws: WorkspaceId, key: string): Promise<RegisterItem[]> {
  const workspaceId = toWorkspaceId(ws);
  const found = await Promise.all(
    RELATED_FIELDS.map(async ({ kind, stored }) => {
      const docs = await itemModel(kind).find({ workspaceId, [stored]: key }).sort({ seq: 1 }).limit(50).lean<object[]>();
      return docs.map((doc) => asItem(kind, doc));
    }),
  );
  return found.flat();
}

/** `show KEY`: the item (of this workspace only) and its history, oldest first. */
export async function getItem(ws: WorkspaceId, key: string): Promise<{ item: RegisterItem; history: ItemHistoryDoc[] }> {
  const workspaceId = toWorkspaceId(ws);
  const item = await requireItem(workspaceId, key);
  return { item, history: await itemHistory({ ...item, workspaceId }) };
}

/**
 * The items a kind's `key`/`keys` fields name (an action's item, a decision's items and the decision
 * superseding it) must exist here, may not be the item itself, and must be acceptable to the kind.
 */
async function requireReferences(workspaceId: Types.ObjectId, kind: ItemKind, fields: Record<string, unknown>, self?: string): Promise<void> {
  const register = registerOf(kind);
  for (const def of register.fields.filter((f) => f.value.type === 'key' || f.value.type === 'keys')) {
    const field = storedName(def);
    const value = fields[field];
    for (const key of Array.isArray(value) ? value : [value]) {
      if (typeof key !== 'string' || !key) continue;
      if (key.toUpperCase() === self) throw new PmoError('invalid', `${self} cannot ${def.selfVerb ?? 'name'} itself.`, { field });
      const named = await requireReference(workspaceId, key, field);
      const refusal = register.refuseReference?.(field, named as unknown as ItemRow);
      if (refusal) throw new PmoError('invalid', refusal, { field });
    }
  }
}

/** An item a field names: a key naming nothing is that field's fault (re-asked there), not the key of the item at hand. */
async function requireReference(workspaceId: Types.ObjectId, key: string, field: string): Promise<RegisterItem> {
  try {
    return await requireItem(workspaceId, key);
  } catch (err) {
    if (err instanceof PmoError && err.code === 'not_found') throw new PmoError('not_found', err.message, { field });
    throw err;
  }
}

/** Stored fields computed from others (a risk's score and rating), by the kind's descriptor. */
function derived(kind: ItemKind, fields: Record<string, unknown>): Record<string, unknown> {
  return registerOf(kind).derive?.(fields) ?? {};
}

/** Bookkeeping implied by a change: closing/reopening stamps closedAt; the kind's descriptor adds its own. */
function followOn(item: RegisterItem, set: Record<string, unknown>, actor: Actor, now: Date): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  if (typeof set.status === 'string') {
    extra.closedAt = isDone(item.kind, set.status) ? (item.closedAt ?? now) : null;
  }
  return { ...extra, ...registerOf(item.kind).follow?.(item as unknown as ItemRow, set, { userId: actor.userId, now }) };
}
