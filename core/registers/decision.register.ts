// Decision D-n (SPEC §2), the decision log: what was decided, why, by whom, when, and the items it concerns.
import { DECISION_STATUSES } from '../domain';
import type { RegisterDescriptor } from './types';

export const DECISION_REGISTER: RegisterDescriptor<'decision'> = {
  kind: 'decision',
  prefix: 'D',
  nouns: { singular: 'decision', article: 'a', plural: 'decisions', label: 'Decision', listWord: 'decisions' },
  statuses: DECISION_STATUSES,
  // A decision log keeps agreed decisions in view: only a superseded one is done.
  done: ['superseded'],
  required: [],
  closeTo: 'superseded',
};
