// What the runner takes (who asks, where, when) and what it answers, independent of Teams and Slack.
import type { Types } from 'mongoose';
import type {
  ErrorView, HelpView, HistoryEntryView, ItemView, ListView, SavedView, StatusUpdateView,
} from '../view-models';
import type { Actor, Platform } from '../domain';
import type { NoticeView } from '../job-views';
import type { MineView } from '../mine-view';
import type { ExportSpec } from './export-spec';
import type { ItemSource, RequestRef } from '../services';

export interface RunContext {
  workspaceId: Types.ObjectId | string;
  actor: Actor;
  /** The instant the command is run at; the runner never reads the wall clock. */
  now: Date;
  /** The workspace's IANA zone. */
  timeZone: string;
  /** The workspace's change-pending allowance in days, when the door read it with the zone (saves the overdue rule a read). */
  changePendingDays?: number;
  platform: Platform;
  /** The conversation/channel the message came from (the `project=` default and `link`). */
  channelId?: string;
  /** The stored ConversationRef of this channel (for `link exec`). */
  conversationRefId?: string;
  /** `digest` and `reminders` on demand: the job runtime, when this process runs it. */
  jobs?: JobCommands;
  /** The inbound request this turn carries out (bot/inbox), so a create run again is not saved twice. */
  request?: RequestRef;
  /** A create from a chat message ("Log in PMO register"): the item keeps a link to it. */
  source?: ItemSource;
}

/** Where an on-demand job posts and for whom; the job runtime (jobs/runtime) implements JobCommands. */
export interface JobRequest {
  workspaceId: Types.ObjectId | string;
  now: Date;
  platform: Platform;
  /** The asking conversation (the digest is posted there). */
  channelId?: string;
  conversationRefId?: string;
}

export interface OnDemandOutcome {
  /** Messages planned, sent, and the ones that could not be delivered, with why. */
  planned: number;
  sent: number;
  failed: { to: string; reason: string }[];
  /** What was sent, by message kind (`pm_reminder`, `owner_reminder`, `digest`). */
  sentByKind: Record<string, number>;
}

/** The scheduled jobs run now, with the same planners and cards, without touching the scheduled run. */
export interface JobCommands {
  /** `projectKeys`: only these projects' lines, risks and activity (a PM's own, SPEC §3); absent, all of them. */
  digestNow(request: JobRequest & { portfolioKey?: string; projectKeys?: readonly string[] }): Promise<OnDemandOutcome>;
  remindersNow(request: JobRequest): Promise<OnDemandOutcome>;
  /** The PMO scorecard, posted in the asking conversation. */
  scorecardNow(request: JobRequest): Promise<OnDemandOutcome>;
  /** Notices to people now (a change to decide, a change decided), through the same senders; optional for fakes. */
  notify?(request: JobRequest, notices: readonly Notice[]): Promise<OnDemandOutcome>;
}

/** One notice to one person of the workspace, sent to their personal chat (Teams) or DM (Slack). */
export interface Notice {
  userId: string;
  displayName?: string;
  view: NoticeView;
}

/** One answer to one command; each adapter renders it its own way (Adaptive Card, Block Kit). */
export type Reply =
  | { type: 'saved'; view: SavedView }
  | { type: 'item'; view: ItemView; history: HistoryEntryView[] }
  | { type: 'list'; view: ListView }
  | { type: 'status'; view: StatusUpdateView; replaced: boolean; /** `show PROJECT`: the latest one shown, not saved now. */ shown?: boolean }
  | { type: 'help'; view: HelpView }
  | { type: 'error'; view: ErrorView; field?: string } // field: the input at fault (dialogs re-ask it)
  | { type: 'text'; text: string }
  | { type: 'mine'; view: MineView } // issue 14: what needs me
  // An export described, not made: openExport(export) streams its CSV where it is delivered.
  | { type: 'file'; filename: string; contentType: 'text/csv'; export: ExportSpec };
