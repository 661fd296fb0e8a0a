import { Schema, type Types } from 'mongoose';
import { CONVERSATION_KINDS, PLATFORMS, type ConversationKind, type Platform } from '../core/domain';
import { defineModel, schemaOptions, workspaceIdField, type Lean } from './common';

/** Where the bot can post proactively (digests, reminders, nudges). */
export interface ConversationRef {
  workspaceId: Types.ObjectId;
  platform: Platform;
  kind: ConversationKind;
  /** Bot Framework conversation id, or Slack channel / DM id. */
  conversationId: string;
  /** For a personal conversation: whose it is. */
  userId?: string | null;
  /** For a channel: the channel id projects and portfolios are linked by. */
  channelId?: string | null;
  /** The Bot Framework ConversationReference, or the Slack ids needed to post. */
  reference: Record<string, unknown>;
  serviceUrl?: string | null;
}
export type ConversationRefDoc = Lean<ConversationRef>;

const conversationRefSchema = new Schema<ConversationRef>(
  {
    workspaceId: workspaceIdField,
    platform: { type: String, enum: PLATFORMS, required: true },
    kind: { type: String, enum: CONVERSATION_KINDS, required: true },
    conversationId: { type: String, required: true },
    userId: { type: String, default: null },
    channelId: { type: String, default: null },
    reference: { type: Schema.Types.Mixed, required: true },
    serviceUrl: { type: String, default: null },
  },
  { ...schemaOptions, minimize: false },
);

// saveConversationRef upsert: one reference per conversation.
conversationRefSchema.index({ workspaceId: 1, platform: 1, conversationId: 1 }, { unique: true });
// Reminders: a user's personal conversation (listConversationRefs, oldest first).
conversationRefSchema.index({ workspaceId: 1, userId: 1, _id: 1 });
// Digest: the conversation of an exec channel (listConversationRefs, oldest first).
conversationRefSchema.index({ workspaceId: 1, channelId: 1, _id: 1 });

export const ConversationRefModel = defineModel<ConversationRef>('ConversationRef', conversationRefSchema, 'conversation_refs');
