import mongoose, { Schema, type Model, type Types } from 'mongoose';

/** Fields every stored document has once read back (`timestamps: true`). */
export interface Stored {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

/** A document as returned by `.lean()`. */
export type Lean<T> = T & Stored;

/** The owning workspace: on every document but Workspace itself, and in every query. */
export const workspaceIdField = { type: Schema.Types.ObjectId, ref: 'Workspace', required: true } as const;

/**
 * Schema options shared by every model. Indexes are built by `ensureIndexes()` at start-up, not
 * by mongoose in the background, so that start-up fails loudly when one cannot be built.
 */
export const schemaOptions = { timestamps: true, autoIndex: false, autoCreate: false } as const;

/** Registers a model on the default connection once (jest and hot reload may import twice). */
export function defineModel<T>(name: string, schema: Schema<T>, collection: string): Model<T> {
  const existing = mongoose.models[name] as Model<T> | undefined;
  return existing ?? mongoose.model<T>(name, schema, collection);
}
