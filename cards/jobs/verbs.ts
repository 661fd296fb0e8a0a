// The buttons on job messages (reminders and nudges) and what each carries, shared with their handlers.
import { CARD_VERBS, isCardActionData } from '../verbs';

/** The job buttons' verbs: a subset of CARD_VERBS, the one table every card's buttons come from. */
export const JOB_VERBS = {
  itemDone: CARD_VERBS.itemDone,
  itemSnooze: CARD_VERBS.itemSnooze,
  itemDue: CARD_VERBS.itemDue,
  start: CARD_VERBS.start,
  itemApprove: CARD_VERBS.itemApprove,
  itemReject: CARD_VERBS.itemReject,
} as const;

/** "Snooze a week" moves the due date this many days past today. */
export const SNOOZE_DAYS = 7;

/**
 * The `data` of each job button. Set due date reads the date from the input `due_<key>` (Teams
 * merges it into the submitted data; in Slack it is the datepicker with that block_id and action_id).
 */
export type JobActionData =
  | { verb: typeof JOB_VERBS.itemDone; key: string }
  | { verb: typeof JOB_VERBS.itemSnooze; key: string; days: number }
  | { verb: typeof JOB_VERBS.itemDue; key: string }
  | { verb: typeof JOB_VERBS.start; command: 'status'; project: string }
  | { verb: typeof JOB_VERBS.itemApprove | typeof JOB_VERBS.itemReject; key: string };

/** `R-7` → `due_R-7`: the id of the date input beside that item's Set due date button. */
export function dueInputId(key: string): string {
  return `due_${key}`;
}

/** Narrows an incoming `activity.value` (Teams) or parsed button value (Slack) to a job action. */
export function isJobActionData(value: unknown): value is JobActionData {
  // The same checks as every other card action; only the verbs are narrowed to the job buttons.
  return isCardActionData(value) && JOB_VERB_VALUES.includes(value.verb);
}

const JOB_VERB_VALUES: readonly string[] = Object.values(JOB_VERBS);
