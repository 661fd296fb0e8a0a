import { Types } from 'mongoose';
import { WorkspaceModel, type WorkspaceDoc } from '../../models';
import { PmoError } from './errors';

/** Services take the workspace first: its id, as an ObjectId or its hex string. */
export type WorkspaceId = Types.ObjectId | string;

export function toWorkspaceId(ws: WorkspaceId): Types.ObjectId {
  if (ws instanceof Types.ObjectId) return ws;
  if (typeof ws === 'string' && /^[0-9a-f]{24}$/i.test(ws)) return new Types.ObjectId(ws);
  throw new PmoError('invalid', `"${String(ws)}" is not a workspace id.`, { field: 'workspace' });
}

export async function loadWorkspace(ws: WorkspaceId): Promise<WorkspaceDoc> {
  const doc = await WorkspaceModel.findById(toWorkspaceId(ws)).lean<WorkspaceDoc>();
  if (!doc) throw new PmoError('not_found', 'This workspace is not set up yet.');
  return doc;
}

/** Small random pause before retrying a write that lost a race. */
export function jitter(maxMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * maxMs)));
}
