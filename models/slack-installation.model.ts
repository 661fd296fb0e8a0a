import { Schema, type Types } from 'mongoose';
import { defineModel, schemaOptions, workspaceIdField, type Lean } from './common';

/**
 * bolt's OAuth installation of the app in one Slack workspace (team): the bot token the Web API
 * calls for that team use (encrypted), and who installed it. The latest install replaces the previous one.
 */
export interface SlackInstallation {
  workspaceId: Types.ObjectId;
  /** The Slack team id, as in the installation. */
  teamId: string;
  enterpriseId?: string | null;
  /** The installing user: the workspace's first PMO admin. */
  installerUserId: string;
  botUserId?: string | null;
  /**
   * @slack/oauth's Installation as JSON (bot, user and refresh tokens, incoming webhook), sealed with
   * AES-256-GCM for this team: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (bot/security/secret-box.ts).
   * Rows from before encryption hold the plain JSON until the start-up sweep or their first read.
   */
  installation: string;
}
export type SlackInstallationDoc = Lean<SlackInstallation>;

const slackInstallationSchema = new Schema<SlackInstallation>(
  {
    workspaceId: workspaceIdField,
    teamId: { type: String, required: true },
    enterpriseId: { type: String, default: null },
    installerUserId: { type: String, required: true },
    botUserId: { type: String, default: null },
    installation: { type: String, required: true },
  },
  schemaOptions,
);

// fetchInstallation / storeInstallation / deleteInstallation: one installation per workspace.
slackInstallationSchema.index({ workspaceId: 1 }, { unique: true });

export const SlackInstallationModel = defineModel<SlackInstallation>('SlackInstallation', slackInstallationSchema, 'slack_installations');
