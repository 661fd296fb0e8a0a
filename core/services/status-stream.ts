import { StatusUpdateModel, type StatusUpdateDoc } from '../../models';
import { inBatches, STREAM_BATCH } from './bulk-reads';
import { toWorkspaceId, type WorkspaceId } from './context';

/**
 * Every status update of the workspace (or of `projectKeys`), by project and then oldest period
 * first, a batch at a time from one cursor: the unique (workspaceId, projectKey, period) index
 * serves the filter and the order, so no history is ever sorted or held whole.
 */
export async function* streamStatusUpdates(ws: WorkspaceId, projectKeys?: readonly string[]): AsyncGenerator<StatusUpdateDoc[]> {
  const filter = { workspaceId: toWorkspaceId(ws), ...(projectKeys ? { projectKey: { $in: [...projectKeys] } } : {}) };
  const cursor = StatusUpdateModel.find(filter).sort({ projectKey: 1, period: 1 }).batchSize(STREAM_BATCH).lean<StatusUpdateDoc[]>().cursor();
  yield* inBatches(cursor, (doc: StatusUpdateDoc) => doc);
}
