// Change request C-n (SPEC §2): impact on time/cost/scope and a decision; with the histories, the change log.
import { CHANGE_STATUSES } from '../domain';
import type { RegisterDescriptor } from './types';

export const CHANGE_REGISTER: RegisterDescriptor<'change'> = {
  kind: 'change',
  prefix: 'C',
  nouns: { singular: 'change request', article: 'a', plural: 'change requests', label: 'Change request', listWord: 'changes' },
  statuses: CHANGE_STATUSES,
  done: ['closed'],
  required: [],
  closeTo: 'closed',
};
