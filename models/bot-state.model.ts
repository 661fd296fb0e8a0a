import { Schema } from 'mongoose';
import { defineModel } from './common';

/**
 * The current version of one botbuilder state item (conversation, user or dialog state): one
 * document per item, its `_id` built from the workspace and the key, so that every read and write
 * finds it by `_id`. A write applies only over the version it read (bot/state/mongo-storage.ts:
 * `updateOne({ _id, version })` with `$inc: { version: 1 }`; a new item is an insert on `_id`).
 *
 * Documents of the earlier design (one per version, ObjectId `_id`) may still be in the
 * collection; no head `_id` finds them, and MongoStorage's first prune deletes them.
 */
export interface BotStateRecord {
  /** `<workspaceKey>/<key>`: unambiguous, as a workspace key holds no `/` (see bot/state/storage-key.ts). */
  _id: string;
  /** Whose state it is: `teams:<tenantId>`, `slack:<teamId>`, `local:default`. */
  workspaceKey: string;
  /** The botbuilder storage key without the workspace prefix (`msteams/conversations/<id>/`). */
  key: string;
  /** 1, 2, 3… per item, never restarting (a delete is a version too); its string form is the eTag. */
  version: number;
  /** The item without its eTag, as JSON (state keys may hold `.` or start with `$`, which FerretDB refuses); null once deleted. */
  state: string | null;
  /** A tombstone: the item was deleted. Kept so that version numbers, and so eTags, never repeat. */
  deleted: boolean;
  updatedAt: Date;
}

const botStateSchema = new Schema<BotStateRecord>(
  {
    _id: { type: String, required: true },
    workspaceKey: { type: String, required: true },
    key: { type: String, required: true },
    version: { type: Number, required: true, min: 1 },
    state: { type: String, default: null },
    deleted: { type: Boolean, required: true, default: false },
    updatedAt: { type: Date, required: true },
  },
  // MongoStorage writes updatedAt from its own clock; `__v` would only be confused with `version`.
  { autoIndex: false, autoCreate: false, timestamps: false, versionKey: false },
);

// No secondary index: MongoStorage reads and writes by `_id` (with the version as a condition).
// ensureIndexes (syncIndexes) drops the earlier unique (workspaceKey, key, version) index.

export const BotStateModel = defineModel<BotStateRecord>('BotState', botStateSchema, 'bot_states');
