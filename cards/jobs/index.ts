// The job messages for Teams and Slack, and the buttons their handlers answer.
export { jobMessageCard, jobMessageSummary, renderJobMessageForSlack } from './render';
export { JOB_VERBS, SNOOZE_DAYS, dueInputId, isJobActionData, type JobActionData } from './verbs';
