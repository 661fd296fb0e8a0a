import { StorageError } from './storage-error';

/** A storage key split into the workspace it belongs to and botbuilder's own key. */
export interface ScopedKey {
  workspaceKey: string;
  key: string;
}

/** `teams:<tenantId>`, `slack:<teamId>`, `local:default`: a kind, a colon, an id, no slash. */
const WORKSPACE_KEY = /^[a-z0-9][a-z0-9._%-]*:[^/]+$/;

/** `<workspaceKey>/<botbuilder key>`, the key WorkspaceConversationState uses. */
export function joinStorageKey(workspaceKey: string, key: string): string {
  if (!WORKSPACE_KEY.test(workspaceKey)) {
    throw new StorageError('bad_key', `Storage: "${workspaceKey}" is not a workspace key (kind:id, no "/").`);
  }
  return `${workspaceKey}/${key}`;
}

/** Splits a storage key; a key that names no workspace is refused so that no query crosses workspaces. */
export function splitStorageKey(storageKey: string): ScopedKey {
  const slash = storageKey.indexOf('/');
  const workspaceKey = slash > 0 ? storageKey.slice(0, slash) : '';
  const key = slash > 0 ? storageKey.slice(slash + 1) : '';
  if (!WORKSPACE_KEY.test(workspaceKey) || !key) {
    throw new StorageError(
      'bad_key',
      `Storage: key "${storageKey}" has no workspace prefix; expected "<kind>:<id>/<key>" (use WorkspaceConversationState).`,
    );
  }
  return { workspaceKey, key };
}
