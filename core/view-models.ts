// What the cards show: plain data prepared by the services, independent of mongoose and of the platform.
import type { HistoryAction, IsoDate, IsoWeek, ItemKind, Rag } from './domain';
import type { KindTypes } from './registers/registry';

/** What every item's view has; its kind's descriptor adds its own fields. */
export interface ItemViewBase {
  key: string; // 'R-7'
  title: string;
  description?: string;
  project: string; // project key, 'APOLLO'
  ownerName?: string;
  raisedByName?: string;
  due?: IsoDate;
  status: string;
  overdue: boolean;
  /** The chat message it was logged from (a permalink), if any. */
  sourceUrl?: string;
  /** What the viewer may do with it, each a button on its card; absent or empty, no buttons. */
  actions?: ItemAction[];
  /** `show R-3`: the actions serving it and the decisions concerning it (`A-2 Call vendor (open)`). */
  related?: RelatedItemView[];
}

export interface RelatedItemView {
  key: string;
  title: string;
  status: string;
}

/** What a viewer may do next with an item they are looking at (SPEC §3), in the order shown. */
export const ITEM_ACTIONS = ['approve', 'reject', 'update', 'close', 'escalate'] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

/** One register item; `kind` tells which fields it has (each kind's view is declared in its descriptor's file). */
export type ItemView = KindTypes[ItemKind]['view'];
/** The view of one kind: `ItemViewOf<'risk'>` has probability, impact, score, rating. */
export type ItemViewOf<K extends ItemKind> = KindTypes[K]['view'];

export interface HistoryEntryView {
  at: string; // ISO date-time
  byName: string;
  action: HistoryAction;
  field?: string;
  from?: string;
  to?: string;
}

/** A PRINCE2-style highlight report for one project and ISO week. */
export interface StatusUpdateView {
  project: string;
  projectName?: string;
  period: IsoWeek;
  overall: Rag;
  schedule: Rag;
  scope: Rag;
  cost: Rag;
  summary: string;
  done?: string;
  next?: string;
  blockers?: string;
  /** Why overall is amber or red, and when it is back on track. */
  reason?: string;
  recoveryDate?: IsoDate;
  /** The forecast finish, the project's baseline (its first forecast) and the slip in days (positive: late). */
  forecastFinish?: IsoDate;
  baselineFinish?: IsoDate;
  slipDays?: number;
  authorName: string;
}

export interface ListView {
  kind: ItemKind;
  filters: string; // 'open risks on APOLLO, mine, overdue'
  items: ItemView[]; // already sorted (score/priority/due)
  total: number; // all matches, which may be more than `items`
}

export const FORM_FIELD_TYPES = ['text', 'multiline', 'number', 'date', 'choice', 'person'] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

export interface FormChoice {
  title: string;
  value: string;
}

export interface FormField {
  id: string; // the input id and the key in the submitted data
  label: string;
  type: FormFieldType;
  value?: string | number;
  choices?: FormChoice[]; // choice: required; person: known people, else a free-text input
  required: boolean;
  error?: string; // shown in red under the field
  placeholder?: string;
  min?: number | IsoDate; // number: value; date: IsoDate
  max?: number | IsoDate; // number: value; date: IsoDate; text: maximum length
}

export interface FormView {
  command: string; // 'risk', 'status', ...: echoed back on submit
  title: string;
  intro?: string;
  fields: FormField[]; // in reading order: title first, required before optional
  asking?: string; // the id of the field the typed prompt asks now (it is not moved)
  submitLabel?: string; // default 'Save'
  formId?: string; // the form instance: its buttons carry it, so an old card is told from the waiting one
}

export interface HelpCommandView {
  usage: string; // 'risk [title] [p=1-5] [i=1-5] ...'
  description: string;
  examples: string[];
}

export interface HelpView {
  title: string;
  intro?: string;
  commands: HelpCommandView[];
  footer?: string;
}

export interface ErrorView {
  message: string;
  detail?: string;
  hint?: string; // 'Type help risk for examples.'
}

export interface ConfirmationField {
  id: string; // the field an Edit button re-asks
  label: string;
  value: string; // display form; '' when empty
  editable?: boolean; // default true
}

export interface ConfirmationView {
  command: string;
  title: string; // 'Save this risk?'
  fields: ConfirmationField[];
  note?: string;
  formId?: string; // as FormView.formId
}

export type SavedOutcome = 'created' | 'updated' | 'closed' | 'escalated' | 'approved' | 'rejected';

export interface SavedView {
  outcome: SavedOutcome;
  item: ItemView; // the headline is `${item.key} ${item.title}` (SPEC §3)
  note?: string; // said under the headline: 'Already overdue: it was due Fri 20 Nov.'
  /** Who was told, plainly (not a warning): 'Sent to Ana to decide.', 'Bo (who raised it) was told.' */
  told?: string;
}
