export type StorageErrorCode = 'etag_conflict' | 'bad_key' | 'too_large' | 'unserialisable' | 'contended';

/** A refused read or write of bot state; `message` follows botbuilder's `Storage: …` wording. */
export class StorageError extends Error {
  readonly code: StorageErrorCode;
  readonly original?: unknown;

  constructor(code: StorageErrorCode, message: string, original?: unknown) {
    super(message);
    this.name = 'StorageError';
    this.code = code;
    this.original = original;
  }
}

/** The error botbuilder's own storages throw when an item changed since it was read. */
export function eTagConflict(storageKey: string, original?: unknown): StorageError {
  return new StorageError('etag_conflict', `Storage: error writing "${storageKey}" due to eTag conflict.`, original);
}
