import { Schema, type Types } from 'mongoose';
import { defineModel, schemaOptions, workspaceIdField, type Lean } from './common';

/**
 * One Slack request the bot has taken on: an event (by event_id), a slash command, a button or a
 * modal submit (by trigger id). Slack retries an event it thinks was missed (`X-Slack-Retry-Num`)
 * and several bot instances may receive the same delivery, so only the insert that wins is processed.
 */
export interface SlackDelivery {
  workspaceId: Types.ObjectId;
  /** `event:Ev123`, `command:<trigger_id>`, `action:<trigger_id>`, `view:<trigger_id>`. */
  key: string;
  /** When it was claimed; deliveries older than a day are pruned (Slack retries within minutes). */
  at: Date;
}
export type SlackDeliveryDoc = Lean<SlackDelivery>;

const slackDeliverySchema = new Schema<SlackDelivery>(
  {
    workspaceId: workspaceIdField,
    key: { type: String, required: true },
    at: { type: Date, required: true },
  },
  schemaOptions,
);

// claimDelivery: the insert only one receiver of a delivery wins.
slackDeliverySchema.index({ workspaceId: 1, key: 1 }, { unique: true });
// pruneDeliveries: a workspace's deliveries older than the cut-off (no TTL indexes on FerretDB).
slackDeliverySchema.index({ workspaceId: 1, at: 1 });

export const SlackDeliveryModel = defineModel<SlackDelivery>('SlackDelivery', slackDeliverySchema, 'slack_deliveries');
