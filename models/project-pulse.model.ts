import { Schema, type Types } from 'mongoose';
import type { ItemKind, Rag } from '../core/domain';
import { defineModel, workspaceIdField } from './common';

/** A status update as the digest and the nudge read it. */
export interface PulseStatus {
  overall: Rag;
  submittedAt: Date;
  /** The update's revision: a later write of an older revision is ignored. */
  revision?: number;
}

/** An item as the digest reads it (core/services/pulse PULSE_ITEM_FIELDS; its project is the pulse's). */
export interface PulseItem {
  kind: ItemKind;
  key: string;
  seq: number;
  title: string;
  status: string;
  ownerId: string;
  due?: string | null;
  reviewDate?: string | null;
  rating?: string | null;
  score?: number | null;
  decision?: string | null;
  createdAt: Date;
  closedAt?: Date | null;
  /** The item's version (saveFields counts its writes): a later note of an older version is ignored. */
  __v?: number;
}

/** What a pulse holds: one project's recent status updates and register items. */
export interface PulseData {
  /** The latest weeks' updates by ISO week (PULSE_WEEKS of them back from the newest). */
  statuses: Record<string, PulseStatus>;
  /** Every open item, by key. */
  open: Record<string, PulseItem>;
  /** Items closed within PULSE_CLOSED_DAYS of the project's latest closure, by key. */
  closed: Record<string, PulseItem>;
}

/**
 * One project's pulse, kept small so that a digest reads one document per project instead of
 * every status update and item the workspace ever had (FerretDB's SQLite backend decodes every
 * document of a collection for any filter but a lone `_id`). Written with each status update and
 * item change (core/services/pulse.ts), rebuilt from the registers when missing or of an older shape.
 *
 * `_id` is `<workspaceId>:<projectKey>`. The PulseData is stored as one JSON string: FerretDB
 * decodes a string about ten times faster than the same data as nested documents (a pulse of ten
 * items and eight weeks took 8 KB of typed JSON in its SQLite table). `rev` is a token that every
 * write and rebuild replaces with a new one: a write applies only over the token it read.
 */
export interface StoredPulse {
  _id: string;
  workspaceId: Types.ObjectId;
  projectKey: string;
  rev: string;
  data: string;
}

/** A workspace's marker: its pulses are complete and of this shape (`_id` `<workspaceId>:`, no projectKey). */
export interface PulseMarker {
  _id: string;
  workspaceId: Types.ObjectId;
  version: number;
  builtAt: Date;
}

const projectPulseSchema = new Schema<StoredPulse>(
  {
    _id: { type: String, required: true },
    workspaceId: workspaceIdField,
    projectKey: { type: String },
    rev: { type: String },
    data: { type: String },
  },
  { autoIndex: false, autoCreate: false, strict: false },
);

// The digest and the nudge: a workspace's pulses (on MongoDB; FerretDB scans the collection).
projectPulseSchema.index({ workspaceId: 1, projectKey: 1 });

export const ProjectPulseModel = defineModel<StoredPulse>('ProjectPulse', projectPulseSchema, 'project_pulses');
