// Action A-n (SPEC §2): an owner, a due date, open or done, and the item it serves (item=R-3).
import { DESCRIPTION, DUE, OWNER, PROJECT, status, titled, type KindField } from './fields';
import type { ItemViewBase } from '../view-models';
import { given } from './cells';
import { ownColumns, type ItemRow, type RegisterDescriptor } from './types';
import { ACTION_STATUSES, ActionModel, type ActionItemEntry } from '../../models/action.model';
import type { RegisterItemBase } from '../../models/register-item';

/** The view model of a action: what its cards show. */
export interface ActionItemView extends ItemViewBase {
  kind: 'action';
  itemKey?: string; // the item it serves
}
/** The stored action, as its descriptor reads it. */
type ActionRow = ItemRow & Omit<ActionItemEntry, keyof RegisterItemBase>;

const FIELDS: KindField[] = [
  titled('What needs doing? Give it a short title.'),
  DESCRIPTION,
  OWNER,
  DUE,
  {
    name: 'item', stored: 'itemKey', keys: ['item', 'for'], value: { type: 'key' }, said: 'item', label: 'Serves',
    question: 'Which item does it serve? Give its key, e.g. R-3.', allowed: 'the key of an existing item such as R-3 or I-2', projectFrom: true, related: 'serves', selfVerb: 'serve',
  },
  PROJECT,
  status(ACTION_STATUSES),
];

export const ACTION_REGISTER: RegisterDescriptor<'action'> = {
  kind: 'action',
  model: ActionModel,
  prefix: 'A',
  nouns: { singular: 'action', article: 'an', plural: 'actions', label: 'Action', listWord: 'actions', register: 'Action log' },
  statuses: ACTION_STATUSES,
  done: ['done'],
  fields: FIELDS,
  form: ['title', 'status', 'project', 'owner', 'due', 'item', 'description'],
  closeTo: 'done',
  // By due date alone.
  rank: () => 0,
  columns: ownColumns<ActionRow>([['Serves', (a) => a.itemKey ?? '']]),
  view: (a: ActionRow): Partial<ActionItemView> => ({ itemKey: given(a.itemKey) }),
  card: {
    facts: (a: ActionItemView) => [{ title: 'Serves', value: a.itemKey }],
    texts: (a: ActionItemView) => [['Description', a.description]],
  },
  help: {
    usage: 'action [title] [owner=@user] [due=DATE] [item=KEY] [project=KEY]',
    description: 'Log an action with its owner and due date, and the item it serves; it is overdue like any item.',
    examples: ['action Call the vendor owner=me due=friday item=R-3', 'action'],
  },
};
