import { Schema } from 'mongoose';
import { PLATFORMS, POLICIES, type Platform, type Policy } from '../core/domain';
import { defineModel, schemaOptions, type Lean } from './common';

/** When each scheduled job runs, in the workspace's zone: `Mon 09:30`. */
export interface Schedules {
  digest: string;
  reminders: string;
  nudge: string;
  /** The PMO scorecard to the PMO admins (issue 14). */
  scorecard: string;
}

export const DEFAULT_SCHEDULES: Schedules = { digest: 'Mon 09:30', reminders: 'Mon 09:00', nudge: 'Thu 10:00', scorecard: 'Mon 09:15' };

/** A Teams tenant, a Slack team or the local install. */
export interface Workspace {
  platform: Platform;
  /** Teams tenant id, Slack team id, or `local`. */
  externalId: string;
  name: string;
  /** IANA zone, e.g. `Europe/London`. */
  timeZone: string;
  schedules: Schedules;
  policy: Policy;
  /** Dates (`YYYY-MM-DD`, in the workspace's zone) on which reminders and nudges do not go out. */
  holidays: string[];
}
export type WorkspaceDoc = Lean<Workspace>;

const schedulesSchema = new Schema<Schedules>(
  {
    digest: { type: String, required: true, default: DEFAULT_SCHEDULES.digest },
    reminders: { type: String, required: true, default: DEFAULT_SCHEDULES.reminders },
    nudge: { type: String, required: true, default: DEFAULT_SCHEDULES.nudge },
    scorecard: { type: String, required: true, default: DEFAULT_SCHEDULES.scorecard },
  },
  { _id: false },
);

const workspaceSchema = new Schema<Workspace>(
  {
    platform: { type: String, enum: PLATFORMS, required: true },
    externalId: { type: String, required: true },
    name: { type: String, default: '' },
    timeZone: { type: String, required: true, default: 'UTC' },
    schedules: { type: schedulesSchema, required: true, default: () => ({ ...DEFAULT_SCHEDULES }) },
    policy: { type: String, enum: POLICIES, required: true, default: 'controlling' }, // core/policy.ts DEFAULT_POLICY (SPEC §4)
    holidays: { type: [String], default: () => [] },
  },
  schemaOptions,
);

// ensureWorkspace: the tenant / Slack team an incoming activity belongs to.
workspaceSchema.index({ platform: 1, externalId: 1 }, { unique: true });

export const WorkspaceModel = defineModel<Workspace>('Workspace', workspaceSchema, 'workspaces');
