// `mine` (issue 14): one view of what needs me, for the `mine` card and the Slack App Home. Plain data.
import type { IsoDate, IsoWeek } from './domain';
import type { ItemView } from './view-models';

export interface MineView {
  displayName: string;
  today: IsoDate;
  /** The ISO week's Sunday: "due this week" runs to it. */
  weekEnd: IsoDate;
  period: IsoWeek;
  /** Open items I own, overdue (most urgent first), and those due from today to `weekEnd` that are not. */
  overdue: ItemView[];
  overdueTotal: number;
  dueThisWeek: ItemView[];
  dueThisWeekTotal: number;
  /** Active projects I am PM of with no status update for `period`. */
  missingUpdates: { key: string; name: string }[];
  /** Pending change requests I may decide under the workspace's policy (core/policy changeDecidedBy). */
  decisions: ItemView[];
  decisionsTotal: number;
}
