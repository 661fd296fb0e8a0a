// The channel-agnostic core over the models: what the Teams, Slack and jobs code call.
export { PmoError, type PmoErrorCode } from './errors';
export { toWorkspaceId, type WorkspaceId } from './context';
export { addDays, isIsoDate, isIsoWeek, isoWeekOf, isValidZone, todayIn } from './time';
export * from './workspaces.service';
export * from './people.service';
export { assertCanChangeItem, assertPmoAdmin, canChangeItem, isPmoAdmin } from './permissions';
export * from './hierarchy.service';
export * from './channels.service';
export type { ChangeItem, IssueItem, RegisterItem, RiskItem } from './item-store';
export { fieldLabel, ITEM_FIELDS, type ItemPatch } from './item-validation';
export * from './items.service';
export * from './escalation.service';
export * from './item-list.service';
export { isOverdue, overdueContext, type OverdueContext } from './overdue';
export * from './activity.service';
export * from './status.service';
export * from './conversation-refs.service';
export * from './job-runs.service';
