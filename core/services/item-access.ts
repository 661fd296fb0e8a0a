import type { Types } from 'mongoose';
import type { ProjectDoc } from '../../models';
import type { Actor } from '../domain';
import { loadWorkspace, type WorkspaceId } from './context';
import { PmoError } from './errors';
import { getProject } from './hierarchy.service';
import { itemModel, requireItem, type RegisterItem } from './item-store';
import { assertCanChangeItem } from './permissions';

/** The item, its project and the permission check every change goes through. */
export async function loadForChange(
  ws: WorkspaceId,
  actor: Actor,
  key: string,
  verb: string,
): Promise<{ workspaceId: Types.ObjectId; item: RegisterItem; project: ProjectDoc | null }> {
  const workspace = await loadWorkspace(ws);
  const item = await requireItem(workspace._id, key);
  const project = await getProject(workspace._id, item.projectKey);
  await assertCanChangeItem(workspace, actor, item, project?.pmId, verb);
  return { workspaceId: workspace._id, item, project };
}

/** Writes `set` on the item (of this workspace) and returns it as stored, one version (`__v`) on. */
export async function saveFields(workspaceId: Types.ObjectId, item: RegisterItem, set: Record<string, unknown>): Promise<RegisterItem> {
  const doc = await itemModel(item.kind)
    .findOneAndUpdate({ workspaceId, _id: item._id }, { $set: set, $inc: { __v: 1 } }, { new: true })
    .lean<RegisterItem>();
  if (!doc) throw new PmoError('not_found', `${item.key} was removed meanwhile.`);
  return { ...doc, kind: item.kind } as RegisterItem;
}
