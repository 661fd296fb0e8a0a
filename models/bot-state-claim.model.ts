import { Schema } from 'mongoose';
import { defineModel } from './common';

/**
 * The right to write one version of a bot state item. A writer that expects an item at version n
 * inserts the claim for n + 1 before it replaces the item's head (bot-state.model.ts); the `_id`
 * primary key lets exactly one insert succeed, which is what makes the write conditional even
 * though FerretDB applies updates read-then-write. MongoStorage reads and deletes claims by `_id`
 * only, except for the periodic prune by `createdAt`.
 */
export interface BotStateClaim {
  /**
   * `<head _id>#<version>` for a claim (the version is digits, so splitting at the last `#` is
   * unambiguous), or `!takeover/<ms>/<claim _id>` for the right to remove one orphaned claim. A head
   * `_id` starts with a workspace key, `[a-z0-9]…`, so never with `!`.
   */
  _id: string;
  /** When it was inserted, by the writer's clock: orphan recovery and pruning go by it. */
  createdAt: Date;
}

const botStateClaimSchema = new Schema<BotStateClaim>(
  {
    _id: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { autoIndex: false, autoCreate: false, timestamps: false, versionKey: false },
);

// No secondary index: on FerretDB's SQLite backend only `_id` lookups are pushed down anyway, and
// the prune by createdAt runs at most once per pruneEveryMs per MongoStorage.

export const BotStateClaimModel = defineModel<BotStateClaim>('BotStateClaim', botStateClaimSchema, 'bot_state_claims');
