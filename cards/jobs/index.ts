// The job messages for Teams and Slack, and the buttons their handlers answer.
export { jobMessageCard, jobMessageSummary, renderJobMessageForSlack, type JobRenderOptions } from './render';
export { heatMapPng } from './heat-map';
export { JOB_VERBS, SNOOZE_DAYS, dueInputId, isJobActionData, type JobActionData } from './verbs';
