// Decision D-n (SPEC §2), the decision log: what was decided, why, by whom, when, and the items it concerns.
import { DECISION_STATUSES, type IsoDate } from '../domain';
import { nameIn } from './cells';
import { ownColumns, type ItemRow, type RegisterDescriptor } from './types';

interface DecisionRow extends ItemRow {
  outcome: string;
  rationale: string;
  decidedById?: string | null;
  decidedOn?: IsoDate | null;
  items?: string[];
  supersededBy?: string | null;
}

export const DECISION_REGISTER: RegisterDescriptor<'decision'> = {
  kind: 'decision',
  prefix: 'D',
  nouns: { singular: 'decision', article: 'a', plural: 'decisions', label: 'Decision', listWord: 'decisions' },
  statuses: DECISION_STATUSES,
  // A decision log keeps agreed decisions in view: only a superseded one is done.
  done: ['superseded'],
  required: [],
  closeTo: 'superseded',
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
};
