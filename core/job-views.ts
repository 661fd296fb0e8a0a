// What each job message shows: plain data the job planners compute and cards/jobs renders for Teams and Slack.
import type { ItemView } from './view-models';
import type { IsoDate, IsoWeek, ItemKind, Policy, Rag, RiskRating } from './domain';

/** Overall RAG against last week: better, worse, unchanged, or first ever report. */
export type Trend = 'up' | 'down' | 'same' | 'new';

/** Projects per overall RAG; `none` counts projects with no status update yet. */
export interface RagCounts {
  red: number;
  amber: number;
  green: number;
  none: number;
}

/** One project's line in the digest. */
export interface DigestProjectLine {
  key: string;
  name: string;
  pmName?: string;
  /** The latest overall RAG reported up to the digest's period; null when there is none. */
  rag: Rag | null;
  /** Against the RAG a week earlier; null when there is no RAG. */
  trend: Trend | null;
  /** Calendar days (in the workspace's zone) since the last update; null when none in the look-back. */
  lastUpdateDays: number | null;
  openHighRisks: number;
  overdueItems: number;
  /** No status update for the digest's period. */
  missingUpdate: boolean;
  /** Directive policy (SPEC §4 table): the missing update is listed under the project itself. */
  missingUpdateListed?: boolean;
  /** Amber or red: why, as the PM said (issue 14). */
  reason?: string;
  /** Amber or red with a forecast: its finish against the baseline in days (positive: late). */
  slipDays?: number;
}

/**
 * The 5×5 heat map, row-major and flat (stored with the job's message: no nested arrays, which not
 * every MongoDB-compatible server stores): `counts[(p - 1) * 5 + (i - 1)]` open risks of probability p, impact i.
 */
export type HeatCounts = number[];

/** Where cell (p, i) is in HeatCounts. */
export const heatIndex = (probability: number, impact: number): number => (probability - 1) * 5 + (impact - 1);

/** A risk whose score is higher now than when the period began. */
export interface DigestRiseLine {
  key: string;
  title: string;
  project: string;
  from: number;
  to: number;
  fromRating: RiskRating;
  rating: RiskRating;
}

export interface DigestRiskLine {
  key: string;
  title: string;
  project: string;
  score: number;
  rating: RiskRating;
  ownerName?: string;
  due?: IsoDate;
  overdue: boolean;
}

export interface DigestItemRef {
  key: string;
  kind: ItemKind;
  title: string;
  project: string;
}

/** Items opened (or closed) during the period: counts, and the newest few. */
export interface DigestActivity {
  total: number;
  byKind: Record<ItemKind, number>;
  items: DigestItemRef[];
}

export interface DigestMissingUpdate {
  key: string;
  name: string;
  pmName?: string;
}

/** The weekly portfolio digest (SPEC §4) for one portfolio. */
export interface DigestView {
  portfolioKey: string;
  portfolioName: string;
  /** The status week reported on, and its Monday and Sunday. */
  period: IsoWeek;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  /** Today in the workspace's zone, and the zone. */
  asOf: IsoDate;
  zone: string;
  rag: { now: RagCounts; lastWeek: RagCounts };
  /** Across all the portfolio's projects, not only the lines shown. */
  totals: { openHighRisks: number; overdueItems: number };
  /** Most in need of attention first: red, amber, no update, green; worsening before steady. */
  projects: DigestProjectLine[];
  totalProjects: number;
  shownProjects: number;
  /** What to type to see every project: `digest DIGITAL`. */
  moreCommand: string;
  /** The lines not shown here follow in `digest_projects` messages (the on-demand full digest). */
  restFollows: boolean;
  topRisks: DigestRiskLine[];
  /** Risks that rose since the period began, the largest rise first; the total of them. */
  risksRose?: DigestRiseLine[];
  risksRoseTotal?: number;
  /** The portfolio's open risks per probability × impact cell. */
  heatMap?: HeatCounts;
  opened: DigestActivity;
  closed: DigestActivity;
  missingUpdates: DigestMissingUpdate[];
  missingTotal: number;
}

/** A continuation page of a full digest: the project lines after those in the digest itself. */
export interface DigestProjectsView {
  portfolioKey: string;
  portfolioName: string;
  period: IsoWeek;
  page: number;
  pages: number;
  /** 1-based rank of the first line on this page. */
  firstRank: number;
  totalProjects: number;
  projects: DigestProjectLine[];
}

export interface ReminderItem {
  item: ItemView;
  /** The date it became overdue (due, review or decision date) and the whole days since. */
  overdueSince: IsoDate;
  daysOverdue: number;
}

