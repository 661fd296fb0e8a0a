import { EventEmitter } from 'node:events';

/** Said in this process when a workspace's settings change, so cached copies are dropped at once. */
export const workspaceEvents = new EventEmitter().setMaxListeners(50);
export const WORKSPACE_CHANGED = 'changed';

export function announceWorkspaceChanged(workspaceId: string): void {
  workspaceEvents.emit(WORKSPACE_CHANGED, workspaceId);
}
