import { Schema, type Types } from 'mongoose';
import type { IsoDate } from '../core/domain';

/** What risks, issues and change requests have in common (SPEC §2 register items). */
export interface RegisterItemBase {
  workspaceId: Types.ObjectId;
  /** n in the readable key; unique per workspace and kind, allocated max + 1 with retry. */
  seq: number;
  /** `R-7`, `I-3`, `C-12`. */
  key: string;
  title: string;
  description: string;
  projectKey: string;
  /** Platform user ids. */
  ownerId: string;
  raisedById: string;
  due?: IsoDate | null;
  status: string;
  closedAt?: Date | null;
  /** Text given with `close KEY ...` (the resolution; a closing note on the others). */
  resolution?: string | null;
  /** The inbound request that logged it (bot/inbox), so carrying that request out again finds it instead of logging it twice. */
  requestKey?: string | null;
  /** Logged from a chat message ("Log in PMO register"): a link to that message, and who wrote it. */
  sourceUrl?: string | null;
  sourceAuthor?: string | null;
}

/** Schema fields for RegisterItemBase; each item model adds its own (and its status enum). */
export const registerItemFields = {
  workspaceId: { type: Schema.Types.ObjectId, ref: 'Workspace', required: true },
  seq: { type: Number, required: true, min: 1 },
  key: { type: String, required: true },
  title: { type: String, required: true },
  description: { type: String, default: '' },
  projectKey: { type: String, required: true },
  ownerId: { type: String, required: true },
  raisedById: { type: String, required: true },
  due: { type: String, default: null },
  closedAt: { type: Date, default: null },
  resolution: { type: String, default: null },
  requestKey: { type: String, default: null },
  sourceUrl: { type: String, default: null },
  sourceAuthor: { type: String, default: null },
} as const;