/** Overdue register items: to a PM for their projects, or to an owner for their own items. */
export interface ReminderView {
  recipientName: string;
  role: 'pm' | 'owner';
  projects: { key: string; name: string }[];
  /** Most overdue first; at most the first few of `totalItems`. */
  items: ReminderItem[];
  totalItems: number;
  /** Where to see the rest: `list risks mine overdue`. */
  moreCommands: string[];
  today: IsoDate;
  /** The due date a snooze moves an item to, and the earliest a new due date may be (tomorrow). */
  snoozedDue: IsoDate;
  earliestDue: IsoDate;
  zone: string;
}

/** The weekly status nudge to a PM whose projects lack this period's update. */
export interface NudgeView {
  pmName: string;
  period: IsoWeek;
  /** The Sunday that ends the period. */
  periodEnd: IsoDate;
  projects: { key: string; name: string }[];
  totalProjects: number;
}

/**
 * A short message to one person outside the weekly runs' own kinds: a change raised (to those who
 * decide it, with Approve and Reject), a change decided (to whoever raised it), and the policy's
 * escalations to PMO admins. Lines are plain text; the renderers escape them.
 */
export interface NoticeView {
  title: string;
  lines: string[];
  /** The pending change the recipient may decide: Approve and Reject buttons for it. */
  decide?: { key: string };
}

/** One project's row in the PMO scorecard (SPEC §4). */
export interface ScorecardProjectLine {
  key: string;
  name: string;
  pmName?: string;
  /** Weeks of the scorecard's `weeks` with a status update submitted before the week ended, and the weeks the project was there for. */
  onTime: number;
  weeksDue: number;
  overdueItems: number;
  risksPastReview: number;
  /** Open items with no owner, and open items with no due date (a risk's review date or a pending change's deadline counts as one). */
  noOwner: number;
  noDueDate: number;
  /** Pending change requests older than the policy allows. */
  changesPendingTooLong: number;
}

/** The weekly PMO scorecard to the PMO admins: per project, and the workspace's compliance share. */
export interface ScorecardView {
  /** The ISO week the scorecard is for, and the four status weeks it scores (oldest first). */
  period: IsoWeek;
  weeks: IsoWeek[];
  asOf: IsoDate;
  zone: string;
  policy: Policy;
  changeOverdueDays: number;
  /** On-time updates of all projects over the four weeks, of those due; `share` is a whole percentage (null with none due). */
  compliance: { onTime: number; due: number; share: number | null };
  totals: { overdueItems: number; risksPastReview: number; noOwner: number; noDueDate: number; changesPendingTooLong: number };
  /** Worst first: least compliant, then most overdue. At most SCORECARD_PROJECTS_SHOWN of `totalProjects`. */
  projects: ScorecardProjectLine[];
  totalProjects: number;
  /** Controlling and directive policies: overdue items per owner, most first (null under supportive). */
  overdueByOwner: { name: string; count: number }[] | null;
}

/** The policy's follow-up for the PMO admins (SPEC §4 policy table), the working day after the nudge. */
export interface EscalationView {
  /** The status week the nudge asked for, and the day this goes out. */
  period: IsoWeek;
  today: IsoDate;
  zone: string;
  policy: Policy;
  /** Controlling and directive: active projects still missing `period`'s update, with their PM; null under a policy without it. */
  missing: { key: string; name: string; pmName?: string }[] | null;
  totalMissing: number;
  /** Directive: open items overdue `overdueAfterDays` days or more, most overdue first; null under a policy without it. */
  overdue: { key: string; title: string; projectKey: string; ownerName?: string; daysOverdue: number }[] | null;
  totalOverdue: number;
  overdueAfterDays: number | null;
}

/** One message of a job run; every kind has a Teams Adaptive Card and a Block Kit rendering in cards/jobs/. */
export type JobMessage =
  /** `brief`: Slack's parent message, the roll-up only; the details follow in its thread (digest_thread). */
  | { kind: 'digest'; view: DigestView; brief?: boolean }
  /** Slack: the digest's details, posted in the thread of the delivery keyed `threadOf` (its brief parent). */
  | { kind: 'digest_thread'; view: DigestView; threadOf: string }
  /** The rest of a full (`digest PORTFOLIO`) digest's project lines; sent after it, in plan order (Slack: in its thread). */
  | { kind: 'digest_projects'; view: DigestProjectsView; threadOf?: string }
  | { kind: 'pm_reminder'; view: ReminderView }
  | { kind: 'owner_reminder'; view: ReminderView }
  | { kind: 'nudge'; view: NudgeView }
  | { kind: 'notice'; view: NoticeView }
  | { kind: 'scorecard'; view: ScorecardView }
  | { kind: 'escalation'; view: EscalationView };
