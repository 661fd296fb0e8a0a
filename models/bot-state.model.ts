import { Schema } from 'mongoose';
import { defineModel, schemaOptions, type Lean } from './common';

/**
 * One version of a botbuilder state item (conversation, user or dialog state). Each write inserts
 * the next version, so a unique index rather than a conditional update decides who wrote first:
 * FerretDB applies updates read-then-write, where `updateOne({ eTag })` is not atomic.
 */
export interface BotStateRecord {
  /** Whose state it is: `teams:<tenantId>`, `slack:<teamId>`, `local:default`. */
  workspaceKey: string;
  /** The botbuilder storage key without the workspace prefix (`msteams/conversations/<id>/`). */
  key: string;
  /** 1, 2, 3… per (workspaceKey, key); its string form is the item's eTag. */
  version: number;
  /** The item without its eTag, as JSON: state keys may hold `.` or start with `$`, which FerretDB refuses. */
  state: string;
}
export type BotStateRecordDoc = Lean<BotStateRecord>;

const botStateSchema = new Schema<BotStateRecord>(
  {
    workspaceKey: { type: String, required: true },
    key: { type: String, required: true },
    version: { type: Number, required: true, min: 1 },
    state: { type: String, required: true },
  },
  schemaOptions,
);

// MongoStorage: read the latest version (find by workspaceKey+key, sort version desc), insert a
// version (only one writer can), delete a key's versions.
botStateSchema.index({ workspaceKey: 1, key: 1, version: 1 }, { unique: true });

export const BotStateModel = defineModel<BotStateRecord>('BotState', botStateSchema, 'bot_states');
