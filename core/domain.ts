// The vocabulary of SPEC §2, shared by the models, the services, the parser and the cards.

export const PLATFORMS = ['teams', 'slack', 'local'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const ROLES = ['member', 'pm', 'pmo_admin', 'executive'] as const;
export type Role = (typeof ROLES)[number];

export const POLICIES = ['supportive', 'controlling', 'directive'] as const;
export type Policy = (typeof POLICIES)[number];

export const RAGS = ['red', 'amber', 'green'] as const;
export type Rag = (typeof RAGS)[number];

export const ITEM_KINDS = ['risk', 'issue', 'change', 'decision', 'action'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const RISK_STATUSES = ['open', 'mitigating', 'closed'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];
export const RISK_RESPONSES = ['avoid', 'reduce', 'transfer', 'accept', 'share'] as const;
export type RiskResponse = (typeof RISK_RESPONSES)[number];

export const ISSUE_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];
export const ISSUE_TYPES = ['problem', 'request_for_change', 'off_specification'] as const;
export type IssueType = (typeof ISSUE_TYPES)[number];
export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CHANGE_STATUSES = ['open', 'closed'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];
export const DECISIONS = ['pending', 'approved', 'rejected', 'deferred'] as const;
export type Decision = (typeof DECISIONS)[number];

export const RISK_RATINGS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskRating = (typeof RISK_RATINGS)[number];

/** Probability and impact are whole numbers 1–5. */
export const SCALE_MIN = 1;
export const SCALE_MAX = 5;

/** SPEC §2: low 1–4, medium 5–9, high 10–16, critical 20–25 (p×i never yields 17–19). */
export function riskRating(score: number): RiskRating {
  if (score >= 20) return 'critical';
  if (score >= 10) return 'high';
  if (score >= 5) return 'medium';
  return 'low';
}

/** Done statuses of risks, issues and changes, for the project pulse until it goes (issue 13); the kinds' own are in core/registers. */
export const DONE_STATUSES: readonly string[] = ['closed', 'resolved'];

/** A calendar date in the workspace's zone, `YYYY-MM-DD`; compares correctly as a string. */
export type IsoDate = string;

/** An ISO week, `2026-W48`. */
export type IsoWeek = string;

/** What an ItemHistory entry records. */
export const HISTORY_ACTIONS = ['created', 'updated', 'closed', 'escalated'] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

/** Where a conversation reference points: a DM, a group chat, or a channel. */
export const CONVERSATION_KINDS = ['personal', 'group', 'channel'] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];

/** The scheduled jobs of SPEC §4 and the states of one run. */
// escalation: the policy's follow-up to PMO admins the working day after the nudge (SPEC §4 policy table).
export const JOB_NAMES = ['digest', 'reminders', 'nudge', 'scorecard', 'escalation'] as const;
export type JobName = (typeof JOB_NAMES)[number];
export const JOB_RUN_STATUSES = ['claimed', 'done', 'failed'] as const;
export type JobRunStatus = (typeof JOB_RUN_STATUSES)[number];

/**
 * Who is asking, as the adapter knows them. `isPlatformAdmin` is set by the adapter for a Teams
 * team owner or a Slack workspace admin, who count as PMO admins (SPEC §2).
 */
export interface Actor {
  userId: string;
  displayName?: string;
  isPlatformAdmin?: boolean;
}

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
/** A job's schedule when its scheduled run is turned off (`settings scorecard=off`); the command still runs it on demand. */
export const SCHEDULE_OFF = 'off';
const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** A weekly schedule: ISO weekday (1 = Monday) and wall-clock time in the workspace's zone. */
export interface WeeklySchedule {
  weekday: number;
  hour: number;
  minute: number;
}

/** `Mon 09:30` (also `mon 9:30`, `Monday 09:30`) → { weekday: 1, hour: 9, minute: 30 }; else null. */
export function parseSchedule(text: string): WeeklySchedule | null {
  const m = /^\s*([a-z]+)\s+([01]?\d|2[0-3]):([0-5]\d)\s*$/i.exec(text);
  if (!m) return null;
  const day = m[1].toLowerCase();
  const index = WEEKDAYS.findIndex((d, i) => day === d.toLowerCase() || day === WEEKDAY_NAMES[i]);
  if (index < 0) return null;
  return { weekday: index + 1, hour: Number(m[2]), minute: Number(m[3]) };
}

/** { weekday: 1, hour: 9, minute: 30 } → `Mon 09:30`, the stored form. */
export function formatSchedule(s: WeeklySchedule): string {
  return `${WEEKDAYS[s.weekday - 1]} ${String(s.hour).padStart(2, '0')}:${String(s.minute).padStart(2, '0')}`;
}
