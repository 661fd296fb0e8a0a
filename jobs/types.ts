// The contract between the job planners (what to send to whom) and the delivery engine (how it
// gets there). Planners are pure; delivery treats `message.view` as opaque and only renders it
// through cards/jobs (jobMessageCard / renderJobMessageForSlack).
import type { JobName, Platform } from '../core/domain';
import type { WorkspaceDoc } from '../core/services/job-data.service';
import type { JobMessage } from '../core/job-views';

export type { JobMessage, JobName };

/** What the planners need of a workspace (a stored WorkspaceDoc has it all). */
export type JobWorkspace = Pick<WorkspaceDoc, '_id' | 'platform' | 'timeZone' | 'schedules'>
  // The policy (SPEC §4 table) and holidays; a stored WorkspaceDoc has them, planner fixtures may not.
  & Partial<Pick<WorkspaceDoc, 'policy' | 'holidays'>>;

/** Who gets a message: a person (their DM / personal chat) or a channel (exec or project channel). */
export type Recipient =
  | { kind: 'user'; platform: Platform; userId: string; displayName?: string }
  | { kind: 'channel'; platform: Platform; channelId: string; conversationRefId?: string | null };

export interface PlannedDelivery {
  /**
   * Stable within a run and across re-plans of the same run (no timestamps, no random ids), so a
   * resumed run recognises what it already delivered: `digest:DIGITAL:channel:19:abc`.
   */
  key: string;
  recipient: Recipient;
  message: JobMessage;
}

/** Deliveries to the same recipient must be posted in plan order (a digest before its continuation pages). */
export interface JobPlan {
  job: JobName;
  /** The period the run covers: the ISO week (`2026-W48`) of the scheduled instant in the workspace's zone. */
  period: string;
  deliveries: PlannedDelivery[];
}
