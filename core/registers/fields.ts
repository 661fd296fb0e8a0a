// A register field described once: its command name, stored name, key=value spellings, the value it
// takes, whether a new item needs it, and how a form asks for it. The parser (core/commands/fields),
// the services' validation (core/services/item-validation) and the forms (dialogs/) derive from it.
import type { ItemKind } from '../domain';

/** What a field's value is, which says how the parser reads it, the service checks it and a form asks it. */
export type ValueRule =
  /** One line of text (a title): the parser keeps it to one line. */
  | { type: 'line'; max: number }
  /** Free text, several lines on a form. */
  | { type: 'text'; max: number }
  /** A whole number from SCALE_MIN to SCALE_MAX (probability, impact). */
  | { type: 'scale' }
  | { type: 'choice'; values: readonly string[]; aliases?: Readonly<Record<string, string>> }
  /** A calendar date; `said` names it in the parser's messages (`review date`). */
  | { type: 'date'; said: string }
  /** A person, stored as their platform user id. */
  | { type: 'person' }
  /** The key of an existing project. */
  | { type: 'project' }
  /** One item key (of `only` that kind). */
  | { type: 'key'; only?: ItemKind }
  /** A list of item keys. */
  | { type: 'keys' };

export interface KindField {
  /** The command property: `probability`, `review`, `owner`. */
  name: string;
  /** The stored field it sets: `reviewDate`, `ownerId`; default `name`. */
  stored?: string;
  /** `key=value` spellings, preferred first: `p`, `probability`. */
  keys: readonly string[];
  value: ValueRule;
  /** How the parser's messages name it; default `name`. */
  said?: string;
  /** The form's label: `Probability`. */
  label: string;
  /** The guided form's question. */
  question: string;
  /** What it accepts, for help and the card's placeholder, when the value rule does not say it well. */
  allowed?: string;
  /** A new item cannot do without it: the form asks it, the runner reports it missing, the service refuses. */
  required?: boolean;
  /** Optional, yet asked on the typed path (the user may answer skip). */
  ask?: boolean;
  /**
   * `log`: only when an item is logged (project); `update`: only on an existing item (status);
   * `stored`: set by the services alone (no key, no form). Default: logged and updated.
   */
  only?: 'log' | 'update' | 'stored';
  /** Kept set on an existing item: update may change it, not clear it (the owner, an issue's priority). */
  keep?: boolean;
  /** A `key` field whose item lends a new item its project when none is given (an action's `item`). */
  projectFrom?: boolean;
  /**
   * A `key`/`keys` field naming items this one serves or concerns: `show` of such an item lists this
   * one (indexed), under the kind's plural, those serving it before those concerning it.
   */
  related?: 'serves' | 'concerns';
  /** A `key`/`keys` field: what naming the item itself would mean, refused ("A-1 cannot *serve* itself"). */
  selfVerb?: string;
}

/** The fields every kind has; each descriptor lists them where its forms and parser put them. */
export const TITLE: KindField = { name: 'title', keys: ['title'], value: { type: 'line', max: 200 }, label: 'Title', question: 'Give it a short title.', required: true };
export const DESCRIPTION: KindField = {
  name: 'description', keys: ['description', 'desc'], value: { type: 'text', max: 4000 }, label: 'Description', question: 'Describe it.',
};
export const OWNER: KindField = {
  name: 'owner', stored: 'ownerId', keys: ['owner'], value: { type: 'person' }, label: 'Owner', question: 'Who owns it? @mention them, or say me.', keep: true,
};
export const DUE: KindField = { name: 'due', keys: ['due'], value: { type: 'date', said: 'due date' }, label: 'Due date', question: 'When is it due?' };
export const PROJECT: KindField = {
  name: 'project', stored: 'projectKey', keys: ['project'], value: { type: 'project' }, label: 'Project',
  question: 'Which project is it for? Give its key, e.g. APOLLO.', required: true, only: 'log',
};
export const RESOLUTION: KindField = {
  name: 'resolution', keys: ['resolution'], value: { type: 'text', max: 2000 }, label: 'Resolution', question: 'How was it resolved?', only: 'update',
};

/** The title field with the kind's own question: `What is the risk? Give it a short title.` */
export const titled = (question: string): KindField => ({ ...TITLE, question });

/** `status=` on an existing item: one of the kind's statuses. */
export const status = (statuses: readonly string[]): KindField => ({
  name: 'status', keys: ['status'], value: { type: 'choice', values: statuses }, label: 'Status', question: 'Status?', required: true, only: 'update',
});

export const storedName = (field: KindField): string => field.stored ?? field.name;
