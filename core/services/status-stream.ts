import { StatusUpdateModel, type StatusUpdateDoc } from '../../models';
import { inFilter } from './bulk-reads';
import { toWorkspaceId, type WorkspaceId } from './context';
import { STREAM_BATCH } from './item-list.service';

/**
 * Every status update of the workspace (or of `projectKeys`), by project and then oldest period
 * first, a batch at a time from one cursor: the unique (workspaceId, projectKey, period) index
 * serves the filter and the order, so no history is ever sorted or held whole.
 */
export async function* streamStatusUpdates(ws: WorkspaceId, projectKeys?: readonly string[]): AsyncGenerator<StatusUpdateDoc[]> {
  const keys = projectKeys ? new Set(projectKeys) : undefined;
  const filter = { workspaceId: toWorkspaceId(ws), ...(projectKeys ? inFilter('projectKey', projectKeys) : {}) };
  const cursor = StatusUpdateModel.find(filter).sort({ projectKey: 1, period: 1 }).batchSize(STREAM_BATCH).lean<StatusUpdateDoc[]>().cursor();
  try {
    let batch: StatusUpdateDoc[] = [];
    for await (const doc of cursor) {
      const update = doc as StatusUpdateDoc;
      if (keys && !keys.has(update.projectKey)) continue; // a list too long for $in is kept here
      batch.push(update);
      if (batch.length >= STREAM_BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    await cursor.close();
  }
}
