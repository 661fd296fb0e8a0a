// The loaders: what each job reads from the database, in a constant number of queries per run.
export { loadDigestData, STATUS_LOOKBACK_WEEKS, type DigestData, type StatusPoint } from './digest.data';
export { loadNudgeData, type NudgeData } from './nudge.data';
export { loadReminderData, type ReminderData } from './reminders.data';
