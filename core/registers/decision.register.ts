// Decision D-n (SPEC §2), the decision log: what was decided, why, by whom, when, and the items it concerns.
import type { IsoDate } from '../domain';
import { DESCRIPTION, OWNER, PROJECT, status, titled, type KindField } from './fields';
import type { ItemViewBase } from '../view-models';
import { given, nameIn, nameOf } from './cells';
import { ownColumns, type ItemRow, type RegisterDescriptor } from './types';
import { DECISION_STATUSES, DecisionModel, type DecisionEntry } from '../../models/decision.model';
import type { RegisterItemBase } from '../../models/register-item';

/** The view model of a decision: what its cards show. */
export interface DecisionItemView extends ItemViewBase {
  kind: 'decision';
  outcome?: string; // what was decided
  rationale?: string;
  decidedByName?: string;
  decidedOn?: IsoDate;
  items: string[]; // keys it concerns
  supersededBy?: string;
}
/** The stored decision, as its descriptor reads it. */
type DecisionRow = ItemRow & Omit<DecisionEntry, keyof RegisterItemBase>;

const FIELDS: KindField[] = [
  titled('What was decided? Give it a short title.'),
  DESCRIPTION,
  {
    name: 'outcome', keys: ['outcome', 'decided', 'what'], value: { type: 'text', max: 2000 }, label: 'What was decided',
    question: 'What exactly was decided?', ask: true,
  },
  { name: 'rationale', keys: ['rationale', 'why'], value: { type: 'text', max: 2000 }, label: 'Rationale', question: 'Why was it decided so?' },
  {
    name: 'decidedBy', stored: 'decidedById', keys: ['by', 'decided_by'], value: { type: 'person' }, said: 'decided by', label: 'Decided by',
    question: 'Who decided it? @mention them, or say me.',
  },
  { name: 'decidedOn', keys: ['on', 'decided_on'], value: { type: 'date', said: 'decision date' }, label: 'Decided on', question: 'When was it decided?' },
  {
    name: 'items', keys: ['items', 'item', 'concerns'], value: { type: 'keys' }, label: 'Concerns',
    question: 'Which items does it concern? Give their keys, e.g. R-3, I-2.', allowed: 'keys of existing items such as R-3, I-2', related: 'concerns', selfVerb: 'concern',
  },
  OWNER,
  PROJECT,
  status(DECISION_STATUSES),
  {
    name: 'supersededBy', keys: ['superseded_by', 'supersededby'], value: { type: 'key', only: 'decision' }, said: 'superseded by',
    label: 'Superseded by', question: 'Which decision replaced it?', only: 'update', selfVerb: 'be superseded by',
  },
];

export const DECISION_REGISTER: RegisterDescriptor<'decision'> = {
  kind: 'decision',
  model: DecisionModel,
  prefix: 'D',
  nouns: { singular: 'decision', article: 'a', plural: 'decisions', label: 'Decision', listWord: 'decisions', register: 'Decision log' },
  statuses: DECISION_STATUSES,
  // A decision log keeps agreed decisions in view: only a superseded one is done.
  done: ['superseded'],
  fields: FIELDS,
  form: ['title', 'status', 'project', 'outcome', 'rationale', 'decidedBy', 'decidedOn', 'items', 'description'],
  closeTo: 'superseded',
  // Superseded by a decision no longer in force would leave no decision in force, or make a cycle.
  refuseReference: (field, named: DecisionRow) =>
    field === 'supersededBy' && named.status === 'superseded'
      ? `${named.key} is itself superseded${named.supersededBy ? ` (by ${named.supersededBy})` : ''}; name the decision in force.`
      : undefined,
  // Naming the decision that replaces it supersedes it.
  // Put back in force (a status other than superseded): no longer superseded by the other.
  follow: (d: DecisionRow, set, { now }) => {
    if (typeof set.supersededBy === 'string' && set.supersededBy) return { status: 'superseded', closedAt: d.closedAt ?? now };
    const backInForce = d.supersededBy && typeof set.status === 'string' && set.status !== 'superseded' && !('supersededBy' in set);
    return backInForce ? { supersededBy: null } : {};
  },
  // Awaiting agreement first.
  rank: (decision: ItemRow) => (decision.status === 'proposed' ? 1 : 0),
  columns: ownColumns<DecisionRow>([
    ['Decided', (d) => d.outcome],
    ['Rationale', (d) => d.rationale],
    ['Decided by', (d, n) => nameIn(n, d.decidedById)],
    ['Decided on', (d) => d.decidedOn ?? ''],
    ['Concerns', (d) => (d.items ?? []).join(' ')],
    ['Superseded by', (d) => d.supersededBy ?? ''],
  ]),
  view: (d: DecisionRow, names): Partial<DecisionItemView> => ({
    outcome: given(d.outcome), rationale: given(d.rationale), decidedByName: nameOf(names, d.decidedById), decidedOn: given(d.decidedOn),
    items: d.items ?? [], supersededBy: given(d.supersededBy),
  }),
  card: {
    facts: (d: DecisionItemView) => [
      { title: 'Decided by', value: d.decidedByName, name: true },
      { title: 'Decided on', value: d.decidedOn },
      { title: 'Concerns', value: d.items.join(', ') },
      { title: 'Superseded by', value: d.supersededBy },
    ],
    texts: (d: DecisionItemView) => [['What was decided', d.outcome], ['Rationale', d.rationale], ['Description', d.description]],
  },
  help: {
    usage: 'decision [title] [outcome=".."] [rationale=".."] [by=@user] [on=DATE] [items=R-3,I-2] [project=KEY]',
    description: 'Log a decision in the decision log: what was decided, why, by whom, and the items it concerns. "decision" first in a message is this command; update C-n decision=approved still decides a change request.',
    examples: ['decision Use Postgres outcome="Postgres for the ledger" rationale="team knows it" items=R-3', 'decision'],
  },
};
