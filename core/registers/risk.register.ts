// Risk R-n (SPEC §2): probability × impact, response, mitigation, review date; escalates into an issue.
import { RISK_STATUSES } from '../domain';
import type { RegisterDescriptor } from './types';

export const RISK_REGISTER: RegisterDescriptor<'risk'> = {
  kind: 'risk',
  prefix: 'R',
  nouns: { singular: 'risk', article: 'a', plural: 'risks', label: 'Risk', listWord: 'risks' },
  statuses: RISK_STATUSES,
  done: ['closed'],
  required: ['probability', 'impact'],
  closeTo: 'closed',
  escalatesTo: 'issue',
};
