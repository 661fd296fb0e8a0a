// The channel-agnostic command runner: Teams and Slack adapters and dialogs call these.
export type { JobCommands, JobRequest, Notice, OnDemandOutcome, Reply, RunContext } from './types';
export { runCommand } from './run';
export { missingFields, missingIn, withDefaults, REQUIRED_FIELDS } from './defaults';
export { toHistoryView, toItemView, toStatusView } from './views';
export { helpView } from './help';
export { homeViewFor } from './home.runner';
export { errorReply, parseErrorsReply, pmoErrorReply } from './replies';
export { CSV_BOM, csvCell, csvLine } from './csv';
export { LIST_LIMIT } from './list.runner';
