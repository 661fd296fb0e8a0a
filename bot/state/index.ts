export * from './mongo-storage';
export * from './storage-error';
export * from './storage-key';
export * from './workspace-key';
export * from './workspace-state';
export { NEW_ITEM_ETAG } from './optimistic-save';
