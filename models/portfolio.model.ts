import { Schema, type Types } from 'mongoose';
import { PLATFORMS, type Platform } from '../core/domain';
import { defineModel, schemaOptions, workspaceIdField, type Lean } from './common';

/** A channel where the portfolio digest is posted. */
export interface ExecChannel {
  platform: Platform;
  channelId: string;
  /** The ConversationRef used to post there proactively, once known. */
  conversationRefId?: Types.ObjectId | null;
}

export interface Portfolio {
  workspaceId: Types.ObjectId;
  /** Short upper-case key, unique per workspace: `DIGITAL`. */
  key: string;
  name: string;
  execChannels: ExecChannel[];
}
export type PortfolioDoc = Lean<Portfolio>;

const execChannelSchema = new Schema<ExecChannel>(
  {
    platform: { type: String, enum: PLATFORMS, required: true },
    channelId: { type: String, required: true },
    conversationRefId: { type: Schema.Types.ObjectId, ref: 'ConversationRef', default: null },
  },
  { _id: false },
);

const portfolioSchema = new Schema<Portfolio>(
  {
    workspaceId: workspaceIdField,
    key: { type: String, required: true },
    name: { type: String, required: true },
    execChannels: { type: [execChannelSchema], default: [] },
  },
  schemaOptions,
);

// `portfolio add`, `digest PORTFOLIO`, `link exec PORTFOLIO`: one portfolio by key; also the list by key.
portfolioSchema.index({ workspaceId: 1, key: 1 }, { unique: true });
// portfoliosForExecChannel: `digest` typed in an exec channel.
portfolioSchema.index({ workspaceId: 1, 'execChannels.channelId': 1 });

export const PortfolioModel = defineModel<Portfolio>('Portfolio', portfolioSchema, 'portfolios');
