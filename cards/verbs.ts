// The verbs our Action.Submit buttons carry in `data`, shared by the cards and their handlers.

export const CARD_VERBS = {
  submitForm: 'pmo.form.submit',
  confirmSave: 'pmo.confirm.save',
  editField: 'pmo.confirm.edit',
  cancel: 'pmo.cancel',
  showItem: 'pmo.item.show',
  // Buttons on an item's own card: what the viewer may do next (runs `update`/`close`/`escalate KEY`).
  itemUpdate: 'pmo.item.update',
  itemClose: 'pmo.item.close',
  itemEscalate: 'pmo.item.escalate',
  // Approve / Reject on a pending change request's card and on the notice to its deciders (`approve`/`reject C-n`).
  itemApprove: 'pmo.item.approve',
  itemReject: 'pmo.item.reject',
  // Buttons on the job cards (reminders, nudges).
  itemDone: 'pmo.item.done',
  itemSnooze: 'pmo.item.snooze',
  itemDue: 'pmo.item.due',
  start: 'pmo.start',
} as const;

export type CardVerb = (typeof CARD_VERBS)[keyof typeof CARD_VERBS];

/**
 * What each verb's `data` carries. Teams merges the card's input values into this object on
 * submit, so input ids must never reuse these keys (see RESERVED_DATA_KEYS).
 */
export type CardActionData =
  /** `form`: the form instance the card was drawn for; `keep`: inputs left empty only because their value did not fit. */
  | { verb: typeof CARD_VERBS.submitForm; command: string; form?: string; keep?: string[] }
  | { verb: typeof CARD_VERBS.confirmSave; command: string; form?: string }
  | { verb: typeof CARD_VERBS.editField; command: string; field: string; form?: string }
  | { verb: typeof CARD_VERBS.cancel; command?: string; form?: string }
  | { verb: typeof CARD_VERBS.showItem; key: string }
  | { verb: typeof CARD_VERBS.itemUpdate; key: string }
  | { verb: typeof CARD_VERBS.itemClose; key: string }
  | { verb: typeof CARD_VERBS.itemEscalate; key: string }
  | { verb: typeof CARD_VERBS.itemApprove; key: string }
  | { verb: typeof CARD_VERBS.itemReject; key: string }
  | { verb: typeof CARD_VERBS.itemDone; key: string }
  | { verb: typeof CARD_VERBS.itemSnooze; key: string; days: number }
  /** The new date comes in the card's input `due_<key>` (cards/jobs dueInputId). */
  | { verb: typeof CARD_VERBS.itemDue; key: string }
  | { verb: typeof CARD_VERBS.start; command: StartableCommand; project?: string };

/** Commands a card button may start as a guided dialog (the nudge's "Post status update"). */
export const STARTABLE_COMMANDS = ['status'] as const;
export type StartableCommand = (typeof STARTABLE_COMMANDS)[number];

export const RESERVED_DATA_KEYS: readonly string[] = ['verb', 'command', 'field', 'key', 'days', 'form', 'keep', 'msteams'];

const VERB_VALUES: readonly string[] = Object.values(CARD_VERBS);

export function isCardVerb(value: unknown): value is CardVerb {
  return typeof value === 'string' && VERB_VALUES.includes(value);
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** The form instance a card was drawn for (a short id), when the card carries one. */
export function cardFormId(data: object): string | undefined {
  const form = ownValue(data, 'form');
  return typeof form === 'string' && form.length > 0 && form.length <= 40 ? form : undefined;
}

/** The input ids a form card left empty only because their value did not fit it. */
export function keptInputs(data: object): string[] {
  const keep = ownValue(data, 'keep');
  return Array.isArray(keep) ? keep.filter((id): id is string => typeof id === 'string').slice(0, 50) : [];
}

/**
 * A key's value only when the submitted object itself holds it, never one inherited from
 * Object.prototype (`constructor`, `toString`): card data is whatever the client sent.
 */
export function ownValue(data: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(data, key) ? (data as Record<string, unknown>)[key] : undefined;
}

/** Narrows an incoming `activity.value` to one of our actions; the input values stay on the object. */
export function isCardActionData(value: unknown): value is CardActionData {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const own = (key: string): unknown => ownValue(value, key);
  const days = own('days');
  switch (own('verb')) {
    case CARD_VERBS.submitForm:
    case CARD_VERBS.confirmSave:
      return isText(own('command'));
    case CARD_VERBS.editField:
      return isText(own('command')) && isText(own('field'));
    case CARD_VERBS.cancel:
      return own('command') === undefined || isText(own('command'));
    case CARD_VERBS.showItem:
    case CARD_VERBS.itemUpdate:
    case CARD_VERBS.itemClose:
    case CARD_VERBS.itemEscalate:
    case CARD_VERBS.itemApprove:
    case CARD_VERBS.itemReject:
    case CARD_VERBS.itemDone:
    case CARD_VERBS.itemDue:
      return isText(own('key'));
    case CARD_VERBS.itemSnooze:
      return isText(own('key')) && typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 90;
    case CARD_VERBS.start:
      return (STARTABLE_COMMANDS as readonly unknown[]).includes(own('command')) && (own('project') === undefined || isText(own('project')));
    default:
      return false;
  }
}
