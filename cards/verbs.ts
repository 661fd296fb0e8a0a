// The verbs our Action.Submit buttons carry in `data`, shared by the cards and their handlers.

export const CARD_VERBS = {
  submitForm: 'pmo.form.submit',
  confirmSave: 'pmo.confirm.save',
  editField: 'pmo.confirm.edit',
  cancel: 'pmo.cancel',
  showItem: 'pmo.item.show',
} as const;

export type CardVerb = (typeof CARD_VERBS)[keyof typeof CARD_VERBS];

/**
 * What each verb's `data` carries. Teams merges the card's input values into this object on
 * submit, so input ids must never reuse these keys (see RESERVED_DATA_KEYS).
 */
export type CardActionData =
  | { verb: typeof CARD_VERBS.submitForm; command: string }
  | { verb: typeof CARD_VERBS.confirmSave; command: string }
  | { verb: typeof CARD_VERBS.editField; command: string; field: string }
  | { verb: typeof CARD_VERBS.cancel; command?: string }
  | { verb: typeof CARD_VERBS.showItem; key: string };

export const RESERVED_DATA_KEYS: readonly string[] = ['verb', 'command', 'field', 'key', 'msteams'];

const VERB_VALUES: readonly string[] = Object.values(CARD_VERBS);

export function isCardVerb(value: unknown): value is CardVerb {
  return typeof value === 'string' && VERB_VALUES.includes(value);
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Narrows an incoming `activity.value` to one of our actions; the input values stay on the object. */
export function isCardActionData(value: unknown): value is CardActionData {
  if (typeof value !== 'object' || value === null) return false;
  const data = value as Record<string, unknown>;
  switch (data.verb) {
    case CARD_VERBS.submitForm:
    case CARD_VERBS.confirmSave:
      return isText(data.command);
    case CARD_VERBS.editField:
      return isText(data.command) && isText(data.field);
    case CARD_VERBS.cancel:
      return data.command === undefined || isText(data.command);
    case CARD_VERBS.showItem:
      return isText(data.key);
    default:
      return false;
  }
}
