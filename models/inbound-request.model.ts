import { Schema } from 'mongoose';
import type { Platform } from '../core/domain';
import { defineModel, schemaOptions } from './common';

export const INBOUND_STATES = ['pending', 'done', 'failed'] as const;
export type InboundState = (typeof INBOUND_STATES)[number];

/**
 * One request a platform delivered (bot/inbox): a Slack request is recorded before its 200 with
 * the work to carry out, so any instance can finish it if this one dies; a Teams activity is
 * claimed (written done) before its turn, so a redelivery or a replay is not run twice. The `_id`
 * is the dedupe key, so retries and duplicates collapse into the one insert that wins. Keyed by
 * the platform's team id rather than a workspace: the insert comes before any workspace lookup
 * (nothing else fits before Slack's ack), and the work it holds runs scoped to its workspace.
 */
export interface InboundRequest {
  /** `slack:T1:command:<trigger_id>`, `msteams:<tenant>:<conversation>:<activity id>`. */
  _id: string;
  platform: Platform;
  /** The Slack team or Teams tenant it came from. */
  team: string;
  state: InboundState;
  /** What to carry out, as JSON; null when the caller waits for the turn (Teams) and redelivers itself. */
  work: string | null;
  receivedAt: Date;
  /** Who works on it until when; a holder renews while it works, so an expired lease means a dead holder. */
  holder: string;
  leaseUntil: Date;
  attempts: number;
  finishedAt?: Date | null;
  error?: string | null;
}
export type InboundRequestDoc = InboundRequest & { createdAt: Date; updatedAt: Date };

const inboundRequestSchema = new Schema<InboundRequest>(
  {
    _id: { type: String, required: true },
    platform: { type: String, required: true },
    team: { type: String, required: true },
    state: { type: String, enum: INBOUND_STATES, required: true },
    work: { type: String, default: null },
    receivedAt: { type: Date, required: true },
    holder: { type: String, required: true },
    leaseUntil: { type: Date, required: true },
    attempts: { type: Number, required: true, min: 0 },
    finishedAt: { type: Date, default: null },
    error: { type: String, default: null },
  },
  schemaOptions,
);

// Inbox.sweep: pending requests whose holder's lease ran out, oldest lease first.
inboundRequestSchema.index({ state: 1, leaseUntil: 1 });
// Inbox.prune: requests received before the retention cut-off.
inboundRequestSchema.index({ receivedAt: 1 });

export const InboundRequestModel = defineModel<InboundRequest>('InboundRequest', inboundRequestSchema, 'inbound_requests');
