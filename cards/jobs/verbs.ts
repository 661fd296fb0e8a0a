// The buttons on job messages (reminders and nudges) and what each carries, shared with their handlers.
// TODO(#5): list these in cards/verbs.ts CARD_VERBS too, so every card's buttons come from one table.

export const JOB_VERBS = {
  itemDone: 'pmo.item.done',
  itemSnooze: 'pmo.item.snooze',
  itemDue: 'pmo.item.due',
  start: 'pmo.start',
} as const;

export type JobVerb = (typeof JOB_VERBS)[keyof typeof JOB_VERBS];

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
  | { verb: typeof JOB_VERBS.start; command: 'status'; project: string };

/** `R-7` → `due_R-7`: the id of the date input beside that item's Set due date button. */
export function dueInputId(key: string): string {
  return `due_${key}`;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Narrows an incoming `activity.value` (Teams) or parsed button value (Slack) to a job action. */
export function isJobActionData(value: unknown): value is JobActionData {
  if (typeof value !== 'object' || value === null) return false;
  const data = value as Record<string, unknown>;
  switch (data.verb) {
    case JOB_VERBS.itemDone:
    case JOB_VERBS.itemDue:
      return isText(data.key);
    case JOB_VERBS.itemSnooze:
      return isText(data.key) && Number.isInteger(data.days) && (data.days as number) > 0;
    case JOB_VERBS.start:
      return data.command === 'status' && isText(data.project);
    default:
      return false;
  }
}
