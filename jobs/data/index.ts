// The loaders: what each job reads from the database, in a constant number of queries (and round trips) per run.
export { loadDigestData, STATUS_LOOKBACK_WEEKS, type DigestData, type DigestPortfolio, type PlanProject, type ScoreChange, type StatusPoint } from './digest.data';
export { loadNudgeData, type NudgeData } from './nudge.data';
export { loadReminderData, mayBeOverdue, type ReminderData } from './reminders.data';
