import { Schema, type Types } from 'mongoose';
import { PLATFORMS, type IsoDate, type Platform } from '../core/domain';
import { defineModel, schemaOptions, workspaceIdField, type Lean } from './common';

/** A team channel bound to a project with `link PROJECT`; `project=` defaults to it there. */
export interface ProjectChannel {
  platform: Platform;
  channelId: string;
}

export interface Project {
  workspaceId: Types.ObjectId;
  /** Short upper-case key, unique per workspace: `APOLLO`. */
  key: string;
  name: string;
  programKey?: string | null;
  portfolioKey?: string | null;
  /** Platform user id of the project manager. */
  pmId?: string | null;
  channels: ProjectChannel[];
  active: boolean;
  /** The first forecast finish a status update gave: the baseline every later forecast slips against. */
  baselineFinish?: IsoDate | null;
  /** The latest forecast finish given; a status update without one keeps it. */
  forecastFinish?: IsoDate | null;
}
export type ProjectDoc = Lean<Project>;

const projectChannelSchema = new Schema<ProjectChannel>(
  {
    platform: { type: String, enum: PLATFORMS, required: true },
    channelId: { type: String, required: true },
  },
  { _id: false },
);

const projectSchema = new Schema<Project>(
  {
    workspaceId: workspaceIdField,
    key: { type: String, required: true },
    name: { type: String, required: true },
    programKey: { type: String, default: null },
    portfolioKey: { type: String, default: null },
    pmId: { type: String, default: null },
    channels: { type: [projectChannelSchema], default: [] },
    active: { type: Boolean, required: true, default: true },
    baselineFinish: { type: String, default: null },
    forecastFinish: { type: String, default: null },
  },
  schemaOptions,
);

// One project by key (every item and status update names its project); also the list by key.
projectSchema.index({ workspaceId: 1, key: 1 }, { unique: true });
// projectForChannel: the `project=` default in a linked channel.
projectSchema.index({ workspaceId: 1, 'channels.channelId': 1 });
// A portfolio's active projects by key (digest of one portfolio).
projectSchema.index({ workspaceId: 1, portfolioKey: 1, active: 1, key: 1 });
// Every active project by key (digest of all portfolios, nudge, projectsMissingStatus).
projectSchema.index({ workspaceId: 1, active: 1, key: 1 });
// listProjects({ pmId }): a PM's projects by key (Slack Home, report access).
projectSchema.index({ workspaceId: 1, pmId: 1, key: 1 });

export const ProjectModel = defineModel<Project>('Project', projectSchema, 'projects');
