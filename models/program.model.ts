import { Schema, type Types } from 'mongoose';
import { defineModel, schemaOptions, workspaceIdField, type Lean } from './common';

/** The optional level between portfolio and project. */
export interface Program {
  workspaceId: Types.ObjectId;
  key: string;
  name: string;
  portfolioKey?: string | null;
}
export type ProgramDoc = Lean<Program>;

const programSchema = new Schema<Program>(
  {
    workspaceId: workspaceIdField,
    key: { type: String, required: true },
    name: { type: String, required: true },
    portfolioKey: { type: String, default: null },
  },
  schemaOptions,
);

// `program add`, `project add program=KEY`: one program by key; also the list by key.
programSchema.index({ workspaceId: 1, key: 1 }, { unique: true });
// The programs of a portfolio (digest roll-up).
programSchema.index({ workspaceId: 1, portfolioKey: 1 });

export const ProgramModel = defineModel<Program>('Program', programSchema, 'programs');
